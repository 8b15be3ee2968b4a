// A roster step several RFC 6121 §2 cases share: a roster set that must succeed, with the push it causes.
import type { Client } from "../../harness/runner/users.ts";
import { rosterPush } from "./matchers.ts";
import { type Element, rosterSet } from "./stanzas.ts";

/** Set one item (§2.3.2: answered with a result) and return the roster push about it, not yet acknowledged. */
export async function setItemPushed(
  s: Client,
  jid: string,
  attrs?: Record<string, string>,
  groups?: string[],
): Promise<Element> {
  const push = s.expect(rosterPush(jid));
  await s.iqResult(rosterSet(jid, attrs, groups), "roster set");
  return push;
}

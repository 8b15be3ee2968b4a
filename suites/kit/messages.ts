// A message relayed between two users (RFC 6121 §5): what the recipient got of what the sender sent.
import type { Client } from "../../harness/runner/users.ts";
import { messageWithId } from "./matchers.ts";
import type { Element } from "./stanzas.ts";

/** `from` sends `msg`, built for the recipient's bare JID, to `to`; returns `to`'s copy (matched by id). */
export async function relay(from: Client, to: Client, msg: (bare: string) => Element): Promise<Element> {
  const el = msg(to.account.jid);
  await from.send(el);
  return to.expect(messageWithId(el.attrs.id));
}

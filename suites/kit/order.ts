// Proving what did and did not arrive without sleeping (DESIGN: "No sleeps"): barriers along the
// path a stanza takes (RFC 6120 §10.1 in-order processing), and which of several things came first.
import type { Matcher } from "../../harness/match.ts";
import { matches } from "../../harness/match.ts";
import type { Client } from "../../harness/runner/users.ts";
import type { Session } from "../../harness/session.ts";
import { type Element, uid, xml } from "./stanzas.ts";

/**
 * Prove that nothing sent earlier on `from`'s stream is still on its way to `to`: send a marker
 * message along the same path and wait for it.
 */
export async function markerBarrier(from: Session, to: Client): Promise<void> {
  const id = `marker-${uid()}`;
  const got = to.expect({ name: "message", id });
  await from.send(xml("message", { to: to.full, id, type: "chat" }, xml("body", {}, "marker")));
  await got;
}

/** Drop everything received so far (after a barrier), so later expectations see only new stanzas. */
export async function drain(s: Session): Promise<void> {
  await s.barrier();
  s.inbox.splice(0);
}

/** Everything matching that arrived up to a barrier (the inbox is left as it was). */
export async function arrived(s: Session, m: Matcher): Promise<Element[]> {
  return (await s.barrier()).filter((el) => matches(el, m));
}

/** Which of several awaited kinds of stanza arrived first (for ordering rules like §3.1.6 "before"). */
export async function firstOf<K extends string>(s: Session, kinds: Record<K, Matcher>): Promise<K> {
  const names = Object.keys(kinds) as K[];
  const el = await s.expect({
    where: (e) => names.some((k) => matches(e, kinds[k])),
    what: `one of: ${names.join(", ")}`,
  });
  return names.find((k) => matches(el, kinds[k])) as K;
}

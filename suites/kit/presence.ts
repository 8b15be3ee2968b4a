// Presence checks the RFC 6121 §4 cases share: a presence known by its <status/>, a broadcast that must
// not reach some entities, and a round trip of markers that bounds a probe's answer (which may come
// from the contact's own session, as ejabberd's does).
import type { MatchSpec } from "../../harness/match.ts";
import type { Client } from "../../harness/runner/users.ts";
import { presenceFromFull } from "./matchers.ts";
import { markerBarrier } from "./order.ts";
import { xml } from "./stanzas.ts";
import { sendPresence } from "./subscriptions.ts";

/** Presence from exactly `full` (undefined type: available) whose <status/> is `status`. */
export function presenceWithStatus(full: string, status: string, type?: string): MatchSpec {
  return {
    ...presenceFromFull(full, type),
    where: (el) => el.getChildText("status") === status,
    what: `with <status>${status}</status>`,
  };
}

/**
 * `user` broadcasts presence with <status>`status`</status>; none of `others` may get it (`what` names
 * the breach). Markers along each path prove the broadcast had its chance to arrive.
 */
export async function broadcastSkips(user: Client, status: string, others: Client[], what: string) {
  await sendPresence(user, xml("status", {}, status));
  for (const other of others) {
    await markerBarrier(user, other);
    await other.expectNothing(presenceWithStatus(user.full, status), what);
  }
}

/** A marker from `prober` to `contact` and one back: whatever the contact's side sent the prober is in. */
export async function roundTrip(prober: Client, contact: Client): Promise<void> {
  await markerBarrier(prober, contact);
  await markerBarrier(contact, prober);
}

/** `user` broadcasts presence with <status>`status`</status>; each of `receivers` must get it. */
export async function broadcastReaches(user: Client, status: string, receivers: Client[]): Promise<void> {
  const got = receivers.map((r) => r.expect(presenceWithStatus(user.full, status)));
  await sendPresence(user, xml("status", {}, status));
  await Promise.all(got);
}

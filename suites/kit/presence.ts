// Presence checks the RFC 6121 §4 cases share: a presence known by its <status/>, and a round trip of
// markers that bounds a probe's answer (which may come from the contact's own session, as ejabberd's does).
import type { MatchSpec } from "../../harness/match.ts";
import type { Client } from "../../harness/runner/users.ts";
import { presenceFromFull } from "./matchers.ts";
import { markerBarrier } from "./order.ts";

/** Presence from exactly `full` (undefined type: available) whose <status/> is `status`. */
export function presenceWithStatus(full: string, status: string, type?: string): MatchSpec {
  return {
    ...presenceFromFull(full, type),
    where: (el) => el.getChildText("status") === status,
    what: `with <status>${status}</status>`,
  };
}

/** A marker from `prober` to `contact` and one back: whatever the contact's side sent the prober is in. */
export async function roundTrip(prober: Client, contact: Client): Promise<void> {
  await markerBarrier(prober, contact);
  await markerBarrier(contact, prober);
}

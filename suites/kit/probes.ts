// A presence probe sent by hand (RFC 6121 §4.3) and everything that answers it, in one step.
import type { Client } from "../../harness/runner/users.ts";
import { roundTrip } from "./presence.ts";
import { type Element, presence } from "./stanzas.ts";

/**
 * `prober` probes `user`'s full JID with this id; returns what reached the prober from then on. The answer
 * may come from the user's own session, so a marker there and one back bound it.
 */
export async function probeAnswers(prober: Client, user: Client, id: string): Promise<Element[]> {
  prober.inbox.splice(0);
  await prober.send(presence({ to: user.full, type: "probe", id }));
  await roundTrip(prober, user);
  return prober.inbox;
}

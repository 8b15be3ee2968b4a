// What must reach whom, and what must not, proved without sleeping: waits started before the stanza that
// causes them, and a marker along the path for what must stay away (RFC 6120 §10.1 in-order processing).
import type { Matcher, MatchSpec } from "../../harness/match.ts";
import type { Client } from "../../harness/runner/users.ts";
import type { Session } from "../../harness/session.ts";
import { markerBarrier } from "./order.ts";
import type { Element } from "./stanzas.ts";

/** Start waiting for each (session, stanza) pair, do `cause`, and wait until every one has arrived. */
export async function eachArrives(
  watch: [Session, MatchSpec][],
  cause: () => Promise<unknown>,
): Promise<Element[]> {
  const got = watch.map(([s, m]) => s.expect(m));
  await cause();
  return Promise.all(got);
}

/** Nothing matching may reach `to` from what `from` has sent so far (a marker message proves it). */
export async function nothingReaches(from: Session, to: Client, m: Matcher, why: string): Promise<void> {
  await markerBarrier(from, to);
  await to.expectNothing(m, why);
}

/** Every one of `sessions` must get a stanza matching `m` once `cause` is done. */
export function allGet(sessions: Session[], m: MatchSpec, cause: () => Promise<unknown>): Promise<Element[]> {
  return eachArrives(
    sessions.map((s) => [s, m]),
    cause,
  );
}

// What a batch of stanza cases caused, taken out of the parties' inboxes once: the level's oracles
// judge it, and a differential campaign's observer (when one listens on the rig) normalises the very
// same elements into an outcome, so the two never read the wire differently.
import type { Session } from "../session.ts";
import type { Element } from "../xml/element.ts";
import { drain } from "./oracles.ts";
import type { Parties, Rig } from "./rig.ts";

/** One case of a batch: its tag and the stanzas it sent (copies, as they went out). */
export interface SentCase {
  tag: string;
  sent: Element[];
}

/** Everything the parties held after a batch's sync, by role. */
export interface Effects {
  cases: SentCase[];
  alice: Element[];
  bob: Element[];
  eve: Element[];
}

/**
 * The raw stream an XML case wrote on; `probe` once the case asked the target whether it had read
 * everything (a ping after the input): "unanswered" when neither an answer nor the stream's end came in time.
 */
export interface ObservedStream {
  kind: "stream";
  session: Session;
  probe?: "answered" | "unanswered";
}

/** What an observer is told: a stanza batch's effects, or the raw stream an XML case wrote on. */
export type Observed = { kind: "stanzas"; effects: Effects } | ObservedStream;

const listeners = new WeakMap<Rig, (o: Observed) => void>();

/** Listen to what the rig's cases observe (one listener per rig; undefined stops listening). */
export function listen(rig: Rig, fn: ((o: Observed) => void) | undefined): void {
  if (fn) listeners.set(rig, fn);
  else listeners.delete(rig);
}

export function note(rig: Rig, o: Observed): void {
  listeners.get(rig)?.(o);
}

/**
 * Empty the parties' inboxes into the batch's effects. `replies` are answers the level already took
 * out while waiting for them; they belong to alice's share.
 */
export function collectEffects(rig: Rig, p: Parties, cases: SentCase[], replies: Element[] = []): Effects {
  const effects: Effects = {
    cases,
    alice: [...replies, ...drain(p.alice)],
    bob: drain(p.bob),
    eve: drain(p.eve),
  };
  note(rig, { kind: "stanzas", effects });
  return effects;
}

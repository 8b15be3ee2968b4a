// Matchers as data: what a case waits for, in a form a timeout can name ("no <presence type='subscribe'
// from bob@example (any resource)> within 5000 ms") instead of "no matching stanza".
import type { MatchSpec } from "../../harness/match.ts";
import { type Element, NS } from "../../harness/xml/element.ts";

/**
 * Presence from a bare JID (or any of its resources). `type` undefined matches an available presence
 * (no 'type' attribute); pass "*" for any type.
 */
export function presenceFrom(bare: string, type?: string): MatchSpec {
  return type === "*"
    ? { name: "presence", fromBare: bare }
    : { name: "presence", type: type ?? "", fromBare: bare };
}

/** Presence from exactly this full JID (undefined type: available). */
export function presenceFromFull(full: string, type?: string): MatchSpec {
  return { name: "presence", type: type ?? "", from: full };
}

/** A roster push (an IQ set) carrying an item for `jid`, optionally in one of these subscription states. */
export function rosterPush(jid: string, subscription?: string | string[], ask?: string): MatchSpec {
  return { name: "iq", type: "set", rosterItem: { jid, subscription, ask } };
}

/**
 * A roster push for `jid` in one of these states with no 'ask' on the item: the push that settles a state,
 * never an earlier one still pending (a 'none' push with ask='subscribe' is not a cancellation's 'none').
 */
export function settledPush(jid: string, subscription: string | string[]): MatchSpec {
  const pending = (el: Element) =>
    (el.getChild("query", NS.roster)?.getChildren("item") ?? []).some((i) => i.attrs.ask !== undefined);
  return { ...rosterPush(jid, subscription), where: (el) => !pending(el), what: "without 'ask'" };
}

/** A message with this id (what a delivery check waits for). */
export function messageWithId(id: string): MatchSpec {
  return { name: "message", id };
}

/** A message from a bare JID (any resource), of `type` when given. */
export function messageFrom(bare: string, type?: string): MatchSpec {
  return type === undefined ? { name: "message", fromBare: bare } : { name: "message", type, fromBare: bare };
}

/** The IQ reply (result or error) to the request with this id. */
export function iqReplyTo(id: string): MatchSpec {
  return {
    name: "iq",
    id,
    where: (el) => el.attrs.type === "result" || el.attrs.type === "error",
    what: "of type result or error",
  };
}

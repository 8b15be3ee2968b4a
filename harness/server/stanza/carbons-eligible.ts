// XEP-0280 §6.1: which messages are carbon-copied. The reference server applies every rule of §6.1 and
// so advertises urn:xmpp:carbons:rules:0 (§6.2). It has no MUC service: MUC-related messages are told by
// the <x xmlns='http://jabber.org/protocol/muc#user'/> element §6.1 names.
import type { Element } from "../../xml/element.ts";
import { childElements, contentChildren } from "./util.ts";

export const NS_CARBONS = "urn:xmpp:carbons:2";
export const NS_CARBONS_RULES = "urn:xmpp:carbons:rules:0";
export const NS_FORWARD = "urn:xmpp:forward:0";
const NS_HINTS = "urn:xmpp:hints";
const NS_MUC_USER = "http://jabber.org/protocol/muc#user";
const NS_CONFERENCE = "jabber:x:conference";
/** Payloads "typically used in IM": receipts (XEP-0184), chat states (XEP-0085), markers (XEP-0333). */
const IM_PAYLOADS = new Set([
  "urn:xmpp:receipts",
  "http://jabber.org/protocol/chatstates",
  "urn:xmpp:chat-markers:0",
]);

const has = (el: Element, name: string, ns: string) => el.getChild(name, ns) !== undefined;

/** §9: the sender asked that this message not be copied (<private/>; XEP-0334's <no-copy/> hint too). */
export function isPrivate(stanza: Element): boolean {
  return has(stanza, "private", NS_CARBONS) || has(stanza, "no-copy", NS_HINTS);
}

/** A carbon already (a wrapper the server made, or one a client forged): never copied again as a carbon. */
export function isCarbon(stanza: Element): boolean {
  return has(stanza, "received", NS_CARBONS) || has(stanza, "sent", NS_CARBONS);
}

/** A direct (XEP-0249) or mediated (XEP-0045 §7.8.2) MUC invitation. */
function isInvitation(stanza: Element): boolean {
  if (has(stanza, "x", NS_CONFERENCE)) return true;
  const user = stanza.getChild("x", NS_MUC_USER);
  return user !== undefined && user.getChild("invite") !== undefined;
}

/**
 * Is `stanza` eligible under §6.1? `inbound`: it arrives for the copied account from someone else (a
 * private message from a MUC participant is then not copied: the MUC replicates it itself).
 * `answersEligible`: for an error, whether it answers a message that was eligible.
 */
export function eligible(stanza: Element, inbound: boolean, answersEligible: boolean): boolean {
  if (isPrivate(stanza) || isCarbon(stanza)) return false;
  // RFC 6121 §5.2.2: no 'type', or one the server does not know, is "normal"
  const given = stanza.attrs.type ?? "normal";
  const type = ["chat", "error", "groupchat", "headline"].includes(given) ? given : "normal";
  if (type === "groupchat") return false;
  if (isInvitation(stanza)) return true;
  if (inbound && has(stanza, "x", NS_MUC_USER)) return false;
  if (type === "error") return answersEligible;
  if (type === "chat") return true;
  if (type === "normal" && contentChildren(stanza, "body").length > 0) return true;
  return childElements(stanza).some((c) => IM_PAYLOADS.has(c.getNS() ?? ""));
}

// What the presence faults (faults/presence.ts, faults/stanza-*.ts, faults/delivery.ts) do to presence
// broadcast, directed presence and inbound delivery, kept apart from presence.ts so the rule-abiding code
// there (RFC 6121 §4, §8.5) stays readable: each hook is called at one place, and without its fault it
// does what the RFC says. Probes are in ./fault-hooks-probes.ts.
import type { Jid } from "../../jid.ts";
import type { Element } from "../../xml/element.ts";
import type { BoundSession } from "../types.ts";
import type { StanzaContext } from "./context.ts";
import { storeOffline } from "./offline.ts";
import { routeFromServer } from "./router.ts";
import { cloneElement, contentChildren } from "./util.ts";

/** Resources that ended a presence session once (re-initial-presence-not-initial). */
const endedOnce = new WeakSet<BoundSession>();
/** Per resource, the first presence of its session (probe-answer-incomplete). */
export const firstPresence = new WeakMap<BoundSession, Element>();
/** Per resource, subscribers that got directed unavailable presence (directed-unavailable-stops-broadcast). */
const muted = new WeakMap<BoundSession, Set<string>>();

/** unknown-presence-type-relayed: a presence of an unknown type is processed as if it had none. */
export function unknownTypeRelayed(ctx: StanzaContext): boolean {
  return ctx.fault("unknown-presence-type-relayed");
}

/** presence-syntax-unchecked: any number, any <show/>, several of each; missing-priority-negative: none = -1. */
export function faultyPriority(ctx: StanzaContext, stanza: Element): number | undefined {
  const prios = contentChildren(stanza, "priority");
  if (prios.length === 0 && ctx.fault("missing-priority-negative")) return -1;
  if (!ctx.fault("presence-syntax-unchecked")) return undefined;
  return prios.length === 0 ? 0 : Number.parseInt(prios[0].getText(), 10) || 0;
}

/**
 * Presence the server finds invalid, when not bounced: presence-syntax-dropped sends it nowhere and says
 * nothing; presence-syntax-invalid-xml (allowed, RFC 6120 §11.4) closes the stream with <invalid-xml/>.
 */
export function invalidPresenceTakenOver(ctx: StanzaContext, session: BoundSession): boolean {
  if (!ctx.fault("presence-syntax-invalid-xml")) return ctx.fault("presence-syntax-dropped");
  session.streamError("invalid-xml", "presence does not conform to the schema");
  return true;
}

// ---- broadcast (§4.2, §4.4) ----

/** re-initial-presence-not-initial: a resource's second presence session starts as a subsequent presence. */
export function reInitialNotInitial(ctx: StanzaContext, session: BoundSession): boolean {
  return endedOnce.has(session) && ctx.fault("re-initial-presence-not-initial");
}

/** Bookkeeping for probe-answer-incomplete and re-initial-presence-not-initial. */
export function noteSessionStart(session: BoundSession, initial: Element): void {
  firstPresence.set(session, initial);
}

export function noteSessionEnd(session: BoundSession): void {
  endedOnce.add(session);
}

/** no-initial-broadcast, subsequent-presence-not-broadcast: the presence is broadcast to no one. */
export function broadcastSilenced(ctx: StanzaContext, initial: boolean): boolean {
  return initial ? ctx.fault("no-initial-broadcast") : ctx.fault("subsequent-presence-not-broadcast");
}

/** presence-broadcast-ignores-subscription: contacts without a subscription get the broadcast too. */
export function broadcastToUnsubscribed(ctx: StanzaContext): boolean {
  return ctx.fault("presence-broadcast-ignores-subscription");
}

/** presence-broadcast-to-everyone: the presence also reaches every available stranger the server knows. */
export function broadcastToStrangers(ctx: StanzaContext, session: BoundSession, pres: Element): void {
  if (!ctx.fault("presence-broadcast-to-everyone")) return;
  const account = session.jid.bare().toString();
  for (const s of ctx.known) {
    const owner = s.jid.bare().toString();
    if (!s.available || owner === account || ctx.rosters.get(account, owner)) continue;
    const out = cloneElement(pres);
    out.attrs.to = s.jid.toString();
    ctx.send(s, out);
  }
}

/** Should the broadcast skip this contact (the directed-* faults)? */
export function skipContact(
  ctx: StanzaContext,
  session: BoundSession,
  jid: string,
  directed: Set<string>,
): boolean {
  if (ctx.fault("directed-unavailable-stops-broadcast") && muted.get(session)?.has(jid)) return true;
  return ctx.fault("directed-contact-not-broadcast") && directed.has(jid);
}

/** presence-broadcast-stripped: the copy for contacts keeps no children but <priority/>. */
export function broadcastCopy(ctx: StanzaContext, pres: Element): Element {
  const out = cloneElement(pres);
  if (ctx.fault("presence-broadcast-stripped"))
    out.children = out.children.filter((c) => typeof c !== "string" && c.name === "priority");
  return out;
}

/** directed-target-gets-broadcasts: entities that got directed presence get every broadcast too. */
export function broadcastToDirected(ctx: StanzaContext, pres: Element, directed: Set<string>): void {
  if (!ctx.fault("directed-target-gets-broadcasts")) return;
  for (const key of directed) {
    const out = cloneElement(pres);
    out.attrs.to = key;
    routeFromServer(ctx, out);
  }
}

// ---- directed presence (§4.6) ----

/** directed-unavailable-kept: an entity sent directed unavailable presence stays on the list. */
export function directedUnavailableKept(ctx: StanzaContext): boolean {
  return ctx.fault("directed-unavailable-kept");
}

/** Bookkeeping for directed-unavailable-stops-broadcast: who got directed unavailable presence. */
export function noteDirectedUnavailable(session: BoundSession, jid: string): void {
  const set = muted.get(session) ?? new Set<string>();
  set.add(jid);
  muted.set(session, set);
}

/** directed-no-unavailable: entities that got directed presence hear nothing when the session ends. */
export function directedUnavailableWithheld(ctx: StanzaContext): boolean {
  return ctx.fault("directed-no-unavailable");
}

// ---- the end of a presence session (§4.5) ----

/** generated-unavailable-copies-presence: the last presence turned into unavailable, children and all. */
export function unavailableFromLast(ctx: StanzaContext, session: BoundSession): Element | undefined {
  if (!session.lastPresence || !ctx.fault("generated-unavailable-copies-presence")) return undefined;
  const out = cloneElement(session.lastPresence);
  out.attrs.type = "unavailable";
  out.attrs.from = session.jid.toString();
  return out;
}

/** unavailable-not-to-own-resources: the user's other resources do not hear of it. */
export function unavailableNotToOwn(ctx: StanzaContext): boolean {
  return ctx.fault("unavailable-not-to-own-resources");
}

/** no-unavailable-on-close: a session that ends without unavailable presence ends silently. */
export function endedSilently(ctx: StanzaContext, session: BoundSession): boolean {
  if (!ctx.fault("no-unavailable-on-close")) return false;
  session.available = false;
  ctx.directed.get(session)?.clear();
  return true;
}

// ---- inbound presence for a local user (§8.5) ----

/** unknown-account-presence-bounced (unknown-account-probe-bounced for probes): presence for a missing account bounces. */
export function unknownAccountBounced(ctx: StanzaContext, stanza: Element, from: Jid | null): boolean {
  const type = stanza.attrs.type;
  const fault = type === "probe" ? "unknown-account-probe-bounced" : "unknown-account-presence-bounced";
  if (!ctx.fault(fault) || !from || type === "error") return false;
  routeFromServer(ctx, ctx.error(stanza, "service-unavailable"));
  return true;
}

/** unmatched-presence-bounced: presence for a full JID that matches no resource bounces. */
export function unmatchedBounced(ctx: StanzaContext, stanza: Element): boolean {
  if (!ctx.fault("unmatched-presence-bounced")) return false;
  routeFromServer(ctx, ctx.error(stanza, "service-unavailable"));
  return true;
}

/** subscribe-not-delivered, inbound-unsubscribe-ignored: an inbound subscription stanza is dropped. */
export function inboundSubscriptionIgnored(ctx: StanzaContext, type: string, account: Jid): boolean {
  if (type === "subscribe" && ctx.available(account).length > 0 && ctx.fault("subscribe-not-delivered"))
    return true;
  return type === "unsubscribe" && ctx.fault("inbound-unsubscribe-ignored");
}

/** bare-jid-stanzas-dropped: presence for a bare JID reaches no resource. */
export function barePresenceDropped(ctx: StanzaContext): boolean {
  return ctx.fault("bare-jid-stanzas-dropped");
}

/**
 * offline-presence-stored (presence for an account with no available resource is stored) and
 * bare-presence-one-resource (only the first available resource gets it): the resources that get it.
 */
export function barePresenceRecipients(
  ctx: StanzaContext,
  stanza: Element,
  account: Jid,
  available: BoundSession[],
): BoundSession[] {
  if (available.length === 0 && stanza.attrs.type !== "error" && ctx.fault("offline-presence-stored"))
    storeOffline(ctx, account, stanza);
  return ctx.fault("bare-presence-one-resource") ? available.slice(0, 1) : available;
}

/** full-jid-presence-dropped: presence for a connected full JID is dropped. */
export function fullJidPresenceDropped(ctx: StanzaContext): boolean {
  return ctx.fault("full-jid-presence-dropped");
}

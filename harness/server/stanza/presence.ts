// Presence (RFC 6121 §4): broadcast of available and unavailable presence, directed presence, presence
// probes and their answers, and local delivery of inbound presence (§8.5.2.1.2, §8.5.3).
import { type Jid, tryParseJid } from "../../jid.ts";
import { type Element, NS, xml } from "../../xml/element.ts";
import type { BoundSession } from "../types.ts";
import { presenceCut } from "./blocking-filter.ts";
import type { StanzaContext } from "./context.ts";
import {
  barePresenceDropped,
  barePresenceRecipients,
  broadcastCopy,
  broadcastSilenced,
  broadcastToDirected,
  broadcastToStrangers,
  broadcastToUnsubscribed,
  directedUnavailableKept,
  directedUnavailableWithheld,
  endedSilently,
  faultyPriority,
  fullJidPresenceDropped,
  inboundSubscriptionIgnored,
  invalidPresenceTakenOver,
  noteDirectedUnavailable,
  noteSessionEnd,
  noteSessionStart,
  reInitialNotInitial,
  skipContact,
  unavailableFromLast,
  unavailableNotToOwn,
  unknownAccountBounced,
  unknownTypeRelayed,
  unmatchedBounced,
} from "./fault-hooks-presence.ts";
import {
  directedProbeUnanswered,
  leakyAnswerSent,
  otherResourcesAnswer,
  probeAnswerBent,
  probeAnswerSources,
  proberAuthorizedAnyway,
  probeTakenOver,
  probeUnanswered,
  storedRequestCopies,
  subscriptionContact,
  unsolicitedDelivered,
  unsubscribedFrom,
} from "./fault-hooks-probes.ts";
import { flushOffline } from "./offline.ts";
import { bounce, isRemote, routeFromServer, routeRemote, type Target } from "./router.ts";
import {
  contactSubscribed,
  SUBSCRIPTION_TYPES,
  type SubscriptionType,
  userSubscribed,
} from "./subscription-states.ts";
import { inboundSubscription, outboundSubscription } from "./subscriptions.ts";
import { cloneElement, contentChildren, xmppTimestamp } from "./util.ts";

const PRESENCE_TYPES = new Set(["unavailable", "probe", "error", ...SUBSCRIPTION_TYPES]);
const SHOW_VALUES = new Set(["away", "chat", "dnd", "xa"]);

/** §4.7.1: a presence of a type the server does not know is refused (bad-request). */
function refusedType(ctx: StanzaContext, type: string | undefined): boolean {
  return type !== undefined && !PRESENCE_TYPES.has(type) && !unknownTypeRelayed(ctx);
}

function isSubscriptionType(type: string | undefined): type is SubscriptionType {
  return (SUBSCRIPTION_TYPES as readonly string[]).includes(type ?? "");
}

/** The priority of an available presence (RFC 6121 §4.7.2.3), null when the stanza breaks §4.7.2. */
function priorityOf(stanza: Element): number | null {
  const shows = contentChildren(stanza, "show");
  const prios = contentChildren(stanza, "priority");
  // §4.7.2.1-§4.7.2.3: none of them may hold mixed content
  const texts = [...shows, ...prios, ...contentChildren(stanza, "status")];
  if (texts.some((c) => c.getChildElements().length > 0)) return null;
  if (shows.length > 1 || (shows.length === 1 && !SHOW_VALUES.has(shows[0].getText().trim()))) return null;
  if (prios.length === 0) return 0; // "MUST consider the priority to be zero"
  if (prios.length > 1) return null;
  const text = prios[0].getText().trim();
  if (!/^[+-]?\d{1,3}$/.test(text)) return null;
  const n = Number(text);
  return n >= -128 && n <= 127 ? n : null;
}

function directedList(ctx: StanzaContext, session: BoundSession): Map<string, Jid> {
  let list = ctx.directed.get(session);
  if (!list) {
    list = new Map();
    ctx.directed.set(session, list);
  }
  return list;
}

/** A presence stanza from a local client (RFC 6120 §10.3.2, RFC 6121 §3, §4). */
export function clientPresence(
  ctx: StanzaContext,
  session: BoundSession,
  stanza: Element,
  target: Target,
): void {
  const type = stanza.attrs.type;
  // §4.7.1: an unknown type SHOULD get bad-request.
  if (refusedType(ctx, type)) {
    bounce(ctx, session, stanza, "bad-request", target);
    return;
  }
  if (target.kind === "none") {
    // §4.2-4.5: presence without 'to' is broadcast presence; other types mean nothing without a 'to'.
    if (type === undefined) {
      broadcastAvailable(ctx, session, stanza);
      return;
    }
    if (type === "unavailable") {
      endPresence(ctx, session, stanza);
      return;
    }
    return;
  }
  if (target.kind === "malformed") {
    if (type !== "error") bounce(ctx, session, stanza, "jid-malformed", target);
    return;
  }
  // RFC 6120 §10.5.1-2: presence to the server itself is "handled" by taking note of it, nothing more.
  if (target.kind === "domain") return;
  const to = target.jid;
  if (isSubscriptionType(type)) {
    // §3.1.2 rule 1: a full JID is treated as the contact's bare JID; subscribing to oneself is moot.
    const contact = subscriptionContact(ctx, to);
    if (contact.bare().equals(session.jid.bare())) return;
    if (unsolicitedDelivered(ctx, session, stanza, contact.bare())) return;
    outboundSubscription(ctx, session, stanza, contact);
    return;
  }
  if (type === "probe") {
    // §4.3: a client probe is processed (or routed) but never by itself the cause of an error.
    if (probeTakenOver(ctx, session, stanza, to)) return;
    if (isRemote(ctx, to)) routeFromServer(ctx, stanza);
    else
      for (const reply of probeReplies(ctx, session.jid, to, stanza.attrs.id))
        if (!leakyAnswerSent(ctx, session, reply)) routeFromServer(ctx, reply);
    return;
  }
  // Directed presence (§4.6.3), available, unavailable or error.
  if (type !== "error") noteDirected(ctx, session, to, type === "unavailable");
  if (isRemote(ctx, to)) {
    // RFC 6120 §10.4.3: an unreachable domain bounces (errors are never answered with errors).
    if (type === "error") routeFromServer(ctx, stanza);
    else routeRemote(ctx, stanza, session);
    return;
  }
  deliverPresence(ctx, stanza, to);
}

/** §4.6.1, §4.6.3: remember who got directed presence outside the subscription, forget on unavailable. */
function noteDirected(ctx: StanzaContext, session: BoundSession, to: Jid, unavailable: boolean): void {
  const list = directedList(ctx, session);
  if (unavailable) {
    if (!directedUnavailableKept(ctx)) list.delete(to.toString());
    noteDirectedUnavailable(session, to.bare().toString());
    return;
  }
  // Rule 1: a subscribed contact already gets every broadcast during the presence session.
  const c = ctx.rosters.get(session.jid.bare().toString(), to.bare().toString());
  if (session.available && contactSubscribed(c)) return;
  list.set(to.toString(), to);
}

/** Initial or subsequent available presence (RFC 6121 §4.2.2, §4.4.2). */
function broadcastAvailable(ctx: StanzaContext, session: BoundSession, stanza: Element): void {
  const priority = faultyPriority(ctx, stanza) ?? priorityOf(stanza);
  if (priority === null) {
    if (!invalidPresenceTakenOver(ctx, session))
      bounce(ctx, session, stanza, "bad-request", { kind: "none" });
    return;
  }
  const initial = !session.available && !reInitialNotInitial(ctx, session);
  if (initial) noteSessionStart(session, stanza);
  const account = session.jid.bare();
  const pres = cloneElement(stanza);
  delete pres.attrs.to;
  session.available = true;
  session.priority = priority;
  session.lastPresence = pres;
  ctx.lastUnavailable.delete(account.toString());

  if (!broadcastSilenced(ctx, initial)) {
    // §4.2.2 / §4.4.2: the full XML to every contact with subscription from or both ...
    const directed = new Set(directedList(ctx, session).keys());
    for (const c of ctx.rosters.items(account.toString())) {
      if (!contactSubscribed(c) && !broadcastToUnsubscribed(ctx)) continue;
      if (skipContact(ctx, session, c.jid, directed)) continue;
      const out = broadcastCopy(ctx, pres);
      out.attrs.to = c.jid;
      routeFromServer(ctx, out);
    }
    broadcastToDirected(ctx, pres, directed);
    broadcastToStrangers(ctx, session, pres);
    // ... and to all of the user's available resources, the sender included.
    const own = cloneElement(pres);
    own.attrs.to = account.toString();
    for (const s of ctx.available(account)) ctx.send(s, own);
  }
  if (initial) startPresenceSession(ctx, session);
  flushOffline(ctx, session); // XEP-0160: on the first non-negative available presence
}

/** What a new presence session learns (RFC 6121 §4.2.2 probes, §3.1.3 stored requests). */
function startPresenceSession(ctx: StanzaContext, session: BoundSession): void {
  const account = session.jid.bare();
  for (const c of ctx.rosters.items(account.toString())) {
    if (!userSubscribed(c)) continue;
    const contact = tryParseJid(c.jid);
    if (!contact) continue;
    const id = ctx.newId("probe");
    if (isRemote(ctx, contact)) {
      // §4.3.1: probe from the bare JID; the answers come back to the bare JID.
      routeFromServer(ctx, xml("presence", { type: "probe", from: account.toString(), to: c.jid, id }));
      continue;
    }
    // §4.3.1: no probe is needed for a local contact: the server answers it itself, to the new resource.
    for (const reply of probeReplies(ctx, account, contact, id)) {
      if (reply.attrs.type === "unsubscribed") routeFromServer(ctx, reply);
      else ctx.send(session, reply);
    }
  }
  // The user is implicitly subscribed to its own presence (§4.2.2): the other resources' presence.
  for (const s of ctx.available(account)) {
    if (s === session || !s.lastPresence) continue;
    const p = cloneElement(s.lastPresence);
    p.attrs.from = s.jid.toString();
    p.attrs.to = account.toString();
    ctx.send(session, p);
  }
  // §3.1.3 rule 4: pending subscription requests, one per contact, until answered.
  for (const c of ctx.rosters.records(account.toString())) {
    if (!c.pendingIn) continue;
    for (const request of storedRequestCopies(ctx, c.pendingIn)) ctx.send(session, request);
  }
}

/**
 * The end of a presence session: unavailable presence from the client (`stanza`), or generated for a
 * session that ended without one (`null`, RFC 6121 §4.5.2). Subscribed contacts, the user's available
 * resources and every entity that got directed presence (§4.6.3 rule 2) hear of it.
 */
export function endPresence(ctx: StanzaContext, session: BoundSession, stanza: Element | null): void {
  const account = session.jid.bare();
  const wasAvailable = session.available;
  // A client's own stanza keeps the 'from' the connection layer stamped; a generated one gets the full JID.
  const pres = stanza
    ? cloneElement(stanza)
    : (unavailableFromLast(ctx, session) ??
      xml("presence", { type: "unavailable", from: session.jid.toString() }));
  delete pres.attrs.to;
  session.available = false;
  session.priority = 0;
  session.lastPresence = undefined;
  const sent = new Set<string>();
  if (wasAvailable) {
    // §4.5.2: every contact with subscription from or both, gracefully or not.
    for (const c of ctx.rosters.items(account.toString())) {
      if (!contactSubscribed(c)) continue;
      const out = broadcastCopy(ctx, pres);
      out.attrs.to = c.jid;
      routeFromServer(ctx, out);
      sent.add(c.jid);
    }
    // §4.5.2: all of the user's available resources, and the one that sent it (if it is still there).
    const own = cloneElement(pres);
    own.attrs.to = account.toString();
    if (!unavailableNotToOwn(ctx)) for (const s of ctx.available(account)) ctx.send(s, own);
    if (stanza) ctx.send(session, own);
    noteSessionEnd(session);
  }
  const list = directedList(ctx, session);
  if (!directedUnavailableWithheld(ctx)) {
    for (const key of list.keys()) {
      if (sent.has(key)) continue;
      const out = cloneElement(pres);
      out.attrs.to = key;
      routeFromServer(ctx, out);
    }
  }
  list.clear();
  if (wasAvailable && ctx.available(account).length === 0)
    ctx.lastUnavailable.set(account.toString(), ctx.now());
}

/** A bound session went away (RFC 6121 §4.5.2: "MUST NOT depend on receiving unavailable presence"). */
export function presenceSessionEnded(ctx: StanzaContext, session: BoundSession): void {
  ctx.known.delete(session);
  if (endedSilently(ctx, session)) return;
  endPresence(ctx, session, null);
}

/** Presence for a local user (`to` has a localpart): RFC 6121 §8.5.1, §8.5.2.1.2, §8.5.2.2.2, §8.5.3. */
export function deliverPresence(ctx: StanzaContext, stanza: Element, to: Jid): void {
  const type = stanza.attrs.type;
  const account = to.bare();
  const from = tryParseJid(stanza.attrs.from ?? "");
  if (!ctx.exists(account)) {
    // §8.5.1: ignore everything, except that a probe MAY get "unsubscribed" (§4.3.2 rule 1 says SHOULD).
    if (unknownAccountBounced(ctx, stanza, from)) return;
    if (type === "probe" && from)
      for (const r of probeReplies(ctx, from, to, stanza.attrs.id)) routeFromServer(ctx, r);
    return;
  }
  if (refusedType(ctx, type)) {
    if (from) routeFromServer(ctx, ctx.error(stanza, "bad-request"));
    return;
  }
  const unmatched = !to.isBare && !ctx.session(to);
  const ignorable = type !== "probe" && type !== "subscribe" && type !== "error";
  if (unmatched && ignorable && from && unmatchedBounced(ctx, stanza)) return;
  if (isSubscriptionType(type)) {
    if (!from) return;
    if (inboundSubscriptionIgnored(ctx, type, account)) return;
    // §8.5.3.2.2: to a full JID that matches no resource, only "subscribe" counts (treated as bare).
    if (!to.isBare && !ctx.session(to) && type !== "subscribe") return;
    // §3.1.3: a request to a full JID is treated (and readdressed) as one to the bare JID.
    const bare = cloneElement(stanza);
    bare.attrs.to = account.toString();
    inboundSubscription(ctx, bare, account, from.bare());
    return;
  }
  if (type === "probe") {
    if (!from) return;
    for (const reply of probeReplies(ctx, from, to, stanza.attrs.id)) routeFromServer(ctx, reply);
    return;
  }
  // Available, unavailable or error presence.
  if (type === "unavailable" && from) {
    // §4.6.1: SHOULD remove an entity that sends unavailable presence from the directed-presence lists.
    for (const s of ctx.sessions(account)) {
      const list = ctx.directed.get(s);
      list?.delete(from.toString());
      list?.delete(from.bare().toString());
    }
  }
  if (to.isBare) {
    // §8.5.2.1.2: all available resources, 'to' untouched; none available: ignore (§8.5.2.2.2).
    if (barePresenceDropped(ctx)) return;
    for (const s of barePresenceRecipients(ctx, stanza, account, ctx.available(account))) ctx.send(s, stanza);
    return;
  }
  // §8.5.3.1: the connected resource that matches; no match: ignore (§8.5.3.2.2).
  const s = ctx.session(to);
  if (s && !fullJidPresenceDropped(ctx)) ctx.send(s, stanza);
}

/** Has this resource sent directed presence to `prober` (its full or bare JID) in this session? */
function sentDirectedTo(ctx: StanzaContext, s: BoundSession, prober: Jid): boolean {
  const list = ctx.directed.get(s);
  return !!list && (list.has(prober.toString()) || list.has(prober.bare().toString()));
}

/**
 * The answers to a presence probe from `prober` to `target` (a local JID), RFC 6121 §4.3.2 and §4.6.6.
 * Answers are addressed to the prober; unauthorised probers learn nothing but "unsubscribed".
 */
export function probeReplies(ctx: StanzaContext, prober: Jid, target: Jid, id?: string): Element[] {
  const account = target.bare();
  const unsubscribed = () => [
    xml("presence", {
      from: unsubscribedFrom(ctx, account).toString(),
      to: prober.toString(),
      type: "unsubscribed",
      id,
    }),
  ];
  // Rule 1: no such account (also §8.5.1 option (b)).
  if (!ctx.exists(account)) return unsubscribed();
  if (probeUnanswered(ctx) || presenceCut(ctx, prober, account)) return []; // XEP-0191 §3.3
  const c = ctx.rosters.get(account.toString(), prober.bare().toString());
  const authorized = prober.bare().equals(account) || contactSubscribed(c) || proberAuthorizedAnyway(ctx);
  if (!authorized) {
    // §4.6.6: mere presence for each resource that sent the prober directed presence, and only those.
    const directed = ctx
      .sessions(account)
      .filter((s) => (target.isBare || s.jid.equals(target)) && sentDirectedTo(ctx, s, prober));
    if (directed.length === 0 || directedProbeUnanswered(ctx)) return unsubscribed();
    return directed.map((s) =>
      xml("presence", {
        from: s.jid.toString(),
        to: prober.toString(),
        type: s.available ? undefined : "unavailable",
        id: s.available ? s.lastPresence?.attrs.id : id,
      }),
    );
  }
  if (!target.isBare) {
    // A probe to a full JID: that resource only, and only the fact that it is available.
    const s = ctx.session(target);
    const others = otherResourcesAnswer(ctx, prober, account, s);
    if (others) return others;
    if (s?.available) {
      return [
        xml("presence", { from: s.jid.toString(), to: prober.toString(), id: s.lastPresence?.attrs.id }),
      ];
    }
    return [xml("presence", { from: target.toString(), to: prober.toString(), type: "unavailable", id })];
  }
  const available = ctx.available(account);
  if (available.length === 0) {
    // Rule 3: unavailable from the bare JID, the probe's 'id' mirrored (§4.3.2.1), with a <delay/>
    // saying when the account went offline, if this server saw it.
    const since = ctx.lastUnavailable.get(account.toString());
    return [
      xml(
        "presence",
        { from: account.toString(), to: prober.toString(), type: "unavailable", id },
        since ? xml("delay", { xmlns: NS.delay, from: account.domain, stamp: xmppTimestamp(since) }) : null,
      ),
    ];
  }
  // Rule 4: the full XML of each available resource's last broadcast presence, its 'id' preserved.
  return probeAnswerSources(ctx, available).map(({ session: s, last }) => {
    const p = last ? cloneElement(last) : xml("presence");
    p.attrs.from = s.jid.toString();
    p.attrs.to = prober.toString();
    return probeAnswerBent(ctx, p);
  });
}

/** §3.1.5: the user's current presence, from each available resource, to a contact that was approved. */
export function sendCurrentPresenceTo(ctx: StanzaContext, user: Jid, contact: Jid): void {
  for (const s of ctx.available(user)) {
    const p = s.lastPresence ? cloneElement(s.lastPresence) : xml("presence");
    p.attrs.from = s.jid.toString();
    p.attrs.to = contact.toString();
    routeFromServer(ctx, p);
  }
}

/** §3.2.2, §3.3.3: unavailable from each of the user's available resources to a contact losing access. */
export function sendUnavailableTo(ctx: StanzaContext, user: Jid, contact: Jid): void {
  for (const s of ctx.available(user)) {
    routeFromServer(
      ctx,
      xml("presence", {
        from: s.jid.toString(),
        to: contact.toString(),
        type: "unavailable",
        id: ctx.newId("u"),
      }),
    );
  }
}

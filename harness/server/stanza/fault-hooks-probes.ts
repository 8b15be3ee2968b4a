// What the probe and outbound-subscription faults (faults/presence.ts, faults/delivery.ts,
// faults/roster.ts, faults/stanza-*.ts) do to presence.ts, kept apart from it so the rule-abiding code
// there (RFC 6121 §3.1, §4.3, §4.6.6) stays readable: each hook is called at one place, and without its
// fault it does what the RFC says.
import type { Jid } from "../../jid.ts";
import { type Element, xml } from "../../xml/element.ts";
import type { BoundSession } from "../types.ts";
import type { StanzaContext } from "./context.ts";
import { firstPresence } from "./fault-hooks-presence.ts";
import { storeOffline } from "./offline.ts";
import { bounce, isRemote } from "./router.ts";
import { cloneElement } from "./util.ts";

// ---- a client's subscription stanzas and probes ----

/** sub-full-jid-kept: a subscription stanza to a full JID keeps the full JID (§3.1.2 rule 1 broken). */
export function subscriptionContact(ctx: StanzaContext, to: Jid): Jid {
  return ctx.fault("sub-full-jid-kept") ? to : to.bare();
}

/**
 * unsolicited-subscription-delivered: subscribed/unsubscribe/unsubscribed between a user and a local
 * contact with no roster relation at all (state None both ways) goes straight to the contact's available
 * resources, or waits offline for the next one; one for an account that does not exist bounces.
 */
export function unsolicitedDelivered(
  ctx: StanzaContext,
  session: BoundSession,
  stanza: Element,
  contact: Jid,
): boolean {
  if (stanza.attrs.type === "subscribe" || !ctx.fault("unsolicited-subscription-delivered")) return false;
  const user = session.jid.bare();
  if (isRemote(ctx, contact)) return false;
  if (!ctx.exists(contact)) {
    bounce(ctx, session, stanza, "service-unavailable");
    return true;
  }
  if (
    ctx.rosters.get(user.toString(), contact.toString()) ||
    ctx.rosters.get(contact.toString(), user.toString())
  )
    return false;
  const out = cloneElement(stanza);
  out.attrs.from = user.toString();
  out.attrs.to = contact.toString();
  const available = ctx.available(contact);
  if (available.length === 0) storeOffline(ctx, contact, out);
  for (const s of available) ctx.send(s, out);
  return true;
}

/**
 * probe-bounced (a client's probe to a local JID gets service-unavailable) and probe-delivered-to-client
 * (the probe reaches the target's resources): false when the probe is processed as the RFC says.
 */
export function probeTakenOver(ctx: StanzaContext, session: BoundSession, stanza: Element, to: Jid): boolean {
  if (isRemote(ctx, to)) return false;
  if (ctx.fault("probe-bounced")) {
    bounce(ctx, session, stanza, "service-unavailable");
    return true;
  }
  if (ctx.fault("probe-delivered-to-client")) for (const s of ctx.sessions(to)) ctx.send(s, stanza);
  return false;
}

/** probe-unsubscribed-from-full: the leaky 'unsubscribed' goes straight to the prober. */
export function leakyAnswerSent(ctx: StanzaContext, session: BoundSession, reply: Element): boolean {
  if (reply.attrs.type !== "unsubscribed" || !ctx.fault("probe-unsubscribed-from-full")) return false;
  ctx.send(session, reply); // inbound processing would swallow it
  return true;
}

/** Stored requests already delivered once (the sub-request-delivered-once fault withholds them after). */
const onceDelivered = new WeakSet<Element>();

/** sub-request-delivered-once, sub-request-duplicated: the copies of a stored request a new session gets. */
export function storedRequestCopies(ctx: StanzaContext, request: Element): Element[] {
  if (ctx.fault("sub-request-delivered-once") && onceDelivered.has(request)) return [];
  onceDelivered.add(request);
  return ctx.fault("sub-request-duplicated") ? [request, request] : [request];
}

// ---- answers to probes (§4.3.2, §4.6.6) ----

/** probe-unsubscribed-from-full: 'unsubscribed' answers come from a full JID of the account. */
export function unsubscribedFrom(ctx: StanzaContext, account: Jid): Jid {
  return (ctx.fault("probe-unsubscribed-from-full") ? ctx.sessions(account)[0]?.jid : undefined) ?? account;
}

/** no-probe-answer: probes of an existing account go unanswered. */
export function probeUnanswered(ctx: StanzaContext): boolean {
  return ctx.fault("no-probe-answer");
}

/** probe-leak: every prober is answered as if subscribed. */
export function proberAuthorizedAnyway(ctx: StanzaContext): boolean {
  return ctx.fault("probe-leak");
}

/** directed-probe-unanswered: a prober that got directed presence learns nothing of it. */
export function directedProbeUnanswered(ctx: StanzaContext): boolean {
  return ctx.fault("directed-probe-unanswered");
}

/** full-probe-wrong-resource: a probe to a full JID is answered for the account's other resources. */
export function otherResourcesAnswer(
  ctx: StanzaContext,
  prober: Jid,
  account: Jid,
  probed: BoundSession | undefined,
): Element[] | undefined {
  if (!ctx.fault("full-probe-wrong-resource")) return undefined;
  const others = ctx.available(account).filter((o) => o !== probed);
  return others.map((o) => xml("presence", { from: o.jid.toString(), to: prober.toString() }));
}

/** probe-answer-incomplete: only the first resource answers, with its session's first presence. */
export function probeAnswerSources(
  ctx: StanzaContext,
  available: BoundSession[],
): { session: BoundSession; last: Element | undefined }[] {
  const incomplete = ctx.fault("probe-answer-incomplete");
  return (incomplete ? available.slice(0, 1) : available).map((s) => ({
    session: s,
    last: incomplete ? firstPresence.get(s) : s.lastPresence,
  }));
}

/** probe-answer-drops-id: the answer loses the 'id' of the presence it copies. */
export function probeAnswerBent(ctx: StanzaContext, answer: Element): Element {
  if (ctx.fault("probe-answer-drops-id")) delete answer.attrs.id;
  return answer;
}

// What the IQ faults (faults/stanza-*.ts, faults/delivery.ts) do to the server's IQ handling, kept apart
// from iq.ts so the rule-abiding code there stays readable: each hook is called at one place, and without
// its fault it does what RFC 6120 §8.2.3 and RFC 6121 §8.5 say (a hook that returns true took over).
import type { Element } from "../../xml/element.ts";
import { NS, xml } from "../../xml/element.ts";
import type { BoundSession } from "../types.ts";
import type { StanzaContext } from "./context.ts";
import type { StanzaCondition } from "./errors.ts";
import { cloneElement } from "./util.ts";

/** An empty result to `iq`, as the faults that answer instead of routing or refusing send it. */
function emptyResult(iq: Element): Element {
  return xml("iq", { type: "result", id: iq.attrs.id ?? "", to: iq.attrs.from, from: iq.attrs.to });
}

/**
 * The iq-* faults (only for answers to the server and the sender's own account), server-reply-no-from,
 * account-reply-from-domain and result-carries-error: the answers that go out for one IQ the server
 * answers itself.
 */
export function bentIqAnswers(
  ctx: StanzaContext,
  answer: Element,
  scope: "self" | "server" | "other",
  session?: BoundSession,
): Element[] {
  const bendable = scope !== "other";
  if (bendable && ctx.fault("iq-no-reply")) return [];
  if (bendable && ctx.fault("iq-wrong-id")) answer.attrs.id = `${answer.attrs.id ?? ""}-x`;
  if (scope === "server" && ctx.fault("server-reply-no-from")) delete answer.attrs.from;
  if (scope === "self" && session && ctx.fault("account-reply-from-domain"))
    answer.attrs.from = session.jid.domain;
  if (answer.attrs.type === "result" && ctx.fault("result-carries-error"))
    answer.append(xml("error", { type: "cancel" }, xml("undefined-condition", { xmlns: NS.stanzas })));
  return bendable && ctx.fault("iq-double-reply") ? [answer, cloneElement(answer)] : [answer];
}

/** unknown-payload-ok: a payload the server does not understand gets an empty result. */
export function unknownPayloadAnswered(ctx: StanzaContext, result: () => void): boolean {
  if (!ctx.fault("unknown-payload-ok")) return false;
  result();
  return true;
}

/** iq-payload-count-unchecked (allowed): an IQ get/set with no or several children gets an empty result. */
export function payloadCountUnchecked(ctx: StanzaContext, result: () => void): boolean {
  if (!ctx.fault("iq-payload-count-unchecked")) return false;
  result();
  return true;
}

/** iq-bad-type-accepted: an IQ with a missing or unknown 'type' gets a result. */
export function badTypeAnswered(ctx: StanzaContext, session: BoundSession, iq: Element): boolean {
  if (!ctx.fault("iq-bad-type-accepted")) return false;
  session.send(emptyResult(iq));
  return true;
}

/** domain-resource-iq-dropped: an IQ to <domain/resource> is dropped, not refused. */
export function domainResourceIqDropped(ctx: StanzaContext): boolean {
  return ctx.fault("domain-resource-iq-dropped");
}

/** unknown-account-iq-result: an IQ to an account that does not exist gets a result. */
export function unknownAccountAnswered(
  ctx: StanzaContext,
  iq: Element,
  reply: (el: Element) => void,
): boolean {
  if (!ctx.fault("unknown-account-iq-result")) return false;
  reply(emptyResult(iq));
  return true;
}

/**
 * bare-jid-iq-delivered (handed to a resource) and offline-iq-result (answered for an account with no
 * available resource): an IQ to another account's bare JID, not answered by the server.
 */
export function bareIqTakenOver(
  ctx: StanzaContext,
  iq: Element,
  account: Parameters<StanzaContext["sessions"]>[0],
  reply: (el: Element) => void,
): boolean {
  const resource = ctx.sessions(account)[0];
  if (resource && ctx.fault("bare-jid-iq-delivered")) {
    ctx.send(resource, iq);
    return true;
  }
  if (ctx.available(account).length > 0 || !ctx.fault("offline-iq-result")) return false;
  reply(emptyResult(iq));
  return true;
}

/** unmatched-iq-wrong-error, full-jid-absence-revealed: the condition for an IQ to an absent resource. */
export function unmatchedIqCondition(ctx: StanzaContext): StanzaCondition {
  if (ctx.fault("full-jid-absence-revealed")) return "item-not-found";
  return ctx.fault("unmatched-iq-wrong-error") ? "recipient-unavailable" : "service-unavailable";
}

/** full-jid-iq-unchecked: an IQ reaches a resource that shares no presence with the requester. */
export function presenceCheckSkipped(ctx: StanzaContext): boolean {
  return ctx.fault("full-jid-iq-unchecked");
}

/** iq-full-jid-not-routed: the server refuses an IQ for a connected resource instead of routing it. */
export function fullJidIqRefused(ctx: StanzaContext): boolean {
  return ctx.fault("iq-full-jid-not-routed");
}

/** iq-answer-result: an IQ result to the server is answered with another result. */
export function resultAnswered(ctx: StanzaContext, session: BoundSession, iq: Element): boolean {
  if (iq.attrs.type !== "result" || !ctx.fault("iq-answer-result")) return false;
  session.send(emptyResult(iq));
  return true;
}

/** full-jid-iq-response-dropped: a result or error for a connected resource is dropped. */
export function responseDropped(ctx: StanzaContext): boolean {
  return ctx.fault("full-jid-iq-response-dropped");
}

/**
 * bare-iq-response-delivered (to every resource of a bare JID) and user-iq-response-answered (an error
 * back to the sender): a result or error for no connected resource, which the RFC drops.
 */
export function unmatchedResponseTakenOver(
  ctx: StanzaContext,
  session: BoundSession,
  iq: Element,
  to: Parameters<StanzaContext["sessions"]>[0],
): void {
  if (to.isBare && ctx.fault("bare-iq-response-delivered")) for (const s of ctx.sessions(to)) ctx.send(s, iq);
  if (ctx.fault("user-iq-response-answered")) session.send(ctx.error(iq, "item-not-found"));
}

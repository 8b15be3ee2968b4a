// What the routing and delivery faults (faults/stanza-*.ts) do to the stanza layer's behaviour, kept
// apart from context.ts, router.ts and offline.ts so the rule-abiding
// code there stays readable: each hook is called at one place, and without its fault it does what the
// RFC says.
import { type Element, NS } from "../../xml/element.ts";
import type { BoundSession } from "../types.ts";
import type { StanzaContext } from "./context.ts";
import type { StanzaCondition } from "./errors.ts";
import type { Target } from "./router.ts";
import { contentChildren } from "./util.ts";

/** second-domain-remote: a served domain other than the first is taken for a remote one. */
export function servesOnlyFirstDomain(ctx: StanzaContext, domain: string): boolean {
  return ctx.fault("second-domain-remote") && domain !== [...ctx.host.domains][0];
}

/** Per resource, for the reorder-messages fault: messages seen, and the one held back. */
const reorder = new WeakMap<BoundSession, { count: number; held?: Element }>();

/**
 * reorder-messages: every second message waits for the next one and goes out after it (RFC 6120 §10.1
 * broken). What goes out now, in order.
 */
export function holdsBackEverySecond(ctx: StanzaContext, session: BoundSession, message: Element): Element[] {
  if (!ctx.fault("reorder-messages")) return [message];
  const state = reorder.get(session) ?? { count: 0 };
  reorder.set(session, state);
  const held = state.held;
  state.held = undefined;
  if (held === undefined && state.count++ % 2 === 1) {
    state.held = message;
    return [];
  }
  return held === undefined ? [message] : [message, held];
}

// ---- router.ts (RFC 6120 §8.3, §10) ----

/** Per session, the roster set held back by the roster-set-deferred fault. */
const deferred = new WeakMap<BoundSession, Element>();

/**
 * roster-set-deferred: a roster set waits until the next stanza of the stream has been processed (RFC
 * 6120 §10.1 broken). The stanzas to dispatch now, in order.
 */
export function inDispatchOrder(ctx: StanzaContext, session: BoundSession, stanza: Element): Element[] {
  if (!ctx.fault("roster-set-deferred")) return [stanza];
  const held = deferred.get(session);
  deferred.delete(session);
  const rosterSet =
    stanza.name === "iq" && stanza.attrs.type === "set" && !!stanza.getChild("query", NS.roster);
  if (!held && rosterSet) {
    deferred.set(session, stanza);
    return [];
  }
  return held ? [stanza, held] : [stanza];
}

/** jid-malformed-accepted: a stanza with a malformed 'to' is dropped silently instead of bounced. */
export function malformedDropped(ctx: StanzaContext): boolean {
  return ctx.fault("jid-malformed-accepted");
}

/** unknown-child-bounced: a message or presence for the server itself with a foreign child is refused. */
export function refusesUnknownChild(ctx: StanzaContext, stanza: Element, target: Target): boolean {
  if (!ctx.fault("unknown-child-bounced")) return false;
  const forServer =
    (target.kind === "domain" && stanza.name !== "iq") ||
    (target.kind === "none" && stanza.name === "presence");
  return forServer && stanza.getChildElements().some((c) => c.getNS() !== NS.client);
}

/** remote-domain-accepted: a stanza for an unreachable domain is dropped without remote-server-not-found. */
export function unreachableSilent(ctx: StanzaContext): boolean {
  return ctx.fault("remote-domain-accepted");
}

/**
 * error-reply-to-error: an error stanza the server should drop is answered, but only to a sending client
 * (answering relayed errors could loop between two accounts forever).
 */
export function errorAnswered(ctx: StanzaContext, session: BoundSession | undefined, stanza: Element): void {
  if (session && ctx.fault("error-reply-to-error")) session.send(ctx.error(stanza, "service-unavailable"));
}

// ---- offline.ts (RFC 6121 §8.5.2.2.1, XEP-0160) ----

/** offline-drop: storage is promised and broken: nothing is kept, nothing is bounced. */
export function storageDropped(ctx: StanzaContext): boolean {
  return ctx.fault("offline-drop");
}

/**
 * offline-refused-not-allowed: nothing is stored, and the refusal names <not-allowed/> where §10.5.3.2
 * wants <service-unavailable/> (RFC 6121 §8.5.2.2.1: "SHOULD be").
 */
export function offlineRefusal(ctx: StanzaContext): StanzaCondition | undefined {
  return ctx.fault("offline-refused-not-allowed") ? "not-allowed" : undefined;
}

/** offline-alter: a stored message's bodies come back changed. */
export function alterStored(ctx: StanzaContext, copy: Element): void {
  if (!ctx.fault("offline-alter")) return;
  for (const body of contentChildren(copy, "body")) body.children = [`${body.getText()} [altered]`];
}

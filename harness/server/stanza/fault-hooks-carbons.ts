// What the XEP-0280 faults (faults/xep0280.ts) do to carbons, kept apart from carbons.ts so the rule-abiding
// code stays readable: each hook is called at one place, and without its fault it does what the XEP says.
import { tryParseJid } from "../../jid.ts";
import { type Element, xml } from "../../xml/element.ts";
import type { BoundSession } from "../types.ts";
import { isCarbon, isPrivate, NS_CARBONS, NS_FORWARD } from "./carbons-eligible.ts";
import type { StanzaContext } from "./context.ts";
import type { StanzaCondition } from "./errors.ts";
import type { Target } from "./router.ts";

/** carbons-reenable-refused, carbons-enable-twice-error, carbons-disable-twice-error. */
export function enableAnswer(
  ctx: StanzaContext,
  enable: boolean,
  isEnabled: boolean,
  disabledBefore: boolean,
): StanzaCondition | undefined {
  if (enable && disabledBefore && ctx.fault("carbons-reenable-refused")) return "not-allowed";
  if (enable && isEnabled && ctx.fault("carbons-enable-twice-error")) return "bad-request";
  if (!enable && !isEnabled && ctx.fault("carbons-disable-twice-error")) return "bad-request";
  return undefined;
}

/** carbons-remote-enable-accepted: an entity of another server may switch carbons (for nobody). */
export function remoteEnableAccepted(ctx: StanzaContext): boolean {
  return ctx.fault("carbons-remote-enable-accepted");
}

/** carbons-after-disable: <disable/> is acknowledged and ignored. */
export function keepsEnabledOnDisable(ctx: StanzaContext): boolean {
  return ctx.fault("carbons-after-disable");
}

/** carbons-no-received, carbons-no-sent: one direction of copies is never made. */
export function carbonsSuppressed(ctx: StanzaContext, kind: "received" | "sent"): boolean {
  return ctx.fault(kind === "received" ? "carbons-no-received" : "carbons-no-sent");
}

/** carbon-to-recipient-resource, carbon-to-sender-resource: the resource that had the original gets a copy. */
export function carbonAlsoToOrigin(ctx: StanzaContext, kind: "received" | "sent"): boolean {
  return ctx.fault(kind === "received" ? "carbon-to-recipient-resource" : "carbon-to-sender-resource");
}

/** carbons-to-unenabled: every resource of the account gets copies; else only the enabled ones. */
export function carbonRecipients(
  ctx: StanzaContext,
  sessions: BoundSession[],
  enabled: WeakSet<BoundSession>,
): BoundSession[] {
  return ctx.fault("carbons-to-unenabled") ? sessions : sessions.filter((s) => enabled.has(s));
}

/** carbon-ignores-private, carbons-only-chat, carbons-copy-everything: another eligibility rule. */
export function eligibleByFault(ctx: StanzaContext, stanza: Element): boolean | undefined {
  const type = stanza.attrs.type ?? "normal";
  if (ctx.fault("carbons-only-chat")) return type === "chat" && !isCarbon(stanza);
  if (ctx.fault("carbons-copy-everything")) return !isCarbon(stanza);
  // a <private/> message counts as the chat message it is otherwise
  if (ctx.fault("carbon-ignores-private") && isPrivate(stanza)) return type === "chat";
  return undefined;
}

/** carbon-wrong-from, carbon-wrong-to, carbon-type-normal, carbon-wrapper-swapped, carbon-modifies-message. */
export function carbonBent(ctx: StanzaContext, wrapper: Element, kind: "received" | "sent"): Element {
  const from = tryParseJid(wrapper.attrs.from ?? "");
  if (ctx.fault("carbon-wrong-from") && from) wrapper.attrs.from = from.domain;
  if (ctx.fault("carbon-wrong-to")) wrapper.attrs.to = wrapper.attrs.from;
  if (ctx.fault("carbon-type-normal")) wrapper.attrs.type = "normal";
  const forwarded = wrapper.getChild(kind, NS_CARBONS)?.getChild("forwarded", NS_FORWARD);
  const inner = forwarded?.getChild("message");
  if (ctx.fault("carbon-modifies-message") && inner) {
    inner.children = inner.children.filter((c) => typeof c === "string" || c.getName() !== "thread");
    const to = tryParseJid(inner.attrs.to ?? "");
    if (to) inner.attrs.to = to.bare().toString();
  }
  if (ctx.fault("carbon-wrapper-swapped") && forwarded) {
    const other = kind === "received" ? "sent" : "received";
    return xml("message", { ...wrapper.attrs }, xml(other, { xmlns: NS_CARBONS }, forwarded));
  }
  return wrapper;
}

/** carbon-forged-from-kept: a client's carbons wrapper to another user arrives "from" that user's bare JID. */
export function forgedCarbonFrom(ctx: StanzaContext, stanza: Element, target: Target): void {
  if (ctx.fault("carbon-forged-from-kept") && target.kind === "user" && isCarbon(stanza))
    stanza.attrs.from = target.jid.bare().toString();
}

/** Carbons sent, by wrapper id, with their originals: only the carbon-bounce-forwarded fault reads them. */
const carbonsById = new Map<string, Element>();
const CARBONS_KEPT = 2000;

export function rememberCarbon(wrapper: Element, original: Element): void {
  if (carbonsById.size >= CARBONS_KEPT) carbonsById.clear();
  carbonsById.set(wrapper.attrs.id ?? "", original);
}

/**
 * carbon-bounce-forwarded: an error a client returns for a carbon it got (matched by the wrapper's id) goes
 * on to the sender of the original message, as if the recipient had refused it.
 */
export function carbonBounceForwarded(ctx: StanzaContext, stanza: Element): void {
  if (!ctx.fault("carbon-bounce-forwarded") || stanza.attrs.type !== "error") return;
  const original = carbonsById.get(stanza.attrs.id ?? "");
  const sender = tryParseJid(original?.attrs.from ?? "");
  const recipient = sender && ctx.session(sender);
  if (!original || !recipient) return;
  ctx.send(recipient, ctx.error(original, "service-unavailable"));
}

// What the subscription faults (faults/stanza-semantics.ts, faults/roster.ts) do to RFC 6121 §3 and the
// Appendix A tables, kept apart from subscriptions.ts so the rule-abiding code there stays readable: each
// hook is called at one place, and without its fault it does what the RFC says.
import type { Element } from "../../xml/element.ts";
import type { FaultName } from "../faults/index.ts";
import type { BoundSession } from "../types.ts";
import type { StanzaContext } from "./context.ts";
import type { Contact } from "./roster-store.ts";
import {
  contactSubscribed,
  type Row,
  type SubscriptionState,
  type SubscriptionType,
} from "./subscription-states.ts";
import { cloneElement } from "./util.ts";

// ---- the processing tables (Appendix A.2, A.3) ----

/** The fault that bends each whole processing table (Tables 2-9). */
const TABLE_FAULT: Record<"out" | "in", Record<SubscriptionType, FaultName>> = {
  out: {
    subscribe: "sub-out-subscribe-wrong",
    unsubscribe: "sub-out-unsubscribe-wrong",
    subscribed: "sub-out-subscribed-wrong",
    unsubscribed: "sub-out-unsubscribed-wrong",
  },
  in: {
    subscribe: "sub-in-subscribe-wrong",
    unsubscribe: "sub-in-unsubscribe-wrong",
    subscribed: "sub-in-subscribed-wrong",
    unsubscribed: "sub-in-unsubscribed-wrong",
  },
};

/** The first row each table fault used to bend keeps that bend (other tests pin it down). */
const FIRST_BENDS: [FaultName, "out" | "in", SubscriptionType, SubscriptionState, Row][] = [
  ["sub-out-subscribe-wrong", "out", "subscribe", "None", { pass: true, next: null }],
  ["sub-out-unsubscribe-wrong", "out", "unsubscribe", "Both", { pass: true, next: "None" }],
  ["sub-out-subscribed-wrong", "out", "subscribed", "None + Pending In", { pass: false, next: null }],
  ["sub-out-unsubscribed-wrong", "out", "unsubscribed", "From", { pass: true, next: null }],
  ["sub-in-unsubscribe-wrong", "in", "unsubscribe", "Both", { pass: true, next: "None" }],
  ["sub-in-subscribed-wrong", "in", "subscribed", "None + Pending Out", { pass: true, next: null }],
  ["sub-in-unsubscribed-wrong", "in", "unsubscribed", "To", { pass: false, next: null }],
  ["deny-ignored", "in", "unsubscribed", "None + Pending Out", { pass: false, next: null }],
  ["deny-delivered-unapplied", "in", "unsubscribed", "None + Pending Out", { pass: true, next: null }],
  ["deny-delivered-unapplied", "in", "unsubscribed", "None + Pending Out+In", { pass: true, next: null }],
  ["deny-delivered-unapplied", "in", "unsubscribed", "From + Pending Out", { pass: true, next: null }],
  ["withdrawal-delivered-kept", "in", "unsubscribe", "None + Pending Out+In", { pass: true, next: null }],
  ["withdrawal-delivered-kept", "in", "unsubscribe", "To + Pending In", { pass: true, next: null }],
  ["unsolicited-subscribed-honoured", "out", "subscribed", "None", { pass: true, next: null }],
  ["unsolicited-subscribed-honoured", "in", "subscribed", "None", { pass: true, next: "To" }],
];

/**
 * A table fault's row: a stanza that should pass and change the state is dropped and changes nothing;
 * otherwise it passes and makes a change where none is due (to Both, or None from Both). Never a
 * Pending In without a stored request. (A dropped change cannot be repaired by the contact's auto-reply.)
 */
function wrongRow(r: Row, state: SubscriptionState): Row {
  if (r.pass && r.next !== null) return { pass: false, next: null };
  return { pass: true, next: state === "Both" ? "None" : "Both" };
}

/** The sub-*-wrong, deny-*, withdrawal-delivered-kept and unsolicited-subscribed-honoured faults: the table row as they bend it. */
export function bentRow(
  ctx: StanzaContext,
  dir: "out" | "in",
  type: SubscriptionType,
  state: SubscriptionState,
  r: Row,
): Row {
  for (const [fault, d, t, s, bent] of FIRST_BENDS) {
    if (d === dir && t === type && s === state && ctx.fault(fault)) return bent;
  }
  if (ctx.fault(TABLE_FAULT[dir][type])) return wrongRow(r, state);
  // A broken inbound table is only reachable between local accounts if the sender's side lets the
  // stanza through where its own table would stop it (A.3.3/A.3.4 "no change" rows mirror A.2.3/A.2.4).
  if (dir === "out" && !r.pass && ctx.fault(TABLE_FAULT.in[type])) return { pass: true, next: null };
  return r;
}

/** Does a fault make an outbound 'subscribed' skip the pre-approval branch (§3.4.2)? */
export function preApprovalBypassed(ctx: StanzaContext, state: SubscriptionState): boolean {
  return (
    (state === "None" && ctx.fault("unsolicited-subscribed-honoured")) ||
    ctx.fault("sub-out-subscribed-wrong") ||
    ctx.fault("sub-in-subscribed-wrong")
  );
}

/**
 * The cancellation-always-delivered fault passes unsubscribe/unsubscribed whatever the state (no state
 * change where the table has none); subscribed-in-from-routed does the same for 'subscribed' once the
 * contact (outbound) or the user (inbound) already holds the subscription.
 */
export function forced(ctx: StanzaContext, type: SubscriptionType, r: Row, state: SubscriptionState): Row {
  if (r.pass) return r;
  const cancel = type === "unsubscribe" || type === "unsubscribed";
  if (cancel && ctx.fault("cancellation-always-delivered")) return { pass: true, next: r.next };
  const settled = ["From", "From + Pending Out", "Both", "To", "To + Pending In"].includes(state);
  if (type === "subscribed" && settled && ctx.fault("subscribed-in-from-routed"))
    return { pass: true, next: r.next };
  return r;
}

// ---- outbound (§3.1.2, §3.1.5, §3.2.2, §3.4.2) ----

/** pre-approval-no-item: a pre-approval is neither recorded nor pushed. */
export function preApprovalDropped(ctx: StanzaContext): boolean {
  return ctx.fault("pre-approval-no-item");
}

/** pre-approval-not-cancelled: 'unsubscribed' leaves a pre-approval in place. */
export function preApprovalKept(ctx: StanzaContext): boolean {
  return ctx.fault("pre-approval-not-cancelled");
}

/** sub-full-jid-from: the routed stanza carries the user's full JID, not the bare one. */
export function routedFrom(ctx: StanzaContext, session: BoundSession, bare: string): string {
  return ctx.fault("sub-full-jid-from") ? session.jid.toString() : bare;
}

/** cancel-no-unavailable: a contact losing its subscription gets no unavailable presence. */
export function cancelUnavailableWithheld(ctx: StanzaContext): boolean {
  return ctx.fault("cancel-no-unavailable");
}

/** sub-unroutable-silent: a subscription stanza for an unreachable domain is dropped silently. */
export function unroutableSilent(ctx: StanzaContext): boolean {
  return ctx.fault("sub-unroutable-silent");
}

/** deny-keeps-pending: denying a request ('unsubscribed') keeps it pending. */
export function deniedRequestKept(
  ctx: StanzaContext,
  type: SubscriptionType,
  c: Contact | undefined,
): Element | null {
  return type === "unsubscribed" && ctx.fault("deny-keeps-pending") ? (c?.pendingIn ?? null) : null;
}

/** approve-no-presence: approving sends the contact no current presence. */
export function approvalPresenceWithheld(ctx: StanzaContext): boolean {
  return ctx.fault("approve-no-presence");
}

// ---- inbound (§3.1.3, §3.1.6, §3.2.3, §3.3.3, §3.4.2) ----

/** pre-approval-ignored: a pre-approved request is delivered like any other. */
export function preApprovalIgnored(ctx: StanzaContext): boolean {
  return ctx.fault("pre-approval-ignored");
}

/** sub-in-subscribe-wrong: a request in state None is approved on the user's behalf. */
export function autoApproved(ctx: StanzaContext, state: SubscriptionState): boolean {
  return state === "None" && ctx.fault("sub-in-subscribe-wrong");
}

/**
 * sub-request-not-stored (dropped when no resource is available) and sub-request-delivered-once
 * (delivered live and not kept): true when the fault took the request over.
 */
export function requestTakenOver(ctx: StanzaContext, available: BoundSession[], stanza: Element): boolean {
  if (available.length === 0) return ctx.fault("sub-request-not-stored");
  if (!ctx.fault("sub-request-delivered-once")) return false;
  for (const s of available) ctx.send(s, stanza); // delivered live, so not kept for the next login
  return true;
}

/** sub-request-stripped: the stored request keeps none of its children. */
export function keptRequest(ctx: StanzaContext, stanza: Element): Element {
  const kept = cloneElement(stanza);
  if (ctx.fault("sub-request-stripped")) kept.children = [];
  return kept;
}

/** sub-request-adds-item: a pending request makes the contact a roster item. */
export function requestAddsItem(ctx: StanzaContext): boolean {
  return ctx.fault("sub-request-adds-item");
}

/** sub-request-one-resource: only the first available resource gets the request. */
export function requestRecipients(ctx: StanzaContext, available: BoundSession[]): BoundSession[] {
  return ctx.fault("sub-request-one-resource") ? available.slice(0, 1) : available;
}

/** sub-no-auto-reply: a request from an already subscribed contact is delivered, not answered. */
export function requestDeliveredNotAnswered(ctx: StanzaContext, c: Contact | undefined): boolean {
  return contactSubscribed(c) && ctx.fault("sub-no-auto-reply");
}

/** unsubscribe-keeps-pending: 'unsubscribe' does not withdraw a pending request of a non-item. */
export function unsubscribeIgnored(
  ctx: StanzaContext,
  type: SubscriptionType,
  c: Contact | undefined,
): boolean {
  return type === "unsubscribe" && !!c?.pendingIn && !c.inRoster && ctx.fault("unsubscribe-keeps-pending");
}

/** unsubscribe-withdrawal-silent: a withdrawn request of a non-item is removed without delivery (§3.3.3). */
export function withdrawnSilently(
  ctx: StanzaContext,
  type: SubscriptionType,
  c: Contact | undefined,
): boolean {
  return (
    type === "unsubscribe" && !!c?.pendingIn && !c.inRoster && ctx.fault("unsubscribe-withdrawal-silent")
  );
}

/** inbound-push-before-delivery: the roster push goes out before the stanza is delivered. */
export function pushBeforeDelivery(ctx: StanzaContext): boolean {
  return ctx.fault("inbound-push-before-delivery");
}

/** inbound-one-resource: only the first interested resource gets the stanza. */
export function inboundRecipients(ctx: StanzaContext, interested: BoundSession[]): BoundSession[] {
  return ctx.fault("inbound-one-resource") ? interested.slice(0, 1) : interested;
}

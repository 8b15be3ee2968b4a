// Presence subscriptions (RFC 6121 §3 and Appendix A): outbound processing on the user's side (stamp the
// bare JID, apply Tables 2-5, route, push) and inbound processing on the contact's side (Tables 6-9,
// deliver, push, auto-replies). Both sides live here because both accounts can be local.
import type { Jid } from "../../jid.ts";
import { type Element, xml } from "../../xml/element.ts";
import type { FaultName } from "../faults/index.ts";
import type { BoundSession } from "../types.ts";
import type { StanzaContext } from "./context.ts";
import { sendCurrentPresenceTo, sendUnavailableTo } from "./presence.ts";
import { afterChange, snapshot } from "./roster.ts";
import { deliverLocal, isRemote, routeFromServer, routeRemote } from "./router.ts";
import {
  applyState,
  contactSubscribed,
  INBOUND,
  OUTBOUND,
  PRE_APPROVAL_STATES,
  PRE_APPROVED_NEXT,
  type Row,
  type SubscriptionState,
  type SubscriptionType,
  stateOf,
} from "./subscription-states.ts";
import { cloneElement } from "./util.ts";

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

/** The table row, unless a named fault bends it. */
function row(ctx: StanzaContext, dir: "out" | "in", type: SubscriptionType, state: SubscriptionState): Row {
  for (const [fault, d, t, s, r] of FIRST_BENDS) {
    if (d === dir && t === type && s === state && ctx.host.fault(fault)) return r;
  }
  const r = (dir === "out" ? OUTBOUND : INBOUND)[type][state];
  if (ctx.host.fault(TABLE_FAULT[dir][type])) return wrongRow(r, state);
  // A broken inbound table is only reachable between local accounts if the sender's side lets the
  // stanza through where its own table would stop it (A.3.3/A.3.4 "no change" rows mirror A.2.3/A.2.4).
  if (dir === "out" && !r.pass && ctx.host.fault(TABLE_FAULT.in[type])) return { pass: true, next: null };
  return r;
}

/** Does a fault make an outbound 'subscribed' skip the pre-approval branch (§3.4.2)? */
function preApprovalBypassed(ctx: StanzaContext, state: SubscriptionState): boolean {
  return (
    (state === "None" && ctx.fault("unsolicited-subscribed-honoured")) ||
    ctx.fault("sub-out-subscribed-wrong") ||
    ctx.fault("sub-in-subscribed-wrong")
  );
}

/**
 * A subscription stanza from a local client (RFC 6121 §3.1.2, §3.1.5, §3.2.2, §3.3.2, §3.4.2).
 * `contact` is the bare JID the stanza is about (a full 'to' is treated as the bare JID, §3.1.2 rule 1).
 */
export function outboundSubscription(
  ctx: StanzaContext,
  session: BoundSession,
  stanza: Element,
  contact: Jid,
): void {
  const user = session.jid.bare();
  const type = stanza.attrs.type as SubscriptionType;
  const key = user.toString();
  const cjid = contact.toString();
  const c = ctx.rosters.get(key, cjid);
  const state = stateOf(c);
  const before = snapshot(c);

  if (type === "subscribed" && PRE_APPROVAL_STATES.includes(state) && !preApprovalBypassed(ctx, state)) {
    // §3.4.2 rules 3-4: a pre-approval is recorded (creating the item if needed), pushed, never routed.
    if (ctx.options.preApproval && !ctx.host.fault("pre-approval-no-item")) {
      const rec = ctx.rosters.ensure(key, cjid);
      rec.inRoster = true;
      rec.approved = true;
      afterChange(ctx, user, cjid, before, session);
    }
    return;
  }
  const r = forced(ctx, type, row(ctx, "out", type, state), state);
  if (type === "unsubscribed" && !r.pass) {
    // §3.2.2 rule 2: "unsubscribed" cancels a pre-approval (and is not routed).
    if (c?.approved && !ctx.host.fault("pre-approval-not-cancelled")) {
      c.approved = false;
      afterChange(ctx, user, cjid, before, session);
    }
    return;
  }
  if (!r.pass) return; // nothing to route and, per the table, nothing changes

  // §3.1.2, §3.1.5, §3.2.2, §3.3.2: the server stamps the user's bare JID on what it routes.
  const out = cloneElement(stanza);
  out.attrs.from = ctx.fault("sub-full-jid-from") ? session.jid.toString() : user.toString();
  out.attrs.to = cjid;

  // §3.2.2: a contact losing its subscription first gets unavailable presence from every available
  // resource, "while the user is still subscribed".
  if (type === "unsubscribed" && contactSubscribed(c) && !ctx.host.fault("cancel-no-unavailable"))
    sendUnavailableTo(ctx, user, contact);

  // A remote contact that cannot be reached: error, and no state change (§3.1.2: the push follows the
  // routing). The local case changes state first, so an automatic answer from the contact (pre-approval,
  // §3.1.3 rule 2) meets the new state.
  if (isRemote(ctx, contact) && (ctx.host.fault("sub-unroutable-silent") || !routeRemote(ctx, out, session)))
    return;
  const deniedRequest = type === "unsubscribed" && ctx.host.fault("deny-keeps-pending") ? c?.pendingIn : null;
  if (r.next !== null) {
    const rec = ctx.rosters.ensure(key, cjid);
    // §3.1.2 and §3.1.5: subscribing, or approving, puts the contact in the roster.
    if (type === "subscribe" || type === "subscribed") rec.inRoster = true;
    applyState(rec, r.next, null);
    if (deniedRequest) rec.pendingIn = deniedRequest;
  }
  afterChange(ctx, user, cjid, before, session);
  if (!isRemote(ctx, contact)) deliverLocal(ctx, out);
  // §3.1.5: after approving, the contact gets the user's current presence from each available resource.
  if (type === "subscribed" && !ctx.host.fault("approve-no-presence"))
    sendCurrentPresenceTo(ctx, user, contact);
}

/**
 * The cancellation-always-delivered fault passes unsubscribe/unsubscribed whatever the state (no state
 * change where the table has none); subscribed-in-from-routed does the same for 'subscribed' once the
 * contact (outbound) or the user (inbound) already holds the subscription.
 */
function forced(ctx: StanzaContext, type: SubscriptionType, r: Row, state: SubscriptionState): Row {
  if (r.pass) return r;
  const cancel = type === "unsubscribe" || type === "unsubscribed";
  if (cancel && ctx.host.fault("cancellation-always-delivered")) return { pass: true, next: r.next };
  const settled = ["From", "From + Pending Out", "Both", "To", "To + Pending In"].includes(state);
  if (type === "subscribed" && settled && ctx.host.fault("subscribed-in-from-routed"))
    return { pass: true, next: r.next };
  return r;
}

/** An auto-reply from the user's bare JID to the contact's (§3.1.3 rule 2, A.3.1 [2], A.3.2 [1]). */
function autoReply(ctx: StanzaContext, user: Jid, contact: Jid, type: SubscriptionType, id?: string): void {
  routeFromServer(
    ctx,
    xml("presence", { from: user.toString(), to: contact.toString(), type, id: id ?? ctx.newId(type) }),
  );
}

/** Delivers an inbound subscription stanza to the user's resources (copies, 'to' left as addressed). */
function deliverTo(ctx: StanzaContext, sessions: BoundSession[], stanza: Element): void {
  for (const s of sessions) ctx.send(s, stanza);
}

/**
 * A subscription stanza for a local user (RFC 6121 §3.1.3, §3.1.6, §3.2.3, §3.3.3, Tables 6-9).
 * `user` is the addressed account (bare), `contact` the bare JID of the sender.
 */
export function inboundSubscription(ctx: StanzaContext, stanza: Element, user: Jid, contact: Jid): void {
  // §8.5.1: subscription stanzas to an account that does not exist are silently ignored.
  if (!ctx.exists(user)) return;
  // The user is implicitly subscribed to itself (§4.2.2); self-subscriptions change nothing.
  if (user.equals(contact)) return;
  const type = stanza.attrs.type as SubscriptionType;
  const key = user.toString();
  const cjid = contact.toString();
  const c = ctx.rosters.get(key, cjid);
  const state = stateOf(c);
  const before = snapshot(c);

  if (type === "subscribe") {
    const preApproved =
      c?.approved &&
      ctx.options.preApproval &&
      PRE_APPROVED_NEXT[state] !== undefined &&
      !ctx.host.fault("pre-approval-ignored");
    const autoApprove = state === "None" && ctx.fault("sub-in-subscribe-wrong");
    if (preApproved || autoApprove) {
      // §3.4.2: a pre-approved request is not delivered but answered on the user's behalf.
      const rec = ctx.rosters.ensure(key, cjid);
      rec.inRoster = true;
      rec.approved = false; // the pre-approval is used up (an implementation choice, §3.4.2 note)
      applyState(rec, PRE_APPROVED_NEXT[state] ?? "From", null);
      afterChange(ctx, user, cjid, before);
      autoReply(ctx, user, contact, "subscribed", stanza.attrs.id);
      sendCurrentPresenceTo(ctx, user, contact);
      return;
    }
    const r = row(ctx, "in", type, state);
    if (r.pass) {
      // §3.1.3 rules 3-4: keep the complete stanza and deliver it to every available resource now, and
      // again whenever one becomes available, until the user answers.
      const available = ctx.available(user);
      if (available.length === 0 && ctx.host.fault("sub-request-not-stored")) return;
      if (available.length > 0 && ctx.host.fault("sub-request-delivered-once")) {
        deliverTo(ctx, available, stanza); // delivered live, so not kept for the next login
        return;
      }
      const kept = cloneElement(stanza);
      if (ctx.host.fault("sub-request-stripped")) kept.children = [];
      if (r.next !== null) applyState(ctx.rosters.ensure(key, cjid), r.next, kept);
      if (ctx.host.fault("sub-request-adds-item")) ctx.rosters.ensure(key, cjid).inRoster = true;
      deliverTo(ctx, ctx.host.fault("sub-request-one-resource") ? available.slice(0, 1) : available, stanza);
      afterChange(ctx, user, cjid, before);
    } else if (contactSubscribed(c) && ctx.host.fault("sub-no-auto-reply")) {
      deliverTo(ctx, ctx.available(user), stanza);
    } else if (contactSubscribed(c)) {
      // §3.1.3 rule 2 and A.3.1 [2]: the contact already has a subscription; answer for the user.
      autoReply(ctx, user, contact, "subscribed", stanza.attrs.id);
    }
    return;
  }

  if (type === "unsubscribe" && c?.pendingIn && !c.inRoster && ctx.host.fault("unsubscribe-keeps-pending"))
    return;
  const r = forced(ctx, type, row(ctx, "in", type, state), state);
  // §3.1.6, §3.2.3, §3.3.3 ("otherwise ... MUST silently ignore"): no change, nothing delivered.
  if (!r.pass) return;
  const contactHadSubscription = contactSubscribed(c);
  // §3.1.6 rule 1, §3.2.3 rule 1, §3.3.3 rule 1: deliver to the interested resources before the push.
  const pushFirst = ctx.host.fault("inbound-push-before-delivery");
  const interested = ctx.interested(user);
  const deliver = () =>
    deliverTo(ctx, ctx.host.fault("inbound-one-resource") ? interested.slice(0, 1) : interested, stanza);
  if (!pushFirst) deliver();
  if (r.next !== null) applyState(ctx.rosters.ensure(key, cjid), r.next, null);
  afterChange(ctx, user, cjid, before);
  if (pushFirst) deliver();
  if (type === "unsubscribe") {
    // §3.3.3 rule 3: a contact that had a subscription no longer sees the user: unavailable from each
    // available resource. (One that only had a pending request learns nothing: that would leak presence.)
    if (contactHadSubscription && !ctx.host.fault("cancel-no-unavailable"))
      sendUnavailableTo(ctx, user, contact);
    // A.3.2 [1]: auto-reply "unsubscribed".
    autoReply(ctx, user, contact, "unsubscribed");
  }
}

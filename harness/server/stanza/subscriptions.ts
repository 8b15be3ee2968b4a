// Presence subscriptions (RFC 6121 §3 and Appendix A): outbound processing on the user's side (stamp the
// bare JID, apply Tables 2-5, route, push) and inbound processing on the contact's side (Tables 6-9,
// deliver, push, auto-replies). Both sides live here because both accounts can be local.
import type { Jid } from "../../jid.ts";
import { type Element, xml } from "../../xml/element.ts";
import type { BoundSession } from "../types.ts";
import type { StanzaContext } from "./context.ts";
import {
  approvalPresenceWithheld,
  autoApproved,
  bentRow,
  cancelUnavailableWithheld,
  deniedRequestKept,
  forced,
  inboundRecipients,
  keptRequest,
  preApprovalBypassed,
  preApprovalDropped,
  preApprovalIgnored,
  preApprovalKept,
  pushBeforeDelivery,
  requestAddsItem,
  requestDeliveredNotAnswered,
  requestRecipients,
  requestTakenOver,
  routedFrom,
  unroutableSilent,
  unsubscribeIgnored,
  withdrawnSilently,
} from "./fault-hooks-subscriptions.ts";
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

/** The table row (Appendix A.2 for outbound, A.3 for inbound), as the active faults bend it. */
function row(ctx: StanzaContext, dir: "out" | "in", type: SubscriptionType, state: SubscriptionState): Row {
  return bentRow(ctx, dir, type, state, (dir === "out" ? OUTBOUND : INBOUND)[type][state]);
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
    if (ctx.options.preApproval && !preApprovalDropped(ctx)) {
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
    if (c?.approved && !preApprovalKept(ctx)) {
      c.approved = false;
      afterChange(ctx, user, cjid, before, session);
    }
    return;
  }
  if (!r.pass) return; // nothing to route and, per the table, nothing changes

  // §3.1.2, §3.1.5, §3.2.2, §3.3.2: the server stamps the user's bare JID on what it routes.
  const out = cloneElement(stanza);
  out.attrs.from = routedFrom(ctx, session, user.toString());
  out.attrs.to = cjid;

  // §3.2.2: a contact losing its subscription first gets unavailable presence from every available
  // resource, "while the user is still subscribed".
  if (type === "unsubscribed" && contactSubscribed(c)) loseAccess(ctx, user, contact);

  // A remote contact that cannot be reached: error, and no state change (§3.1.2: the push follows the
  // routing). The local case changes state first, so an automatic answer from the contact (pre-approval,
  // §3.1.3 rule 2) meets the new state.
  if (isRemote(ctx, contact) && (unroutableSilent(ctx) || !routeRemote(ctx, out, session))) return;
  const deniedRequest = deniedRequestKept(ctx, type, c);
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
  if (type === "subscribed" && !approvalPresenceWithheld(ctx)) sendCurrentPresenceTo(ctx, user, contact);
}

/** §3.2.2, §3.3.3: a contact losing its subscription first gets unavailable presence from the user. */
function loseAccess(ctx: StanzaContext, user: Jid, contact: Jid): void {
  if (!cancelUnavailableWithheld(ctx)) sendUnavailableTo(ctx, user, contact);
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
      !preApprovalIgnored(ctx);
    const autoApprove = autoApproved(ctx, state);
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
      if (requestTakenOver(ctx, available, stanza)) return;
      const kept = keptRequest(ctx, stanza);
      if (r.next !== null) applyState(ctx.rosters.ensure(key, cjid), r.next, kept);
      if (requestAddsItem(ctx)) ctx.rosters.ensure(key, cjid).inRoster = true;
      deliverTo(ctx, requestRecipients(ctx, available), stanza);
      afterChange(ctx, user, cjid, before);
    } else if (requestDeliveredNotAnswered(ctx, c)) {
      deliverTo(ctx, ctx.available(user), stanza);
    } else if (contactSubscribed(c)) {
      // §3.1.3 rule 2 and A.3.1 [2]: the contact already has a subscription; answer for the user.
      autoReply(ctx, user, contact, "subscribed", stanza.attrs.id);
    }
    return;
  }

  if (unsubscribeIgnored(ctx, type, c)) return;
  const r = forced(ctx, type, row(ctx, "in", type, state), state);
  if (withdrawnSilently(ctx, type, c) && r.next !== null) {
    applyState(ctx.rosters.ensure(key, cjid), r.next, null);
    afterChange(ctx, user, cjid, before);
    return;
  }
  // §3.1.6, §3.2.3, §3.3.3 ("otherwise ... MUST silently ignore"): no change, nothing delivered.
  if (!r.pass) return;
  const contactHadSubscription = contactSubscribed(c);
  // §3.1.6 rule 1, §3.2.3 rule 1, §3.3.3 rule 1: deliver to the interested resources before the push.
  const pushFirst = pushBeforeDelivery(ctx);
  const interested = ctx.interested(user);
  const deliver = () => deliverTo(ctx, inboundRecipients(ctx, interested), stanza);
  if (!pushFirst) deliver();
  if (r.next !== null) applyState(ctx.rosters.ensure(key, cjid), r.next, null);
  afterChange(ctx, user, cjid, before);
  if (pushFirst) deliver();
  if (type === "unsubscribe") {
    // §3.3.3 rule 3: a contact that had a subscription no longer sees the user: unavailable from each
    // available resource. (One that only had a pending request learns nothing: that would leak presence.)
    if (contactHadSubscription) loseAccess(ctx, user, contact);
    // A.3.2 [1]: auto-reply "unsubscribed".
    autoReply(ctx, user, contact, "unsubscribed");
  }
}

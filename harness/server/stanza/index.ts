// The reference server's stanza layer: routing (RFC 6120 §8, §10) and IM and presence (RFC 6121),
// behind the StanzaLayer seam of ../types.ts.
import { type Jid, parseJid, tryParseJid } from "../../jid.ts";
import { type Element, xml } from "../../xml/element.ts";
import type { ServerHost, StanzaLayer } from "../types.ts";
import { blockedFromRemote } from "./blocking-filter.ts";
import { StanzaContext, type StanzaLayerOptions } from "./context.ts";
import { serverCapsFeature } from "./disco-nodes.ts";
import { rosterVerHidden } from "./fault-hooks-roster.ts";
import { forgetPep } from "./pep-store.ts";
import { presenceSessionEnded } from "./presence.ts";
import { itemElement, removeAccountState } from "./roster.ts";
import { deliverLocal, handleClientStanza, isRemote } from "./router.ts";
import { applyState, type SubscriptionState, stateOf } from "./subscription-states.ts";
import { forgetVcard } from "./vcard.ts";

export { STANZA_FAULTS } from "../faults/index.ts";
export type { StanzaLayerOptions } from "./context.ts";
export { defaultErrorType, type StanzaCondition } from "./errors.ts";
export { INBOUND, OUTBOUND, SUBSCRIPTION_STATES, type SubscriptionState } from "./subscription-states.ts";

/** The stanza layer plus the reference server's extras: the s2s entry point and provisioning. */
export interface ReferenceStanzaLayer extends StanzaLayer {
  /** A stanza arriving from another server (the s2s seam); its 'to' must be at a served domain. */
  fromRemote(stanza: Element): void;
  /**
   * Stream features the layer's behaviour obliges the server to advertise after resource binding:
   * roster versioning (RFC 6121 §2.6.1) and subscription pre-approval (§3.4), when enabled.
   */
  streamFeatures(): Element[];
  /** The Appendix A state of `contact` in `user`'s roster (both bare JIDs). */
  subscription(user: string, contact: string): SubscriptionState;
  /**
   * Sets one side of a subscription directly (provisioning for cases that need a starting state; the
   * contact's side is not touched). The contact becomes a roster item unless `inRoster` is false, which
   * only None + Pending In allows.
   */
  setSubscription(
    user: string,
    contact: string,
    state: SubscriptionState,
    opts?: { approved?: boolean; inRoster?: boolean },
  ): void;
  /** The roster items of an account, as a roster result would show them. */
  roster(user: string): Element[];
  /** How many messages wait in offline storage for an account. */
  offlineCount(user: string): number;
}

function bareOf(s: string): Jid {
  return parseJid(s).bare();
}

export function createStanzaLayer(host: ServerHost, options: StanzaLayerOptions = {}): ReferenceStanzaLayer {
  const ctx = new StanzaContext(host, options);
  return {
    fromClient(session, stanza) {
      handleClientStanza(ctx, session, stanza);
    },
    sessionEnded(session) {
      presenceSessionEnded(ctx, session);
    },
    accountRemoved(bareJid) {
      const account = tryParseJid(bareJid)?.bare();
      if (account) removeAccountState(ctx, account);
      if (account) forgetVcard(ctx, account);
      if (account) forgetPep(ctx, account.toString());
    },
    fromRemote(stanza) {
      const to = tryParseJid(stanza.attrs.to ?? "");
      const from = tryParseJid(stanza.attrs.from ?? "");
      // RFC 6120 §8.1.1.2, §8.1.2.2: s2s stanzas carry both addresses, and 'to' is ours.
      if (!to || !from || isRemote(ctx, to) || blockedFromRemote(ctx, stanza)) return;
      deliverLocal(ctx, stanza);
    },
    streamFeatures() {
      const features: Element[] = [];
      if (ctx.options.rosterVersioning && !rosterVerHidden(ctx))
        features.push(xml("ver", { xmlns: "urn:xmpp:features:rosterver" }));
      if (ctx.options.preApproval) features.push(xml("sub", { xmlns: "urn:xmpp:features:pre-approval" }));
      features.push(serverCapsFeature(ctx));
      return features;
    },
    subscription(user, contact) {
      return stateOf(ctx.rosters.get(bareOf(user).toString(), bareOf(contact).toString()));
    },
    setSubscription(user, contact, state, opts = {}) {
      const u = bareOf(user);
      const c = bareOf(contact);
      const rec = ctx.rosters.ensure(u.toString(), c.toString());
      const request = xml("presence", { from: c.toString(), to: u.toString(), type: "subscribe" });
      rec.pendingIn = null;
      applyState(rec, state, request);
      rec.approved = opts.approved ?? false;
      rec.inRoster = opts.inRoster ?? true;
      if (!rec.inRoster && state !== "None + Pending In")
        throw new Error("only None + Pending In needs no item");
    },
    roster(user) {
      return ctx.rosters.items(bareOf(user).toString()).map(itemElement);
    },
    offlineCount(user) {
      return ctx.offline.count(bareOf(user).toString());
    },
  };
}

// What the XEP-0191 faults (faults/xep0191.ts) do to the blocking command, kept apart from blocking*.ts so
// the rule-abiding code there stays readable: each hook is called at one place, and without its fault it
// does what the XEP says.
import type { Jid } from "../../jid.ts";
import { type Element, xml } from "../../xml/element.ts";
import type { BoundSession } from "../types.ts";
import type { MatchingBent } from "./blocking-store.ts";
import type { StanzaContext } from "./context.ts";
import type { StanzaCondition } from "./errors.ts";

/** blocking-feature-hidden: the server's disco#info leaves the blocking feature out (`features` is edited). */
export function dropBlockingFeature(ctx: StanzaContext, features: string[]): void {
  const i = features.indexOf("urn:xmpp:blocking");
  if (i >= 0 && ctx.fault("blocking-feature-hidden")) features.splice(i, 1);
}

/** blocklist-items-missing, empty-blocklist-omitted: how a blocklist result is bent. */
export function blocklistBent(ctx: StanzaContext, count: number): "empty" | "omitted" | undefined {
  if (count > 0 && ctx.fault("blocklist-items-missing")) return "empty";
  if (count === 0 && ctx.fault("empty-blocklist-omitted")) return "omitted";
  return undefined;
}

/** empty-block-accepted: a <block/> without items is answered with a result. */
export function emptyBlockAccepted(ctx: StanzaContext): boolean {
  return ctx.fault("empty-block-accepted");
}

/** malformed-block-item-accepted: a command with an item that is not a JID is answered with a result. */
export function malformedItemAccepted(ctx: StanzaContext): boolean {
  return ctx.fault("malformed-block-item-accepted");
}

/** block-first-item-only: the items of a block command that are actually blocked. */
export function itemsBlocked<T>(ctx: StanzaContext, items: T[]): T[] {
  return ctx.fault("block-first-item-only") ? items.slice(0, 1) : items;
}

/** block-result-error: the condition a successful block is answered with, if not a result. */
export function blockAnswerCondition(ctx: StanzaContext): StanzaCondition | undefined {
  return ctx.fault("block-result-error") ? "internal-server-error" : undefined;
}

/** block-push-missing, unblock-push-missing, block-push-sender-only: who gets a push. */
export function pushRecipients(
  ctx: StanzaContext,
  kind: "block" | "unblock",
  sender: BoundSession,
  interested: BoundSession[],
): BoundSession[] {
  if (ctx.fault(kind === "block" ? "block-push-missing" : "unblock-push-missing")) return [];
  if (ctx.fault("block-push-sender-only")) return interested.filter((s) => s === sender);
  return interested;
}

/** block-presence-kept / unblock-presence-withheld: no presence goes to the (un)blocked contacts. */
export function presenceChangeWithheld(ctx: StanzaContext, kind: "block" | "unblock"): boolean {
  return ctx.fault(kind === "block" ? "block-presence-kept" : "unblock-presence-withheld");
}

/** unblock-ignored, unblock-all-ignored: the unblock command leaves the list as it was. */
export function unblockIgnored(ctx: StanzaContext, all: boolean): boolean {
  return ctx.fault(all ? "unblock-all-ignored" : "unblock-ignored");
}

/** unblock-clears-all: an unblock naming items empties the whole list. */
export function unblockClearsAll(ctx: StanzaContext): boolean {
  return ctx.fault("unblock-clears-all");
}

/** blocklist-lost-on-login: a new session's first stanza empties its account's blocklist. */
export function blocklistLostOnLogin(ctx: StanzaContext): boolean {
  return ctx.fault("blocklist-lost-on-login");
}

/** blocked-full-jid-ignored, blocked-domain-ignored, blocked-bare-blocks-domain: the matching rules bent. */
export function matchingBent(ctx: StanzaContext): MatchingBent {
  return {
    fullIgnored: ctx.fault("blocked-full-jid-ignored"),
    fullAsBare: ctx.fault("blocked-full-jid-blocks-account"),
    domainIgnored: ctx.fault("blocked-domain-ignored"),
    bareAsDomain: ctx.fault("blocked-bare-blocks-domain"),
  };
}

/** block-notifies-contact: the notices an impolite server sends the JIDs the user just blocked. */
export function blockNotices(ctx: StanzaContext, user: Jid, blocked: Jid[]): Element[] {
  if (!ctx.fault("block-notifies-contact")) return [];
  const body = (to: Jid) => xml("body", {}, `${user.toString()} has blocked ${to.toString()}`);
  return blocked.map((to) =>
    xml("message", { from: user.toString(), to: to.toString(), type: "chat" }, body(to)),
  );
}

/** own-resources-blocked: traffic between the user's own resources is held to the blocklist. */
export function ownResourcesBlocked(ctx: StanzaContext): boolean {
  return ctx.fault("own-resources-blocked");
}

/** blocked-outbound-routed: the user's stanzas to a blocked JID are routed as if nothing were blocked. */
export function outboundRouted(ctx: StanzaContext): boolean {
  return ctx.fault("blocked-outbound-routed");
}

/** blocked-error-without-child: the outbound refusal lacks <blocked xmlns='urn:xmpp:blocking:errors'/>. */
export function blockedChildOmitted(ctx: StanzaContext): boolean {
  return ctx.fault("blocked-error-without-child");
}

/**
 * What happens to an inbound stanza from a blocked JID where a fault bends XEP-0191 §3.3's rules:
 * "deliver" (the block is ignored), a condition to bounce with, or undefined (the rules apply).
 */
export function inboundBent(
  ctx: StanzaContext,
  kind: "presence" | "message" | "request" | "response",
): "deliver" | StanzaCondition | undefined {
  switch (kind) {
    case "presence":
      if (ctx.fault("presence-not-cut-on-block")) return "deliver";
      return ctx.fault("blocked-presence-answered") ? "service-unavailable" : undefined;
    case "message":
      if (ctx.fault("blocked-message-delivered")) return "deliver";
      return ctx.fault("blocked-message-wrong-error") ? "not-acceptable" : undefined;
    case "request":
      return ctx.fault("blocked-iq-delivered") ? "deliver" : undefined;
    case "response":
      if (ctx.fault("blocked-response-delivered")) return "deliver";
      return ctx.fault("blocked-response-bounced") ? "service-unavailable" : undefined;
  }
}

/** presence-not-cut-on-block: presence the server generates passes between the user and a blocked JID. */
export function presenceNotCut(ctx: StanzaContext): boolean {
  return ctx.fault("presence-not-cut-on-block");
}

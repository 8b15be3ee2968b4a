// What the XEP-0163 faults (faults/xep0163.ts) do to the PEP service, kept apart from pep*.ts: each hook
// is called at one place and, without its fault, does what XEP-0163 (and XEP-0060) say.
import type { Jid } from "../../jid.ts";
import { type Element, xml } from "../../xml/element.ts";
import type { StanzaContext } from "./context.ts";
import type { AccessModel, PepNode } from "./pep-store.ts";
import { cloneElement } from "./util.ts";

/** pep-access-kept-after-cancel: any roster item keeps access, whatever its subscription. */
export function accessIgnoresSubscription(ctx: StanzaContext, inRoster: boolean): boolean {
  return inRoster && ctx.fault("pep-access-kept-after-cancel");
}

/** pep-whitelist-ignored: a whitelist node is read like a presence one. */
export function whitelistAsPresence(ctx: StanzaContext): boolean {
  return ctx.fault("pep-whitelist-ignored");
}

/** pep-open-access: nodes are created open, not presence (§5: presence is the default). */
export function defaultAccess(ctx: StanzaContext): AccessModel {
  return ctx.fault("pep-open-access") ? "open" : "presence";
}

/** pep-last-item-every-presence: every available presence counts as initial. */
export function lastItemEveryPresence(ctx: StanzaContext): boolean {
  return ctx.fault("pep-last-item-every-presence");
}

/** pep-notifies-without-notify: caps +notify is not looked at; every available resource is interested. */
export function interestIgnored(ctx: StanzaContext): boolean {
  return ctx.fault("pep-notifies-without-notify");
}

/** pep-no-last-item: nothing is sent on initial presence or on a new subscription. */
export function lastItemsWithheld(ctx: StanzaContext): boolean {
  return ctx.fault("pep-no-last-item");
}

/** Whom a notification is for: the publishing resource (none for a last item), the JID, its presence subscription. */
export interface NotificationFor {
  publisher?: string;
  to?: Jid;
  subscribed: boolean;
}

/**
 * The notifications that go out for one built for `to` (without a fault: itself): pep-from-full-jid,
 * pep-replyto-to-anyone, pep-owner-not-notified, pep-full-subscriber-also-bare.
 */
export function bentNotification(
  ctx: StanzaContext,
  msg: Element,
  owner: Jid,
  o: NotificationFor,
): Element[] {
  const { publisher, to } = o;
  const own = !!to?.bare().equals(owner);
  // pep-no-notification: a publish notifies nobody but the owner's own resources
  if (ctx.fault("pep-no-notification") && publisher && !own) return [];
  if (ctx.fault("pep-owner-not-notified") && to?.bare().equals(owner)) return [];
  if (ctx.fault("pep-from-full-jid") && publisher) msg.attrs.from = publisher;
  if (ctx.fault("pep-replyto-to-anyone") && publisher && !msg.getChild("addresses"))
    msg.append(
      xml(
        "addresses",
        { xmlns: "http://jabber.org/protocol/address" },
        xml("address", { type: "replyto", jid: publisher }),
      ),
    );
  // pep-subscriber-addressed-wrongly: only explicit subscribers without a presence subscription
  if (ctx.fault("pep-subscriber-addressed-wrongly") && to && !own && !o.subscribed) {
    // a full JID subscription also gets a copy at the bare JID; a bare one goes to each resource
    if (!to.isBare) return [msg, readdress(cloneElement(msg), to.bare().toString())];
    const resources = ctx.available(to).map((s) => s.jid.toString());
    if (resources.length) return resources.map((r) => readdress(cloneElement(msg), r));
  }
  return [msg];
}

function readdress(msg: Element, to: string): Element {
  msg.attrs.to = to;
  return msg;
}

/** pep-no-auto-create: a publish to a node that does not exist fails. */
export function autoCreateRefused(ctx: StanzaContext): boolean {
  return ctx.fault("pep-no-auto-create");
}

/** pep-items-not-kept: published items are not kept (items requests return none). */
export function itemsForgotten(ctx: StanzaContext): boolean {
  return ctx.fault("pep-items-not-kept");
}

/** pep-publish-options-ignored: a publish whose preconditions the node does not meet succeeds. */
export function preconditionIgnored(ctx: StanzaContext): boolean {
  return ctx.fault("pep-publish-options-ignored");
}

/** pep-retract-not-notified: a retraction with notify='true' tells nobody. */
export function retractUntold(ctx: StanzaContext): boolean {
  return ctx.fault("pep-retract-not-notified");
}

/** pep-delete-not-notified: a node deletion tells nobody. */
export function deleteUntold(ctx: StanzaContext): boolean {
  return ctx.fault("pep-delete-not-notified");
}

/** pep-no-pep-identity: the account's disco#info lacks the pubsub/pep identity. */
export function pepIdentityHidden(ctx: StanzaContext): boolean {
  return ctx.fault("pep-no-pep-identity");
}

/** pep-disco-lists-hidden-nodes: disco#items lists every node, accessible or not (without: those `may`). */
export function listedNodes(ctx: StanzaContext, nodes: PepNode[], may: (n: PepNode) => boolean): PepNode[] {
  return ctx.fault("pep-disco-lists-hidden-nodes") ? nodes : nodes.filter(may);
}

/** pep-no-publish-options: a publish-options form is ignored (and the feature not advertised). */
export function publishOptionsIgnored(ctx: StanzaContext): boolean {
  return ctx.fault("pep-no-publish-options");
}

/** The service's pubsub features as advertised (pep-no-publish-options drops publish-options). */
export function advertisedPubsub(ctx: StanzaContext, features: string[]): string[] {
  return publishOptionsIgnored(ctx) ? features.filter((f) => !f.endsWith("#publish-options")) : features;
}

/** pep-no-replyto: no replyto address, whoever the recipient. */
export function replyToDropped(ctx: StanzaContext): boolean {
  return ctx.fault("pep-no-replyto");
}

/** pep-contacts-refused: a presence-access node refuses contacts (the owner alone may read it). */
export function contactsRefused(ctx: StanzaContext): boolean {
  return ctx.fault("pep-contacts-refused");
}

/** pep-resource-never-unavailable: unavailable presence does not end what the service knows of a resource. */
export function unavailableIgnored(ctx: StanzaContext): boolean {
  return ctx.fault("pep-resource-never-unavailable");
}

/** pep-no-create: an explicit node creation is refused. */
export function createRefused(ctx: StanzaContext): boolean {
  return ctx.fault("pep-no-create");
}

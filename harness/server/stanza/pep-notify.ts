// PEP notifications (XEP-0163 §4.3): whom an event goes to, how each is addressed, and the last
// published item for a newly-available resource. Notifications are headline messages from the owner's
// bare JID (§4.3.1 rule 1).
import { type Jid, tryParseJid } from "../../jid.ts";
import { type Element, NS, xml } from "../../xml/element.ts";
import type { StanzaContext } from "./context.ts";
import { bentNotification, interestIgnored, lastItemsWithheld, replyToDropped } from "./fault-hooks-pep.ts";
import { mayAccess, sharesPresence } from "./pep-access.ts";
import { interests, NS_PUBSUB_EVENT, type PepNode, serviceOf } from "./pep-store.ts";
import { routeFromServer } from "./router.ts";
import { cloneElement, xmppTimestamp } from "./util.ts";

export const NS_ADDRESS = "http://jabber.org/protocol/address";

/** Is this full JID an available resource that asked (caps +notify) for `node`? */
function wants(ctx: StanzaContext, owner: Jid, full: string, node: string): boolean {
  const jid = tryParseJid(full);
  if (!jid) return false;
  // a local resource's presence may have ended without the service hearing of it (no subscription back)
  if (ctx.isLocalDomain(jid.domain) && !ctx.session(jid)?.available) return false;
  const ver = serviceOf(ctx, owner.toString()).present.get(full);
  if (ver === undefined) return false;
  return interestIgnored(ctx) || (interests(ctx, ver)?.has(node) ?? false);
}

/**
 * The JIDs a notification of `node` goes to, once each: the owner's and its contacts' available
 * resources that asked for it (§4 rules 2-3, §4.3.2 rule 3), and explicit subscribers as subscribed
 * (§4.3.2 rules 1-2), all only while they may access the node.
 */
export function recipients(ctx: StanzaContext, owner: Jid, node: PepNode): string[] {
  const out = new Set<string>();
  for (const full of serviceOf(ctx, owner.toString()).present.keys()) {
    const jid = tryParseJid(full);
    if (!jid || !wants(ctx, owner, full, node.name)) continue;
    if (sharesPresence(ctx, owner, jid) && mayAccess(ctx, owner, node, jid)) out.add(full);
  }
  for (const sub of node.subscribers) {
    const jid = tryParseJid(sub);
    if (jid && mayAccess(ctx, owner, node, jid)) out.add(sub);
  }
  return [...out];
}

/** One notification of `event` (the <event/>'s child) to `to`. */
function notification(
  ctx: StanzaContext,
  owner: Jid,
  to: string,
  event: Element,
  publisher?: string,
): Element[] {
  const msg = xml(
    "message",
    { from: owner.toString(), to, type: "headline", id: ctx.newId("pep") },
    xml("event", { xmlns: NS_PUBSUB_EVENT }, event),
  );
  const jid = tryParseJid(to) ?? undefined;
  const subscribed = !!jid && sharesPresence(ctx, owner, jid);
  // §4.3.1 rule 3: the publishing resource as XEP-0033 replyto, only to those subscribed to presence
  if (publisher && subscribed && !replyToDropped(ctx))
    msg.append(xml("addresses", { xmlns: NS_ADDRESS }, xml("address", { type: "replyto", jid: publisher })));
  return bentNotification(ctx, msg, owner, { publisher, to: jid, subscribed });
}

/** Sends `event` about `node` to every recipient (§4.3.3 rule 1). */
export function notifyAll(
  ctx: StanzaContext,
  owner: Jid,
  node: PepNode,
  event: Element,
  publisher?: string,
): void {
  for (const to of recipients(ctx, owner, node))
    for (const msg of notification(ctx, owner, to, cloneElement(event), publisher)) routeFromServer(ctx, msg);
}

/** The <items/> event carrying `node`'s last item. */
function lastItemEvent(node: PepNode): Element | undefined {
  const last = node.items.at(-1);
  if (!last) return undefined;
  return xml("items", { node: node.name }, xml("item", { id: last.id }, cloneElement(last.payload)));
}

/**
 * §4.3.3 rule 2, §4.3.4: the last published item of each node `full` may see and asked for, to that
 * resource (or, for a new explicit subscription, to the JID subscribed), stamped with XEP-0203 <delay/>.
 */
export function sendLastItems(ctx: StanzaContext, owner: Jid, full: string, only?: PepNode): void {
  if (lastItemsWithheld(ctx)) return;
  const jid = tryParseJid(full);
  if (!jid) return;
  const nodes = only ? [only] : [...serviceOf(ctx, owner.toString()).nodes.values()];
  for (const node of nodes) {
    if (!only && !wants(ctx, owner, full, node.name)) continue;
    if (!only && !sharesPresence(ctx, owner, jid)) continue;
    if (!mayAccess(ctx, owner, node, jid)) continue;
    const event = lastItemEvent(node);
    if (!event) continue;
    for (const msg of notification(ctx, owner, full, event)) {
      msg.append(xml("delay", { xmlns: NS.delay, from: owner.toString(), stamp: xmppTimestamp(ctx.now()) }));
      routeFromServer(ctx, msg);
    }
  }
}

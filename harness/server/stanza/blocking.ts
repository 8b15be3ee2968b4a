// The blocking command (XEP-0191 §3): the user's blocklist retrieved, JIDs blocked and unblocked, pushes to
// the user's resources that requested the list, and the presence that blocking and unblocking send.
import type { Jid } from "../../jid.ts";
import { type Element, xml } from "../../xml/element.ts";
import type { BoundSession } from "../types.ts";
import { blockStore, itemJid, itemMatches } from "./blocking-store.ts";
import type { StanzaContext } from "./context.ts";
import {
  blockAnswerCondition,
  blocklistBent,
  blockNotices,
  emptyBlockAccepted,
  itemsBlocked,
  malformedItemAccepted,
  presenceChangeWithheld,
  pushRecipients,
  unblockClearsAll,
  unblockIgnored,
} from "./fault-hooks-blocking.ts";
import type { IqCall, Scope } from "./iq.ts";
import { sendCurrentPresenceTo, sendUnavailableTo } from "./presence.ts";
import { routeFromServer } from "./router.ts";
import { contactSubscribed } from "./subscription-states.ts";

export const NS_BLOCKING = "urn:xmpp:blocking";

/** The rows of iq.ts's HANDLERS: one per element of the namespace, asked of the server for the user. */
export const BLOCKING_HANDLERS = ["blocklist", "block", "unblock"].map((name) => ({
  name,
  ns: NS_BLOCKING,
  scopes: ["self", "server"] as readonly Scope[],
  handle: handleBlocking,
}));

function handleBlocking(call: IqCall): void {
  const { ctx, iq, payload, session } = call;
  // Only the user's own client manages the user's list.
  if (!session) {
    call.error("forbidden");
    return;
  }
  const account = session.jid.bare();
  if (payload.getName() === "blocklist") {
    if (iq.attrs.type !== "get") {
      call.error("bad-request");
      return;
    }
    blockStore(ctx).interested.add(session);
    call.result(blocklist(ctx, blockStore(ctx).items(account)));
    return;
  }
  if (iq.attrs.type !== "set") {
    call.error("bad-request");
    return;
  }
  const jids = payload.getChildren("item").map((i) => itemJid(i.attrs.jid));
  const valid = jids.filter((j): j is Jid => j !== null);
  // RFC 6120 §8.3.3.8: an item that is not a JID.
  if (valid.length !== jids.length) {
    if (malformedItemAccepted(ctx)) call.result();
    else call.error("jid-malformed");
    return;
  }
  if (payload.getName() === "block") block(call, session, valid);
  else unblock(call, session, valid);
}

/** The <blocklist/> result (§3.2): one <item/> per blocked JID, or empty. */
function blocklist(ctx: StanzaContext, items: Jid[]): Element | undefined {
  const bent = blocklistBent(ctx, items.length);
  if (bent === "omitted") return undefined;
  const shown = bent === "empty" ? [] : items;
  return xml("blocklist", { xmlns: NS_BLOCKING }, ...shown.map((j) => xml("item", { jid: j.toString() })));
}

/** §3.3: block the items, answer, push them, and tell the subscribed contacts among them "unavailable". */
function block(call: IqCall, session: BoundSession, items: Jid[]): void {
  const { ctx } = call;
  // "If the <block/> element does not contain at least one <item/> child element ... <bad-request/>"
  if (items.length === 0 && !emptyBlockAccepted(ctx)) {
    call.error("bad-request");
    return;
  }
  const account = session.jid.bare();
  const blocked = itemsBlocked(ctx, items);
  // before the block, which would cut this presence too
  if (!presenceChangeWithheld(ctx, "block"))
    for (const to of presenceRecipients(ctx, account, blocked)) sendUnavailableTo(ctx, account, to);
  blockStore(ctx).add(account, blocked);
  for (const notice of blockNotices(ctx, account, blocked)) routeFromServer(ctx, notice);
  const wrong = blockAnswerCondition(ctx);
  if (wrong) call.error(wrong);
  else call.result();
  push(ctx, session, xml("block", { xmlns: NS_BLOCKING }, ...items.map(itemElement)));
}

/** §3.4, §3.5: unblock the items (all of them when none is named), answer, push, and send presence. */
function unblock(call: IqCall, session: BoundSession, items: Jid[]): void {
  const { ctx } = call;
  const store = blockStore(ctx);
  const account = session.jid.bare();
  const all = items.length === 0;
  const unblocked = all ? store.items(account) : items;
  if (!unblockIgnored(ctx, all)) {
    if (all || unblockClearsAll(ctx)) store.clear(account);
    else store.remove(account, items);
  }
  call.result();
  push(ctx, session, xml("unblock", { xmlns: NS_BLOCKING }, ...items.map(itemElement)));
  if (presenceChangeWithheld(ctx, "unblock")) return;
  // only where no other item still blocks the contact
  for (const to of presenceRecipients(ctx, account, unblocked))
    if (!store.match(account, to)) sendCurrentPresenceTo(ctx, account, to);
}

function itemElement(j: Jid): Element {
  return xml("item", { jid: j.toString() });
}

/** The push (an IQ set) to each of the user's resources that requested the blocklist. */
function push(ctx: StanzaContext, sender: BoundSession, payload: Element): void {
  const store = blockStore(ctx);
  const interested = ctx.sessions(sender.jid).filter((s) => store.interested.has(s));
  for (const s of pushRecipients(
    ctx,
    payload.getName() === "block" ? "block" : "unblock",
    sender,
    interested,
  ))
    ctx.send(s, xml("iq", { type: "set", to: s.jid.toString(), id: ctx.newId("block-push") }, payload));
}

/**
 * Who the presence of §3.3/§3.4 goes to: the items that are the user's subscribed contacts ("only if the
 * JID is allowed to receive presence notifications"), as named (a full JID stays full), and for a domain
 * item every subscribed contact at that domain.
 */
function presenceRecipients(ctx: StanzaContext, account: Jid, items: Jid[]): Jid[] {
  const subscribed = ctx.rosters
    .items(account.toString())
    .filter(contactSubscribed)
    .map((c) => ctx.bare(c.jid));
  const out = new Map<string, Jid>();
  for (const item of items) {
    if (item.local !== "") {
      if (subscribed.some((c) => c.equals(item.bare()))) out.set(item.toString(), item);
      continue;
    }
    for (const c of subscribed) if (itemMatches(item, c)) out.set(c.toString(), c);
  }
  return [...out.values()];
}

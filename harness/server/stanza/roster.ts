// Roster management (RFC 6121 §2): roster get, set and remove, and the roster pushes that follow every
// change, whether a roster set or a subscription state change caused it.
import { type Jid, tryParseJid } from "../../jid.ts";
import { type Element, NS, xml } from "../../xml/element.ts";
import { serverJid } from "../address.ts";
import type { BoundSession } from "../types.ts";
import type { StanzaContext } from "./context.ts";
import {
  bentGroups,
  bentName,
  bentPush,
  emptyRosterBare,
  emptySetAccepted,
  getItemsStored,
  grantedState,
  intrusionAllowed,
  malformedJidAccepted,
  missingJidAccepted,
  multiItemAccepted,
  pushesSuppressed,
  pushTargets,
  removalStanzas,
  resultVersion,
  setClearsAsk,
  staleVersionCurrent,
  unknownRemoveAccepted,
  updateMerged,
} from "./fault-hooks-roster.ts";
import type { IqCall } from "./iq.ts";
import { sendUnavailableTo } from "./presence.ts";
import type { Contact } from "./roster-store.ts";
import { routeFromServer } from "./router.ts";
import { applyState, contactSubscribed, stateOf, userSubscribed } from "./subscription-states.ts";
import { childElements } from "./util.ts";

/** Server-configured limits for RFC 6121 §2.3.3 (not-acceptable beyond them). */
export const ROSTER_NAME_LIMIT = 1024;
export const ROSTER_GROUP_LIMIT = 1024;

/** The <item/> of a roster result or push (RFC 6121 §2.1.2). */
export function itemElement(c: Contact): Element {
  return xml(
    "item",
    {
      jid: c.jid,
      name: c.name === "" ? undefined : c.name,
      subscription: c.subscription,
      // 'ask' for Pending Out and 'approved' for pre-approvals (§2.1.2.1-2, SHOULD include).
      ask: c.ask ? "subscribe" : undefined,
      approved: c.approved ? "true" : undefined,
    },
    ...c.groups.map((g) => xml("group", {}, g)),
  );
}

/** What a push would show for this record; null when there is no roster item. */
export function snapshot(c: Contact | undefined): string | null {
  return c?.inRoster ? itemElement(c).toString() : null;
}

/**
 * Sends a roster push (RFC 6121 §2.1.6) to every interested resource of the account, and to `origin`
 * (the resource whose roster set caused it, §2.3.2: "including the resource that generated the roster
 * set"). With versioning, each push carries a new, unique version (§2.6.3).
 */
export function pushItem(ctx: StanzaContext, account: Jid, item: Element, origin?: BoundSession): void {
  if (pushesSuppressed(ctx)) return;
  const ver = ctx.options.rosterVersioning ? String(ctx.rosters.bumpVersion(account.toString())) : undefined;
  const targets = ctx.interested(account);
  if (origin && !targets.includes(origin)) targets.push(origin);
  for (const s of pushTargets(ctx, targets, origin)) {
    const push = xml(
      "iq",
      {
        type: "set",
        id: ctx.newId("push"),
        to: s.jid.toString(),
        from: account.toString(),
      },
      xml("query", { xmlns: NS.roster, ver }, item),
    );
    s.send(bentPush(ctx, push, account, item));
  }
}

/**
 * After a subscription change to the record of `jid`: push it if what the roster shows changed (a
 * "roster modification", §2.6.3), and forget records that no longer hold anything.
 */
export function afterChange(
  ctx: StanzaContext,
  account: Jid,
  jid: string,
  before: string | null,
  origin?: BoundSession,
): void {
  const c = ctx.rosters.get(account.toString(), jid);
  if (c && !c.inRoster && !c.approved && stateOf(c) === "None") ctx.rosters.delete(account.toString(), jid);
  const after = snapshot(ctx.rosters.get(account.toString(), jid));
  if (after === before) return;
  if (after === null) pushItem(ctx, account, xml("item", { jid, subscription: "remove" }), origin);
  else pushItem(ctx, account, itemElement(ctx.rosters.get(account.toString(), jid)!), origin);
}

/** The jabber:iq:roster handler (RFC 6121 §2.1.3-2.1.5), for the sender's own roster. */
export function handleRoster(call: IqCall): void {
  const { ctx, iq, payload, session } = call;
  // §2.1.5 Security Warning / §2.3.3: only the account itself may read or change its roster.
  const intrusion = intrusionAllowed(ctx, call);
  if (!intrusion && (call.scope === "other" || !session)) {
    call.error("forbidden");
    return;
  }
  const owner = intrusion ? tryParseJid(iq.attrs.to ?? "") : session?.jid;
  if (!owner) return;
  const account = owner.bare();
  if (iq.attrs.type === "get" && session) {
    // §2.1.3: a roster get MUST NOT contain items.
    if (childElements(payload).length > 0 && !getItemsStored(ctx, payload, account)) {
      call.error("bad-request");
      return;
    }
    session.interested = true; // §2.2: it is now an "interested resource"
    const version = String(ctx.rosters.version(account.toString()));
    const current = payload.attrs.ver === version || staleVersionCurrent(ctx, payload.attrs.ver);
    if (ctx.options.rosterVersioning && current) {
      call.result();
      return;
    }
    const items = ctx.rosters.items(account.toString()).map(itemElement);
    if (items.length === 0 && emptyRosterBare(ctx)) {
      call.result();
      return;
    }
    const ver = resultVersion(ctx, ctx.options.rosterVersioning ? version : undefined, payload.attrs.ver);
    call.result(xml("query", { xmlns: NS.roster, ver }, ...items));
    return;
  }
  const children = childElements(payload);
  // §2.1.5 rule 1 / §2.3.3: exactly one <item/>.
  const multi = multiItemAccepted(ctx, children);
  if (children.length === 0 && emptySetAccepted(ctx)) {
    call.result();
    return;
  }
  if (!multi && (children.length !== 1 || children[0].getName() !== "item")) {
    call.error("bad-request");
    return;
  }
  const item = children[0];
  if (item.attrs.jid === undefined) {
    if (missingJidAccepted(ctx)) call.result();
    else call.error("bad-request");
    return;
  } // §2.1.2.3: 'jid' is REQUIRED
  const contact = serverJid(ctx.host, item.attrs.jid);
  if (!contact) {
    if (malformedJidAccepted(ctx)) call.result();
    else call.error("jid-malformed");
    return;
  }
  // §2.1.5 rule 2: every 'subscription' value other than "remove" is ignored.
  if (item.attrs.subscription === "remove") {
    removeItem(call, account, contact.toString());
    return;
  }
  const groups = bentGroups(
    ctx,
    childElements(item)
      .filter((g) => g.getName() === "group")
      .map((g) => g.getText()),
  );
  const seen = new Set(groups.map((g) => g.normalize("NFC")));
  if (seen.size !== groups.length) {
    call.error("bad-request");
    return;
  } // §2.3.3: duplicate groups
  const name = bentName(ctx, item.attrs.name ?? "");
  if (name.length > ROSTER_NAME_LIMIT) {
    call.error("not-acceptable", "name too long");
    return;
  }
  if (groups.some((g) => g === "")) {
    call.error("not-acceptable", "empty group");
    return;
  }
  if (groups.some((g) => g.length > ROSTER_GROUP_LIMIT)) {
    call.error("not-acceptable", "group too long");
    return;
  }
  const c = ctx.rosters.ensure(account.toString(), contact.toString());
  // §2.4.1: the item is atomic, updated exactly as provided (subscription state is the server's).
  const merge = updateMerged(ctx, c);
  c.inRoster = true;
  c.name = name;
  c.groups = merge ? [...new Set([...c.groups, ...groups])] : groups;
  if (setClearsAsk(ctx)) c.ask = false;
  const granted = grantedState(ctx, item.attrs.subscription);
  if (granted) applyState(c, granted, null);
  call.result();
  pushItem(ctx, account, itemElement(c), session);
}

/** Roster remove (RFC 6121 §2.5). */
function removeItem(call: IqCall, account: Jid, jid: string): void {
  const { ctx, session } = call;
  const c = ctx.rosters.get(account.toString(), jid);
  if (!c?.inRoster) {
    if (unknownRemoveAccepted(ctx)) {
      call.result();
      return;
    }
    call.error("item-not-found");
    return;
  } // §2.5.3
  const effects = forget(ctx, account, c);
  call.result();
  pushItem(ctx, account, xml("item", { jid, subscription: "remove" }), session);
  effects();
}

/**
 * Drops a contact record and returns the subscription stanzas its removal owes the contact (§2.5.2):
 * "unsubscribe" if the user was subscribed (or asking), "unsubscribed" if the contact was subscribed
 * (or asking: a pending request is denied, so the contact is not left waiting). The contact first gets
 * unavailable presence while still subscribed (§3.2.2).
 */
function forget(ctx: StanzaContext, account: Jid, c: Contact): () => void {
  const contact = tryParseJid(c.jid);
  const { unsubscribe, unsubscribed } = removalStanzas(ctx, {
    unsubscribe: userSubscribed(c) || c.ask,
    unsubscribed: contactSubscribed(c) || c.pendingIn !== null,
  });
  if (contact && contactSubscribed(c)) sendUnavailableTo(ctx, account, contact);
  ctx.rosters.delete(account.toString(), c.jid);
  return () => {
    if (!contact) return;
    for (const [wanted, type] of [
      [unsubscribe, "unsubscribe"],
      [unsubscribed, "unsubscribed"],
    ] as const) {
      if (!wanted) continue;
      routeFromServer(
        ctx,
        xml("presence", { from: account.toString(), to: contact.toString(), type, id: ctx.newId(type) }),
      );
    }
  };
}

/** An account was removed: undo its subscriptions as if every item were removed, then drop its data. */
export function removeAccountState(ctx: StanzaContext, account: Jid): void {
  const key = account.toString();
  const effects = ctx.rosters.records(key).map((c) => forget(ctx, account, c));
  ctx.rosters.dropAccount(key);
  ctx.offline.dropAccount(key);
  ctx.lastUnavailable.delete(key);
  for (const run of effects) run();
}

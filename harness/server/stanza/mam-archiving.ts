// What goes into the archives (XEP-0313 §6.1.1): every message of type 'chat' or 'normal' with a <body/>
// that a user sends or receives, once per archive however many resources get a copy, unless the user's
// preferences (XEP-0441) say otherwise. A received message is delivered with a <stanza-id/> naming its
// archive id (XEP-0313 §3.5, XEP-0359 §3), after any the sender forged for this archive is removed.
import type { Jid } from "../../jid.ts";
import { tryParseJid } from "../../jid.ts";
import { type Element, xml } from "../../xml/element.ts";
import type { BoundSession } from "../types.ts";
import type { StanzaContext } from "./context.ts";
import {
  copiesStored,
  prefsIgnored,
  repeatedId,
  senderIdLeaked,
  sentSkipped,
  spoofKept,
  stanzaIdOmitted,
} from "./fault-hooks-mam.ts";
import { type Archived, mamStore } from "./mam-store.ts";
import { messageType } from "./messages.ts";
import type { Target } from "./router.ts";
import { cloneElement, contentChildren } from "./util.ts";

export const NS_SID = "urn:xmpp:sid:0";

function archivable(stanza: Element): boolean {
  const type = messageType(stanza);
  return (type === "chat" || type === "normal") && contentChildren(stanza, "body").length > 0;
}

/** Do the account's preferences let a message with `peer` into its archive? */
function wanted(ctx: StanzaContext, account: string, peer: string | undefined): boolean {
  if (prefsIgnored(ctx)) return true;
  const bare =
    tryParseJid(peer ?? "")
      ?.bare()
      .toString() ?? "";
  const prefs = mamStore(ctx).prefs(account);
  if (prefs.never.has(bare)) return false;
  if (prefs.always.has(bare)) return true;
  if (prefs.default === "roster") return ctx.rosters.get(account, bare)?.inRoster ?? false;
  return prefs.default === "always";
}

/** A message a local user sends to another account (a local one, or remote): into the sender's archive. */
export function archiveSent(
  ctx: StanzaContext,
  session: BoundSession,
  stanza: Element,
  target: Target,
): void {
  if (target.kind !== "user" && target.kind !== "remote") return;
  const account = session.jid.bare();
  // a message to oneself is archived once, as received
  if (target.jid.bare().equals(account) || !archivable(stanza) || sentSkipped(ctx)) return;
  if (!wanted(ctx, account.toString(), stanza.attrs.to)) return;
  const by = account.toString();
  const stored = keep(ctx, by, {
    stamp: ctx.now(),
    peer: stanza.attrs.to ?? "",
    stanza: cloneElement(stanza),
  });
  if (senderIdLeaked(ctx)) stanza.append(xml("stanza-id", { xmlns: NS_SID, by, id: stored.id }));
}

function keep(ctx: StanzaContext, account: string, item: Omit<Archived, "id">): Archived {
  const store = mamStore(ctx);
  return store.add(account, item, repeatedId(ctx, store.archive(account).length));
}

/**
 * A message for `account` about to be delivered to `copies` resources (or stored offline, 1): archived
 * when it should be; returns the stanza to deliver, with the archive's <stanza-id/> when archived.
 */
export function archiveReceived(
  ctx: StanzaContext,
  account: Jid,
  original: Element,
  copies: number,
): Element {
  const by = account.toString();
  const stanza = cloneElement(original);
  // XEP-0359 §3: a <stanza-id/> claiming to come from this archive is the sender's forgery
  if (!spoofKept(ctx))
    stanza.children = stanza.children.filter(
      (c) =>
        typeof c === "string" || !(c.getName() === "stanza-id" && c.getNS() === NS_SID && c.attrs.by === by),
    );
  if (!archivable(stanza) || !wanted(ctx, by, stanza.attrs.from)) return stanza;
  const item = { stamp: ctx.now(), peer: stanza.attrs.from ?? "", stanza: cloneElement(stanza) };
  const stored = keep(ctx, by, item);
  for (let n = copiesStored(ctx, copies); n > 1; n--)
    keep(ctx, by, { ...item, stanza: cloneElement(stanza) });
  if (!stanzaIdOmitted(ctx)) stanza.append(xml("stanza-id", { xmlns: NS_SID, by, id: stored.id }));
  return stanza;
}

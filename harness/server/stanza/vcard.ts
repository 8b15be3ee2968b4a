// vcard-temp (XEP-0054): each account's vCard, set by its owner (§3.2) and read by anyone (§3.1, §3.3),
// the server answering for the account and never its resources; and the server's own vCard.
import type { Jid } from "../../jid.ts";
import { type Element, xml } from "../../xml/element.ts";
import type { StanzaContext } from "./context.ts";
import {
  bentServerCard,
  fullJidSetStored,
  otherGetRelayed,
  otherMissingCondition,
  otherSetAccepted,
  ownMissingAnswered,
  storedCard,
  unknownAccountCard,
} from "./fault-hooks-vcard.ts";
import type { IqCall } from "./iq.ts";
import { cloneElement } from "./util.ts";

export const NS_VCARD = "vcard-temp";

/** The vCards of each server instance's accounts, by bare JID. */
const stores = new WeakMap<StanzaContext, Map<string, Element>>();

function store(ctx: StanzaContext): Map<string, Element> {
  let s = stores.get(ctx);
  if (!s) {
    s = new Map();
    stores.set(ctx, s);
  }
  return s;
}

/** An account was removed: its vCard goes with it (a new account of that name starts without one). */
export function forgetVcard(ctx: StanzaContext, account: Jid): void {
  store(ctx).delete(account.toString());
}

/** The server's own vCard (§3.3 note: a server may have one), in the §8 format: ALL CAPS, NUMBER, USERID. */
function serverCard(ctx: StanzaContext, domain: string): Element {
  const card = xml(
    "vCard",
    { xmlns: NS_VCARD },
    xml("FN", {}, "xmppspec reference server"),
    xml("URL", {}, `xmpp:${domain}`),
    xml("TEL", {}, xml("WORK"), xml("VOICE"), xml("NUMBER", {}, "+1-555-0100")),
    xml("TEL", {}, xml("WORK"), xml("FAX"), xml("NUMBER")),
    xml("EMAIL", {}, xml("INTERNET"), xml("PREF"), xml("USERID", {}, `admin@${domain}`)),
  );
  return bentServerCard(ctx, card);
}

export function handleVcard(call: IqCall): void {
  const { ctx, iq, scope } = call;
  const to = iq.attrs.to;
  if (scope === "server") {
    if (iq.attrs.type === "get") call.result(serverCard(ctx, ctx.bare(iq.attrs.from ?? "").domain));
    else call.error("not-allowed");
    return;
  }
  // "self": no 'to' or the sender's own bare JID; "other": another account's bare JID.
  const owner = scope === "self" ? ctx.bare(iq.attrs.from ?? "") : ctx.bare(to ?? "");
  const key = owner.toString();
  const cards = store(ctx);
  if (scope === "other" && otherGetRelayed(ctx, call, owner)) return;
  if (iq.attrs.type === "set") {
    // §3.2: only the owner sets its vCard; forbidden or not-allowed for anyone else.
    if (scope === "other" && !otherSetAccepted(ctx)) {
      call.error("forbidden");
      return;
    }
    // §3.2: no partial updates: the vCard sent replaces the stored one whole.
    cards.set(key, storedCard(ctx, cards.get(key), cloneElement(call.payload)));
    call.result();
    return;
  }
  const card = cards.get(key);
  if (card) {
    call.result(cloneElement(card));
    return;
  }
  if (scope === "self") {
    // §3.1: no vCard: an error (SHOULD be item-not-found) or an empty <vCard/>.
    if (ownMissingAnswered(ctx, call)) return;
    call.error("item-not-found");
    return;
  }
  // §3.3: no vCard, or no account (iq.ts answers that one): service-unavailable in both cases.
  const condition = otherMissingCondition(ctx);
  if (condition === "empty-result") call.result(xml("vCard", { xmlns: NS_VCARD }));
  else call.error(condition);
}

/** An IQ for an account that does not exist: a fault may answer a vCard get for it. */
export function vcardForUnknownAccount(
  ctx: StanzaContext,
  iq: Element,
  reply: (answer: Element) => void,
): boolean {
  return unknownAccountCard(ctx, iq, reply);
}

/** An IQ to another account's full JID, before it goes to the resource: a fault may take a vCard set over. */
export function vcardSetTakenOver(
  ctx: StanzaContext,
  iq: Element,
  to: Jid,
  reply: (answer: Element) => void,
): boolean {
  return fullJidSetStored(ctx, iq, to, (account, card) => store(ctx).set(account.toString(), card), reply);
}

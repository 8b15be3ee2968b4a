// Service discovery at another account's bare JID (XEP-0030 §3.1, §4.1, §8): the server answers for the
// account; only a requester the account shares its presence with (subscription 'from' or 'both') learns
// anything: anyone else gets <service-unavailable/> to disco#info and an empty result to disco#items, as
// for an account that does not exist.
import { type Jid, tryParseJid } from "../../jid.ts";
import { type Element, NS, xml } from "../../xml/element.ts";
import type { StanzaContext } from "./context.ts";
import { infoOf, infoQuery } from "./disco.ts";
import {
  accountIdentityDropped,
  accountInfoDelivered,
  accountItem,
  strangerAnswered,
  strangerResources,
  unknownAccountRefused,
} from "./fault-hooks-disco.ts";
import type { IqCall } from "./iq.ts";
import { pepNodeItems } from "./pep-disco.ts";
import { contactSubscribed } from "./subscription-states.ts";

/** The account addressed and whether the requester may see its presence (§8: "authorized to receive presence"). */
function audience(call: IqCall): { account?: Jid; trusted: boolean } {
  const account = tryParseJid(call.iq.attrs.to ?? "")?.bare();
  const requester = call.session?.jid ?? tryParseJid(call.iq.attrs.from ?? "");
  if (!account || !requester) return { trusted: false };
  const record = call.ctx.rosters.get(account.toString(), requester.bare().toString());
  return { account, trusted: contactSubscribed(record) };
}

export function otherAccountInfo(call: IqCall): void {
  const { trusted } = audience(call);
  const node = call.payload.attrs.node;
  if (accountInfoDelivered(call)) return;
  if (!trusted && !strangerAnswered(call.ctx)) {
    call.error("service-unavailable");
    return;
  }
  if (node !== undefined) {
    call.error("item-not-found");
    return;
  }
  call.result(infoQuery(accountIdentityDropped(call.ctx, infoOf("self", call.ctx))));
}

export function otherAccountItems(call: IqCall): void {
  const { account, trusted } = audience(call);
  const node = call.payload.attrs.node;
  const query = xml("query", { xmlns: NS.discoItems, ...(node === undefined ? {} : { node }) });
  // §8: available resources only for a trusted requester; §4.1 rule: no items is an empty <query/>
  if (account && node === undefined && (trusted || strangerResources(call.ctx)))
    for (const s of call.ctx.available(account)) query.append(accountItem(call.ctx, s.jid.toString()));
  // XEP-0163 §6.2: the PEP nodes this requester may access (open ones to anyone: access decides, not §8)
  const asker = call.session?.jid ?? tryParseJid(call.iq.attrs.from ?? "");
  if (account && asker && node === undefined)
    for (const item of pepNodeItems(call.ctx, account, asker.bare())) query.append(item);
  call.result(query);
}

/**
 * Disco at an account that does not exist (§8): disco#items gets an empty result; disco#info keeps the
 * <service-unavailable/> of RFC 6121 §8.5.1. True when this answered.
 */
export function unknownAccountDisco(ctx: StanzaContext, iq: Element, reply: (el: Element) => void): boolean {
  const query = iq.getChild("query");
  const ns = query?.getNS();
  if (ns === NS.discoInfo && unknownAccountRefused(ctx, iq, reply)) return true;
  if (ns !== NS.discoItems || iq.attrs.type !== "get" || unknownAccountRefused(ctx, iq, reply, "items"))
    return false;
  reply(
    xml(
      "iq",
      { type: "result", id: iq.attrs.id ?? "", to: iq.attrs.from, from: iq.attrs.to },
      xml("query", {
        xmlns: NS.discoItems,
        ...(query?.attrs.node === undefined ? {} : { node: query.attrs.node }),
      }),
    ),
  );
  return true;
}

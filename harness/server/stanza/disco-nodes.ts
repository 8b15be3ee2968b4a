// Nodes and items of service discovery (XEP-0030 §3.2, §4): the server lists one informational node of its
// own (a hierarchy leaf, §4.3) and answers disco#info at it and at its caps node#ver (XEP-0115 §6.2); an
// account lists its connected resources to itself (§4.1); other accounts are ./disco-accounts.ts.
import { type Element, NS, xml } from "../../xml/element.ts";
import { CAPS_NODE, capsFeature, verificationString } from "./caps.ts";
import type { StanzaContext } from "./context.ts";
import { infoOf, infoQuery } from "./disco.ts";
import { otherAccountItems } from "./disco-accounts.ts";
import {
  accountItem,
  bentCapsFeature,
  bentItem,
  capsNodeListed,
  capsNodeRefused,
  capsVer,
  hierarchyType,
  itemsWithoutQuery,
  listedNodeRefused,
  nodeNotMirrored,
  ownResourcesHidden,
  unknownNodeAnswered,
} from "./fault-hooks-disco.ts";
import type { IqCall } from "./iq.ts";
import { pepNodeItems } from "./pep-disco.ts";

/** The server's own node, listed in its disco#items. */
export const ABOUT_NODE = "urn:xmppspec:reference:about";

/** The server's caps node#ver (XEP-0115 §6.2: the node a processing entity queries). */
export function capsNodeVer(): string {
  return `${CAPS_NODE}#${verificationString(infoOf("server"))}`;
}

/** The caps stream feature (XEP-0115 §6.3): node and ver of the server's own disco#info. */
export function serverCapsFeature(ctx: StanzaContext): Element {
  return bentCapsFeature(ctx, capsFeature(capsVer(ctx, verificationString(infoOf("server")))));
}

/** The info of a node the server has, or undefined. */
function nodeInfoOf(call: IqCall, node: string): { identities: Element[]; features: string[] } | undefined {
  if (call.scope !== "server") return undefined;
  if (node === ABOUT_NODE)
    return {
      identities: [xml("identity", { category: "hierarchy", type: hierarchyType(call.ctx), name: "About" })],
      features: [NS.discoInfo, NS.discoItems],
    };
  if (node === capsNodeVer()) return infoOf("server");
  return undefined;
}

export function nodeInfo(call: IqCall, node: string): void {
  const info = nodeInfoOf(call, node);
  if (!info || (node === ABOUT_NODE ? listedNodeRefused(call.ctx) : capsNodeRefused(call.ctx))) {
    // §3.1: the JID+node does not exist
    if (unknownNodeAnswered(call, node)) return;
    call.error("item-not-found");
    return;
  }
  call.result(infoQuery(info, nodeNotMirrored(call.ctx) ? undefined : node));
}

function itemsQuery(items: Element[], node?: string): Element {
  return xml("query", { xmlns: NS.discoItems, ...(node === undefined ? {} : { node }) }, ...items);
}

export function handleItems(call: IqCall): void {
  if (call.scope === "other") {
    otherAccountItems(call);
    return;
  }
  const node = call.payload.attrs.node;
  const domain = call.iq.attrs.to ?? call.session?.jid.domain ?? "";
  if (call.scope === "server" && node === ABOUT_NODE) {
    call.result(itemsQuery([], node));
    return;
  }
  if (node !== undefined) {
    call.error("item-not-found");
    return;
  }
  if (call.scope === "server") {
    if (itemsWithoutQuery(call)) return;
    const about = bentItem(
      call.ctx,
      xml("item", { jid: domain, node: ABOUT_NODE, name: "About this server" }),
    );
    call.result(itemsQuery([about, ...capsNodeListed(call.ctx, domain, capsNodeVer())]));
    return;
  }
  // §4.1: the account's own connected resources, to the account itself
  const account = call.session?.jid.bare();
  const own = account && !ownResourcesHidden(call.ctx) ? call.ctx.sessions(account) : [];
  const nodes = account ? pepNodeItems(call.ctx, account, account) : []; // XEP-0163 §6.1
  call.result(itemsQuery([...own.map((s) => accountItem(call.ctx, s.jid.toString())), ...nodes]));
}

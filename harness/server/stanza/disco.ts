// Service Discovery (XEP-0030) for the server and for the sender's own account; other accounts' bare JIDs
// (§8), nodes (§3.2) and items (§4) are answered in ./disco-accounts.ts and ./disco-nodes.ts; an account's
// PEP service (XEP-0163 §6) adds to its answers from ./pep-disco.ts.
import { type Element, NS, xml } from "../../xml/element.ts";
import { NS_CAPS } from "./caps.ts";
import { NS_CARBONS_RULES } from "./carbons-eligible.ts";
import type { StanzaContext } from "./context.ts";
import { otherAccountInfo } from "./disco-accounts.ts";
import { handleItems, nodeInfo } from "./disco-nodes.ts";
import { dropBlockingFeature } from "./fault-hooks-blocking.ts";
import { accountIdentityDropped, accountInfoDelivered, bentInfo, featureChild } from "./fault-hooks-disco.ts";
import { advertisedFeatures } from "./fault-hooks-ping.ts";
import { advertisedFeatures as vcardAdvertised } from "./fault-hooks-vcard.ts";
import type { IqCall } from "./iq.ts";
import { SERVER_IQ_NAMESPACES } from "./iq.ts";
import { NS_SID } from "./mam-archiving.ts";
import { NS_MAM, NS_MAM_EXTENDED } from "./mam-query.ts";
import { pepInfo } from "./pep-disco.ts";

/**
 * The features the server implements, and nothing more: the IQ namespaces it answers, delayed delivery

 * stamps (XEP-0203: urn:xmpp:delay), offline storage ("msgoffline", XEP-0160), the caps stream feature
 * (XEP-0115 §7) and the carbons rules of XEP-0280 §6.1 (urn:xmpp:carbons:rules:0, §6.2).
 */
export function serverFeatures(): string[] {
  return [
    ...new Set([...SERVER_IQ_NAMESPACES, NS.delay, "msgoffline", NS_CAPS, NS_CARBONS_RULES, NS_SID]),
  ].sort();
}

/**
 * The identities and features of the server (no node) or of an account (with `ctx`: its PEP service too,
 * XEP-0163 §6).
 */
export function infoOf(
  scope: "server" | "self",
  ctx?: StanzaContext,
): { identities: Element[]; features: string[] } {
  if (scope === "server")
    return { identities: [xml("identity", { category: "server", type: "im" })], features: serverFeatures() };
  const pep = ctx ? pepInfo(ctx) : { identities: [], features: [] };
  return {
    identities: [xml("identity", { category: "account", type: "registered" }), ...pep.identities],
    features: [NS.discoInfo, NS.discoItems, ...pep.features, NS_MAM, NS_MAM_EXTENDED],
  };
}

/** A disco#info <query/> (mirroring `node` when the request named one, §3.2). */
export function infoQuery(info: { identities: Element[]; features: string[] }, node?: string): Element {
  return xml(
    "query",
    { xmlns: NS.discoInfo, ...(node === undefined ? {} : { node }) },
    ...info.identities,
    ...info.features.map((f) => xml("feature", { var: f })),
  );
}

export function handleDiscoInfo(call: IqCall): void {
  if (call.iq.attrs.type !== "get") {
    call.error("bad-request");
    return;
  }
  if (call.scope === "other") {
    otherAccountInfo(call);
    return;
  }
  // the faults of an account's disco#info hit one's own account as they hit another's
  if (call.scope === "self" && accountInfoDelivered(call)) return;
  const node = call.payload.attrs.node;
  if (node !== undefined) {
    nodeInfo(call, node);
    return;
  }
  const info =
    call.scope === "self" ? accountIdentityDropped(call.ctx, infoOf("self", call.ctx)) : infoOf("server");
  if (call.scope === "server") {
    // the XEP-0199/0077/0191/0054 faults that hide a feature the server serves
    info.features = vcardAdvertised(call.ctx, advertisedFeatures(call.ctx, info.features));
    dropBlockingFeature(call.ctx, info.features);
  }
  call.result(featureChild(call.ctx, infoQuery(bentInfo(call.ctx, info))));
}

export function handleDiscoItems(call: IqCall): void {
  if (call.iq.attrs.type !== "get") {
    call.error("bad-request");
    return;
  }
  handleItems(call);
}

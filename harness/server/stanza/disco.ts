// Service Discovery (XEP-0030) for the server and for the sender's own account.
import { NS, xml } from "../../xml/element.ts";
import type { IqCall } from "./iq.ts";
import { SERVER_IQ_NAMESPACES } from "./iq.ts";
import { NS_SID } from "./mam-archiving.ts";
import { NS_MAM, NS_MAM_EXTENDED } from "./mam-query.ts";

/**
 * The features the server implements, and nothing more: the IQ namespaces it answers, delayed delivery
 * stamps (XEP-0203: urn:xmpp:delay) and offline storage ("msgoffline", XEP-0160).
 */
export function serverFeatures(): string[] {
  return [...new Set([...SERVER_IQ_NAMESPACES, NS.delay, "msgoffline", NS_SID])].sort();
}

export function handleDiscoInfo(call: IqCall): void {
  if (call.iq.attrs.type !== "get") {
    call.error("bad-request");
    return;
  }
  // No nodes are published.
  if (call.payload.attrs.node !== undefined) {
    call.error("item-not-found");
    return;
  }
  const identity =
    call.scope === "server"
      ? xml("identity", { category: "server", type: "im" })
      : xml("identity", { category: "account", type: "registered" });
  const features =
    call.scope === "server" ? serverFeatures() : [NS.discoInfo, NS.discoItems, NS_MAM, NS_MAM_EXTENDED];
  call.result(
    xml("query", { xmlns: NS.discoInfo }, identity, ...features.map((f) => xml("feature", { var: f }))),
  );
}

export function handleDiscoItems(call: IqCall): void {
  if (call.iq.attrs.type !== "get") {
    call.error("bad-request");
    return;
  }
  if (call.payload.attrs.node !== undefined) {
    call.error("item-not-found");
    return;
  }
  call.result(xml("query", { xmlns: NS.discoItems }));
}

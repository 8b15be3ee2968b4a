// Service Discovery (XEP-0030) for the server and for the sender's own account.
import { NS, xml } from "../../xml/element.ts";
import { advertisedFeatures } from "./fault-hooks-vcard.ts";
import type { IqCall } from "./iq.ts";
import { SERVER_IQ_NAMESPACES } from "./iq.ts";
import { accountDiscoInfo, accountDiscoItems } from "./pep-disco.ts";

/**
 * The features the server implements, and nothing more: the IQ namespaces it answers, delayed delivery
 * stamps (XEP-0203: urn:xmpp:delay) and offline storage ("msgoffline", XEP-0160).
 */
export function serverFeatures(): string[] {
  return [...new Set([...SERVER_IQ_NAMESPACES, NS.delay, "msgoffline"])].sort();
}

export function handleDiscoInfo(call: IqCall): void {
  if (call.iq.attrs.type !== "get") {
    call.error("bad-request");
    return;
  }
  if (call.scope !== "server") {
    accountDiscoInfo(call); // the account and its PEP service (XEP-0163 §6)
    return;
  }
  // No nodes are published.
  if (call.payload.attrs.node !== undefined) {
    call.error("item-not-found");
    return;
  }
  const identity = xml("identity", { category: "server", type: "im" });
  const features = advertisedFeatures(call.ctx, serverFeatures());
  call.result(
    xml("query", { xmlns: NS.discoInfo }, identity, ...features.map((f) => xml("feature", { var: f }))),
  );
}

export function handleDiscoItems(call: IqCall): void {
  if (call.iq.attrs.type !== "get") {
    call.error("bad-request");
    return;
  }
  if (call.scope !== "server") {
    accountDiscoItems(call);
    return;
  }
  if (call.payload.attrs.node !== undefined) {
    call.error("item-not-found");
    return;
  }
  call.result(xml("query", { xmlns: NS.discoItems }));
}

// Service discovery on an account's bare JID (XEP-0030 for the account, XEP-0163 §6): the account and
// its PEP service (identity pubsub/pep and the XEP-0060 features it supports), and the nodes the asker
// may access (§6.2: only those).
import { NS, xml } from "../../xml/element.ts";
import { advertisedPubsub, listedNodes, pepIdentityHidden } from "./fault-hooks-pep.ts";
import type { IqCall } from "./iq.ts";
import { mayAccess } from "./pep-access.ts";
import { NS_PUBSUB, serviceOf } from "./pep-store.ts";

/** The XEP-0060 features of the service (pubsub#<name>): what pep.ts and pep-notify.ts implement. */
const PUBSUB_FEATURES = [
  "access-open",
  "access-presence",
  "access-roster",
  "access-whitelist",
  "auto-create",
  "auto-subscribe",
  "create-nodes",
  "delete-nodes",
  "filtered-notifications",
  "last-published",
  "publish",
  "publish-options",
  "retract-items",
  "retrieve-items",
  "subscribe",
].map((f) => `${NS_PUBSUB}#${f}`);

function owner(call: IqCall): string {
  const jid = call.scope === "self" ? call.iq.attrs.from : call.iq.attrs.to;
  return call.ctx.bare(jid ?? "").toString();
}

/** disco#info of an account's bare JID (no node: the account and its PEP service). */
export function accountDiscoInfo(call: IqCall): void {
  if (call.payload.attrs.node !== undefined) {
    call.error("item-not-found");
    return;
  }
  const identities = [xml("identity", { category: "account", type: "registered" })];
  if (!pepIdentityHidden(call.ctx)) identities.push(xml("identity", { category: "pubsub", type: "pep" }));
  const features = [NS.discoInfo, NS.discoItems, NS_PUBSUB, ...advertisedPubsub(call.ctx, PUBSUB_FEATURES)];
  call.result(
    xml("query", { xmlns: NS.discoInfo }, ...identities, ...features.map((f) => xml("feature", { var: f }))),
  );
}

/** disco#items of an account's bare JID: its PEP nodes the asker may access. */
export function accountDiscoItems(call: IqCall): void {
  if (call.payload.attrs.node !== undefined) {
    call.error("item-not-found");
    return;
  }
  const { ctx } = call;
  const account = ctx.bare(owner(call));
  const asker = ctx.bare(call.iq.attrs.from ?? "");
  const nodes = [...serviceOf(ctx, account.toString()).nodes.values()];
  const visible = listedNodes(ctx, nodes, (n) => mayAccess(ctx, account, n, asker));
  call.result(
    xml(
      "query",
      { xmlns: NS.discoItems },
      visible.map((n) => xml("item", { jid: account.toString(), node: n.name })),
    ),
  );
}

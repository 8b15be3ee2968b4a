// What an account's PEP service adds to service discovery on its bare JID (XEP-0163 §6): the identity
// pubsub/pep and the XEP-0060 features it supports, and the nodes the asker may access (§6.2: only those).
// The account's disco itself (who may ask, its resources) is ./disco.ts, ./disco-nodes.ts, ./disco-accounts.ts.
import type { Jid } from "../../jid.ts";
import { type Element, xml } from "../../xml/element.ts";
import type { StanzaContext } from "./context.ts";
import { advertisedPubsub, listedNodes, pepIdentityHidden } from "./fault-hooks-pep.ts";
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

/** What an account's disco#info gains from its PEP service (XEP-0163 §6): identity pubsub/pep, its features. */
export function pepInfo(ctx: StanzaContext): { identities: Element[]; features: string[] } {
  const identities = pepIdentityHidden(ctx) ? [] : [xml("identity", { category: "pubsub", type: "pep" })];
  return { identities, features: [NS_PUBSUB, ...advertisedPubsub(ctx, PUBSUB_FEATURES)] };
}

/** The account's PEP nodes the asker may access (§6.2: only those), as disco#items items. */
export function pepNodeItems(ctx: StanzaContext, account: Jid, asker: Jid): Element[] {
  const nodes = [...serviceOf(ctx, account.toString()).nodes.values()];
  const visible = listedNodes(ctx, nodes, (n) => mayAccess(ctx, account, n, asker));
  return visible.map((n) => xml("item", { jid: account.toString(), node: n.name }));
}

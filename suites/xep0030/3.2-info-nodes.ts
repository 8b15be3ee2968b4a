// XEP-0030 §3.2 info nodes: disco#info at a JID+node. A node the entity lists (§4.2) answers with the node
// mirrored; a node it does not have is, like a JID that does not exist (§3.1), answered with an error.
import { Violation } from "../../harness/errors.ts";
import {
  assertInfoResult,
  assertItemsResult,
  type CaseContext,
  type Client,
  infoReply,
  itemsReply,
  section,
  stanzaErrorCondition,
  uid,
} from "../kit/index.ts";

/** disco#info at a node nobody has: an answer (§3.1), best item-not-found, and a result only with the node mirrored. */
async function unknownNode(ctx: CaseContext, s: Client, to: string): Promise<void> {
  const node = `urn:xmppspec:no-such-node:${uid()}`;
  const reply = await infoReply(s, to, node);
  if (reply.attrs.type === "result") {
    assertInfoResult(reply, `disco#info of ${to} at node ${node}`, node);
    ctx.should(
      false,
      `${to} answered a node it cannot have (${node}) as if it existed; §3.1: <item-not-found/>`,
    );
    return;
  }
  const condition = stanzaErrorCondition(reply);
  ctx.should(
    condition === "item-not-found" || condition === "service-unavailable",
    `an unknown node should give <item-not-found/> (or <service-unavailable/> for privacy), got <${condition ?? "none"}/>`,
  );
}

export default section("xep0030", "3.2", "Info Nodes", [
  {
    id: "xep0030/3.2/server-unknown-node",
    title:
      "disco#info at a node the server does not have gives an error (item-not-found), not a made-up result",
    requirements: ["XEP0030-3.1-10", "XEP0030-3.1-4", "XEP0030-3.2-1"],
    users: ["alice"],
    run: (ctx, { alice }) => unknownNode(ctx, alice, ctx.domain),
  },
  {
    id: "xep0030/3.2/own-account-unknown-node",
    title:
      "disco#info at a node of one's own account that does not exist gives an error, not a made-up result",
    requirements: ["XEP0030-3.1-10", "XEP0030-3.1-12"],
    users: ["alice"],
    run: (ctx, { alice }) => unknownNode(ctx, alice, alice.bare),
  },
  {
    id: "xep0030/3.2/listed-node-mirrored",
    title: "disco#info at each node the server lists in its disco#items answers with that node mirrored",
    requirements: ["XEP0030-3.2-2"],
    users: ["alice"],
    async run(ctx, { alice }) {
      const items = assertItemsResult(await itemsReply(alice, ctx.domain), `disco#items of ${ctx.domain}`);
      const nodes = items.filter((i) => i.node !== undefined).slice(0, 8);
      if (nodes.length === 0) ctx.skip(`${ctx.domain} lists no item with a node`);
      let answered = 0;
      for (const item of nodes) {
        const reply = await infoReply(alice, item.jid, item.node);
        if (reply.attrs.type !== "result") continue; // §7: a node may refuse; the mirror rule is for results
        const query = reply.getChild("query", "http://jabber.org/protocol/disco#info");
        if (query?.attrs.node !== item.node)
          throw new Violation(
            `disco#info of ${item.jid} at node '${item.node}' answered with node '${query?.attrs.node ?? "(none)"}'`,
          );
        answered++;
      }
      ctx.require(answered > 0, "no listed node answered disco#info with a result");
    },
  },
]);

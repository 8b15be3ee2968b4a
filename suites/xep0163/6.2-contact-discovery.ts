// XEP-0163 §6.2 Contact Service Discovery: disco#items on the owner's bare JID lists to an asker only the
// nodes it may subscribe to or retrieve items from.
import { Violation } from "../../harness/errors.ts";
import type { Client, Element } from "../kit/index.ts";
import {
  clip,
  discoItemsGet,
  NS,
  pepNode,
  published,
  requirePep,
  requirePubsubFeature,
  section,
  shareBoth,
} from "../kit/index.ts";

/** The nodes a disco#items answer lists (none for an error: listing nothing hides everything). */
async function listedNodes(asker: Client, owner: Client): Promise<{ nodes: string[]; reply: Element }> {
  const reply = await asker.iq(discoItemsGet(owner.bare));
  const items = reply.getChild("query", NS.discoItems)?.getChildren("item") ?? [];
  return { nodes: reply.attrs.type === "result" ? items.map((i) => i.attrs.node ?? "") : [], reply };
}

export default section("xep0163", "6.2", "Contact Service Discovery", [
  {
    id: "xep0163/6.2/disco-items-hides-presence-node-from-stranger",
    title:
      "disco#items on the owner's bare JID does not list a presence-access node to a user without a presence subscription",
    requirements: ["XEP0163-6.2-2", "XEP0163-6.2-1"],
    users: ["alice:online", "carol:online"],
    async run(ctx, { alice, carol }) {
      await requirePep(ctx, alice);
      const node = pepNode(ctx);
      await published(ctx, alice, node, "hidden");
      const { nodes, reply } = await listedNodes(carol, alice);
      if (nodes.includes(node))
        throw new Violation(`carol, who may not access it, sees the node ${node} listed: ${clip(reply)}`);
    },
  },
  {
    id: "xep0163/6.2/disco-items-hides-whitelist-node-from-contact",
    title:
      "disco#items on the owner's bare JID does not list a whitelist node to a contact subscribed to presence",
    requirements: ["XEP0163-6.2-2", "XEP0163-6.2-1"],
    users: ["alice:online", "bob:online"],
    async run(ctx, { alice, bob }) {
      const features = await requirePep(ctx, alice);
      requirePubsubFeature(ctx, features, "publish-options");
      const node = pepNode(ctx);
      await shareBoth(ctx, bob, alice);
      await published(ctx, alice, node, "whitelisted", "whitelist");
      const { nodes, reply } = await listedNodes(bob, alice);
      if (nodes.includes(node))
        throw new Violation(`bob, on no whitelist, sees the node ${node} listed: ${clip(reply)}`);
    },
  },
]);

// XEP-0163 §3 Publishing Events: a publish to a node that does not exist creates it (auto-create), and
// the service SHOULD support publish-options, whose preconditions a node that does not meet them refuses.
import { Violation } from "../../harness/errors.ts";
import {
  clip,
  itemIds,
  itemsIq,
  pepNode,
  pepPayload,
  published,
  publishIq,
  requirePep,
  requirePubsubFeature,
  section,
  stanzaErrorCondition,
  uid,
} from "../kit/index.ts";

export default section("xep0163", "3", "Publishing Events", [
  {
    id: "xep0163/3/publish-auto-creates-node",
    title: "a publish to a node that does not exist succeeds, and the node then holds the item (auto-create)",
    requirements: ["XEP0163-3-1", "XEP0163-3-2"],
    users: ["alice"],
    async run(ctx, { alice }) {
      await requirePep(ctx, alice);
      const node = pepNode(ctx);
      const id = `i-${uid()}`;
      const reply = await alice.iq(publishIq(node, id, pepPayload(node, "first")));
      if (reply.attrs.type !== "result")
        throw new Violation(`a publish to the new node ${node} was refused: ${clip(reply)}`);
      const items = await alice.iq(itemsIq(alice.bare, node));
      if (items.attrs.type !== "result" || !itemIds(items).includes(id))
        throw new Violation(`the auto-created node does not hold item ${id}: ${clip(items)}`);
    },
  },
  {
    id: "xep0163/3/publish-options-supported",
    title: "the PEP service supports publish-options (advertises pubsub#publish-options)",
    requirements: ["XEP0163-3-4"],
    users: ["alice"],
    async run(ctx, { alice }) {
      const features = await requirePep(ctx, alice);
      ctx.should(
        features.includes("http://jabber.org/protocol/pubsub#publish-options"),
        "the PEP service should support publish-options but does not advertise pubsub#publish-options",
      );
    },
  },
  {
    id: "xep0163/3/publish-options-precondition-enforced",
    title:
      "a publish whose publish-options ask for another access model than the existing node's fails (conflict, XEP-0060 §7.1.5)",
    requirements: ["XEP0163-3-4"],
    users: ["alice"],
    async run(ctx, { alice }) {
      const features = await requirePep(ctx, alice);
      requirePubsubFeature(ctx, features, "publish-options");
      const node = pepNode(ctx);
      await published(ctx, alice, node, "presence node", "presence");
      const reply = await alice.iq(publishIq(node, `i-${uid()}`, pepPayload(node, "x"), "whitelist"));
      if (reply.attrs.type !== "error")
        throw new Violation(`a publish with an unmet precondition succeeded: ${clip(reply)}`);
      const condition = stanzaErrorCondition(reply);
      ctx.should(
        condition === "conflict",
        `an unmet precondition should fail with <conflict/>, got <${condition}/>`,
      );
    },
  },
]);

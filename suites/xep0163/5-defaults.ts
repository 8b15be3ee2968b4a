// XEP-0163 §5 Recommended Defaults: the access models (presence, the default; open; whitelist), item
// retrieval, node creation and deletion, and (XEP-0060 §7.2.2.1) retraction with notify.
import { Violation } from "../../harness/errors.ts";
import {
  clip,
  interestedContact,
  itemIds,
  itemsIq,
  NS_PUBSUB,
  NS_PUBSUB_OWNER,
  pepEvent,
  pepNode,
  published,
  pubsubIq,
  requirePep,
  requirePubsubFeature,
  section,
  shareBoth,
  xml,
} from "../kit/index.ts";

export default section("xep0163", "5", "Recommended Defaults", [
  {
    id: "xep0163/5/presence-access-refuses-stranger",
    title:
      "a node created with the default access model refuses item retrieval to a user without a presence subscription to the owner",
    requirements: ["XEP0163-5-1"],
    users: ["alice:online", "carol:online"],
    async run(ctx, { alice, carol }) {
      await requirePep(ctx, alice);
      const node = pepNode(ctx);
      const id = await published(ctx, alice, node, "for contacts only");
      const reply = await carol.iq(itemsIq(alice.bare, node));
      if (reply.attrs.type !== "error" && itemIds(reply).includes(id))
        throw new Violation(
          `carol, not subscribed to alice's presence, retrieved item ${id}: ${clip(reply)}`,
        );
      if (reply.attrs.type !== "error")
        throw new Violation(`carol's retrieval of a presence node was not refused: ${clip(reply)}`);
    },
  },
  {
    id: "xep0163/5/open-access-allows-stranger",
    title:
      "a node published with access model open gives its items to a user without a presence subscription",
    requirements: ["XEP0163-5-1"],
    users: ["alice:online", "carol:online"],
    async run(ctx, { alice, carol }) {
      const features = await requirePep(ctx, alice);
      requirePubsubFeature(ctx, features, "publish-options");
      const node = pepNode(ctx);
      const id = await published(ctx, alice, node, "for everyone", "open");
      const reply = await carol.iq(itemsIq(alice.bare, node));
      if (reply.attrs.type !== "result" || !itemIds(reply).includes(id))
        throw new Violation(`carol cannot retrieve item ${id} of an open node: ${clip(reply)}`);
    },
  },
  {
    id: "xep0163/5/whitelist-refuses-contact",
    title:
      "a node published with access model whitelist refuses item retrieval to a contact subscribed to presence",
    requirements: ["XEP0163-5-1"],
    users: ["alice:online", "bob:online"],
    async run(ctx, { alice, bob }) {
      const features = await requirePep(ctx, alice);
      requirePubsubFeature(ctx, features, "publish-options");
      const node = pepNode(ctx);
      await shareBoth(ctx, bob, alice);
      const id = await published(ctx, alice, node, "for nobody", "whitelist");
      const reply = await bob.iq(itemsIq(alice.bare, node));
      if (reply.attrs.type !== "error")
        throw new Violation(`bob, on no whitelist, retrieved the node (item ${id}): ${clip(reply)}`);
    },
  },
  {
    id: "xep0163/5/owner-retrieves-items",
    title: "the owner retrieves the items it published to a node, each under its id",
    requirements: ["XEP0163-5-1"],
    users: ["alice:online"],
    async run(ctx, { alice }) {
      await requirePep(ctx, alice);
      const node = pepNode(ctx);
      const first = await published(ctx, alice, node, "one");
      const reply = await alice.iq(itemsIq(undefined, node));
      if (reply.attrs.type !== "result" || !itemIds(reply).includes(first))
        throw new Violation(`the node's items do not include ${first}: ${clip(reply)}`);
    },
  },
  {
    id: "xep0163/5/create-node-then-publish",
    title: "the owner creates a node explicitly (XEP-0060 create) and then publishes to it",
    requirements: ["XEP0163-5-1"],
    users: ["alice:online"],
    async run(ctx, { alice }) {
      const features = await requirePep(ctx, alice);
      requirePubsubFeature(ctx, features, "create-nodes");
      const node = pepNode(ctx);
      const created = await alice.iq(pubsubIq(undefined, xml("create", { node })));
      if (created.attrs.type !== "result")
        throw new Violation(`the node creation was refused: ${clip(created)}`);
      await published(ctx, alice, node, "into the created node");
    },
  },
  {
    id: "xep0163/5/delete-node-notifies",
    title:
      "the owner deletes a node; a contact interested in it is told with a <delete/> event, and the node is gone",
    requirements: ["XEP0163-5-1"],
    users: ["alice:online", "bob:online"],
    async run(ctx, { alice, bob }) {
      const features = await requirePep(ctx, alice);
      requirePubsubFeature(ctx, features, "delete-nodes");
      const node = pepNode(ctx);
      await interestedContact(ctx, bob, alice, [node]);
      await published(ctx, alice, node, "to be deleted");
      const told = bob.expect(pepEvent(node, "delete"));
      await alice.iqResult(pubsubIq(undefined, xml("delete", { node }), NS_PUBSUB_OWNER), "node deletion");
      await told;
      const after = await alice.iq(itemsIq(undefined, node));
      if (after.attrs.type === "result" && itemIds(after).length)
        throw new Violation(`the deleted node still has items: ${clip(after)}`);
    },
  },
  {
    id: "xep0163/5/retract-with-notify-notifies",
    title:
      "the owner retracts an item with notify='true'; an interested contact gets a <retract/> event for it",
    requirements: ["XEP0163-5-1"],
    users: ["alice:online", "bob:online"],
    async run(ctx, { alice, bob }) {
      const features = await requirePep(ctx, alice);
      requirePubsubFeature(ctx, features, "retract-items");
      const node = pepNode(ctx);
      await interestedContact(ctx, bob, alice, [node]);
      const id = await published(ctx, alice, node, "to be retracted");
      const told = bob.expect({
        name: "message",
        where: (el) =>
          el.getChild("event", `${NS_PUBSUB}#event`)?.getChild("items")?.getChild("retract")?.attrs.id === id,
        what: `carrying a <retract id='${id}'/> event`,
      });
      const retract = xml("retract", { node, notify: "true" }, xml("item", { id }));
      await alice.iqResult(pubsubIq(undefined, retract), "retract");
      await told;
    },
  },
]);

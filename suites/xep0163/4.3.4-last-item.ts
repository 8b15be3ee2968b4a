// XEP-0163 §4.3.4 Sending the Last Published Item: to every new subscriber and every newly-available
// resource of a subscriber, the account owner's own included; the item sent is the last one published
// (the service MAY send more, which the cases accept).
import { Violation } from "../../harness/errors.ts";
import {
  answerCapsQueries,
  capsFor,
  clip,
  itemIds,
  mutual,
  newInterestedResource,
  notifyCaps,
  pepEvent,
  pepItemEvent,
  pepNode,
  published,
  requirePep,
  section,
  sendPresence,
} from "../kit/index.ts";

export default section("xep0163", "4.3.4", "Sending the Last Published Item", [
  {
    id: "xep0163/4.3.4/owner-new-resource-gets-last-item",
    title: "the account owner's newly-available resource announcing +notify gets the node's last item",
    requirements: ["XEP0163-4.3.4-1"],
    users: ["alice:online"],
    async run(ctx, { alice }) {
      await requirePep(ctx, alice);
      const node = pepNode(ctx);
      const id = await published(ctx, alice, node, "mine");
      const { event } = await newInterestedResource(ctx, "alice", node, pepItemEvent(node, id));
      await event;
    },
  },
  {
    id: "xep0163/4.3.4/new-subscriber-gets-last-item",
    title:
      "a contact that becomes subscribed (presence subscription approved both ways) while available with +notify gets the last item",
    requirements: ["XEP0163-4.3.4-1", "XEP0163-4.3.4-2"],
    users: ["alice:online", "bob:online"],
    async run(ctx, { alice, bob }) {
      await requirePep(ctx, alice);
      const node = pepNode(ctx);
      const id = await published(ctx, alice, node, "for new subscribers");
      // bob's caps reach alice's service only with his presence, once she subscribes to it: the answer
      // to her query is given then, and nothing here waits for one
      const caps = capsFor([node]);
      void answerCapsQueries(ctx, bob, caps);
      await ctx.setUp("bob sends presence with +notify caps", () => sendPresence(bob, notifyCaps(caps)));
      const last = bob.expect(pepItemEvent(node, id));
      // bob subscribes to alice first; alice's subscription to bob then brings bob's presence to her service
      await ctx.setUp("bob and alice subscribe to each other's presence", () =>
        mutual(bob, alice, { settle: false }),
      );
      await last;
    },
  },
  {
    id: "xep0163/4.3.4/last-item-is-the-latest",
    title:
      "after two publishes to a node, a newly-available resource gets the second item (the last published)",
    requirements: ["XEP0163-4.3.4-1"],
    users: ["alice:online"],
    async run(ctx, { alice }) {
      await requirePep(ctx, alice);
      const node = pepNode(ctx);
      await published(ctx, alice, node, "older");
      const id = await published(ctx, alice, node, "newer");
      const { event } = await newInterestedResource(ctx, "alice", node, pepEvent(node));
      const got = await event;
      if (!itemIds(got).includes(id))
        throw new Violation(`the notification on presence does not carry the last item ${id}: ${clip(got)}`);
    },
  },
]);

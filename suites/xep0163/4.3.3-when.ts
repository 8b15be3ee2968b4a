// XEP-0163 §4.3.3 When to Generate Notifications: on every publish, to all appropriate subscribers (the
// owner's own interested resources among them, §4 rule 3); on a subscriber's initial presence with caps,
// the last item to that resource; and never again on its later presence in the same session.
import {
  announceInterest,
  assertFromBare,
  newInterestedResource,
  notifyCaps,
  pepBetween,
  pepItemEvent,
  pepNode,
  published,
  requirePep,
  section,
  sendPresence,
  xml,
} from "../kit/index.ts";

export default section("xep0163", "4.3.3", "When to Generate Notifications", [
  {
    id: "xep0163/4.3.3/owner-resources-notified",
    title:
      "the account owner's other available resource that announced +notify gets the notification of a publish",
    requirements: ["XEP0163-4.3.3-1"],
    users: ["alice:online"],
    async run(ctx, { alice }) {
      await requirePep(ctx, alice);
      const node = pepNode(ctx);
      const alice2 = await ctx.setUp("alice logs in a second session", () =>
        ctx.login("alice", "interested"),
      );
      await announceInterest(ctx, alice2, [node]);
      const id = await published(ctx, alice, node, "to myself");
      assertFromBare(await alice2.expect(pepItemEvent(node, id)), alice);
    },
  },
  {
    id: "xep0163/4.3.3/initial-presence-gets-last-item",
    title:
      "a contact's newly-available resource whose initial presence announces +notify gets the node's last item",
    requirements: ["XEP0163-4.3.3-2", "XEP0163-4.3.4-1"],
    users: ["alice:online", "bob:online"],
    async run(ctx, { alice, bob }) {
      const node = await pepBetween(ctx, alice, bob);
      const id = await published(ctx, alice, node, "already there");
      const { event } = await newInterestedResource(ctx, "bob", node, pepItemEvent(node, id));
      await event;
    },
  },
  {
    id: "xep0163/4.3.3/later-presence-no-new-notification",
    title:
      "a later available presence of the same resource (a status change) does not bring the last item again",
    requirements: ["XEP0163-4.3.3-3"],
    users: ["alice:online", "bob:online"],
    async run(ctx, { alice, bob }) {
      const node = await pepBetween(ctx, alice, bob);
      const id = await published(ctx, alice, node, "only once");
      const {
        session: bob2,
        caps,
        event,
      } = await newInterestedResource(ctx, "bob", node, pepItemEvent(node, id));
      await ctx.setUp("the initial presence brings the last item", () => event);
      await sendPresence(bob2, notifyCaps(caps), xml("status", {}, "still here"));
      await bob2.expectNothing(pepItemEvent(node, id), "a later presence brought the last item again");
    },
  },
  {
    id: "xep0163/4.3.3/initial-again-after-unavailable",
    title:
      "after unavailable presence, the resource's next available presence is initial again and gets the last item",
    requirements: ["XEP0163-4.3.3-2"],
    users: ["alice:online", "bob:online"],
    async run(ctx, { alice, bob }) {
      const node = await pepBetween(ctx, alice, bob);
      const id = await published(ctx, alice, node, "again");
      const {
        session: bob2,
        caps,
        event,
      } = await newInterestedResource(ctx, "bob", node, pepItemEvent(node, id));
      await ctx.setUp("the initial presence brings the last item", () => event);
      await ctx.setUp("bob's second resource goes unavailable", async () => {
        await bob2.send(xml("presence", { type: "unavailable" }));
        await bob2.barrier();
      });
      const again = bob2.expect(pepItemEvent(node, id));
      await sendPresence(bob2, notifyCaps(caps));
      await again;
    },
  },
]);

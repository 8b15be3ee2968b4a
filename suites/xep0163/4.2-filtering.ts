// XEP-0163 §4.2 Notification Filtering: a contact gets notifications only of the nodes its caps
// announce "+notify" for (XEP-0060 §9.2 filtered-notifications).
import {
  announceInterest,
  pepBetween,
  pepEvent,
  pepNode,
  published,
  requirePep,
  section,
  shareBoth,
} from "../kit/index.ts";

export default section("xep0163", "4.2", "Notification Filtering", [
  {
    id: "xep0163/4.2/no-notify-no-notification",
    title:
      "a contact sharing presence whose caps announce no +notify at all gets no notification of a publish",
    requirements: ["XEP0163-4.2-1"],
    users: ["alice:online", "bob:online"],
    async run(ctx, { alice, bob }) {
      const node = await pepBetween(ctx, alice, bob);
      await announceInterest(ctx, bob, []);
      await published(ctx, alice, node, "not for bob");
      await bob.expectNothing(
        pepEvent(node),
        "bob announced no interest in the node yet got its notification",
      );
    },
  },
  {
    id: "xep0163/4.2/other-node-interest-filtered",
    title:
      "a contact whose caps announce +notify for another node only gets no notification of this node, but does of the other",
    requirements: ["XEP0163-4.2-1"],
    users: ["alice:online", "bob:online"],
    async run(ctx, { alice, bob }) {
      await requirePep(ctx, alice);
      const wanted = pepNode(ctx, "wanted");
      const other = pepNode(ctx, "other");
      await shareBoth(ctx, bob, alice);
      await announceInterest(ctx, bob, [wanted]);
      await published(ctx, alice, other, "not for bob");
      const event = bob.expect(pepEvent(wanted));
      await published(ctx, alice, wanted, "for bob");
      await event;
      await bob.expectNothing(
        pepEvent(other),
        "bob asked only for another node yet got this node's notification",
      );
    },
  },
]);

// XEP-0163 §7.1 Cancelling Subscriptions: when a presence subscription ends, the service recalculates
// access, and a contact that lost it is no longer subscribed: no notifications, no items.
import { Violation } from "../../harness/errors.ts";
import type { CaseContext, Client } from "../kit/index.ts";
import {
  clip,
  interestedContact,
  itemsIq,
  pepBetween,
  pepEvent,
  pepItemEvent,
  pepNode,
  published,
  requirePep,
  rosterPush,
  section,
  subscription,
} from "../kit/index.ts";

/** Alice cancels bob's subscription to her presence ('unsubscribed', RFC 6121 §3.2) and sees it settle. */
function cancelled(ctx: CaseContext, alice: Client, bob: Client): Promise<void> {
  return ctx.setUp("alice cancels bob's subscription to her presence", async () => {
    const push = alice.expect(rosterPush(bob.bare, ["none", "to"]));
    await alice.send(subscription("unsubscribed", bob.bare));
    await push;
    await bob.barrier();
  });
}

export default section("xep0163", "7.1", "Cancelling Subscriptions", [
  {
    id: "xep0163/7.1/cancelled-contact-not-notified",
    title:
      "after the owner cancels a contact's presence subscription, the contact gets no notification of a publish",
    requirements: ["XEP0163-7.1-1", "XEP0163-7.1-2"],
    users: ["alice:online", "bob:online"],
    async run(ctx, { alice, bob }) {
      await requirePep(ctx, alice);
      const node = pepNode(ctx);
      await interestedContact(ctx, bob, alice, [node]);
      const before = bob.expect(pepEvent(node));
      await published(ctx, alice, node, "while subscribed");
      await ctx.setUp("bob gets notifications while subscribed", () => before);
      await cancelled(ctx, alice, bob);
      const id = await published(ctx, alice, node, "after the cancellation");
      await bob.expectNothing(pepItemEvent(node, id), "bob lost his presence subscription yet was notified");
    },
  },
  {
    id: "xep0163/7.1/cancelled-contact-items-refused",
    title:
      "after the owner cancels a contact's presence subscription, the contact's retrieval of a presence node is refused",
    requirements: ["XEP0163-7.1-1", "XEP0163-7.1-2"],
    users: ["alice:online", "bob:online"],
    async run(ctx, { alice, bob }) {
      const node = await pepBetween(ctx, alice, bob);
      await published(ctx, alice, node, "for subscribers");
      await ctx.setUp("bob retrieves the items while subscribed", () =>
        bob.iqResult(itemsIq(alice.bare, node), "items"),
      );
      await cancelled(ctx, alice, bob);
      const reply = await bob.iq(itemsIq(alice.bare, node));
      if (reply.attrs.type !== "error")
        throw new Violation(`bob lost his presence subscription yet retrieved the node: ${clip(reply)}`);
    },
  },
]);

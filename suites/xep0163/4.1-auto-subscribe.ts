// XEP-0163 §4.1 Automatic Subscriptions: a contact with a presence subscription to the owner is
// subscribed to the owner's nodes (access model presence) without asking, and may retrieve their items.
import { Violation } from "../../harness/errors.ts";
import {
  clip,
  interestedContact,
  itemIds,
  itemsIq,
  pepBetween,
  pepEvent,
  pepNode,
  published,
  requirePep,
  section,
} from "../kit/index.ts";

export default section("xep0163", "4.1", "Automatic Subscriptions", [
  {
    id: "xep0163/4.1/contact-notified-without-subscribing",
    title:
      "a contact sharing presence with the owner and announcing +notify gets the owner's published item, never having subscribed",
    requirements: ["XEP0163-4.1-1", "XEP0163-4.3.3-1"],
    users: ["alice:online", "bob:online"],
    async run(ctx, { alice, bob }) {
      await requirePep(ctx, alice);
      const node = pepNode(ctx);
      await interestedContact(ctx, bob, alice, [node]);
      const events = bob.expect(pepEvent(node));
      const id = await published(ctx, alice, node, "hi");
      const event = await events;
      if (!itemIds(event).includes(id))
        throw new Violation(`the notification lacks item ${id}: ${clip(event)}`);
    },
  },
  {
    id: "xep0163/4.1/contact-retrieves-items",
    title:
      "a contact with a presence subscription to the owner retrieves the items of a node of the default access model",
    requirements: ["XEP0163-4.1-1"],
    users: ["alice:online", "bob:online"],
    async run(ctx, { alice, bob }) {
      const node = await pepBetween(ctx, alice, bob);
      const id = await published(ctx, alice, node, "for contacts");
      const reply = await bob.iq(itemsIq(alice.bare, node));
      if (reply.attrs.type !== "result" || !itemIds(reply).includes(id))
        throw new Violation(
          `bob, subscribed to alice's presence, cannot retrieve item ${id}: ${clip(reply)}`,
        );
    },
  },
]);

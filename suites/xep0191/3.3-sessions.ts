// XEP-0191 §3.3: "the duration of the block is potentially unlimited and applies across sessions": a new
// session of the user finds the blocklist as it was, and the block holds for it.
import {
  assertSameJids,
  blockJids,
  blocklistOf,
  message,
  messageWithId,
  nothingFrom,
  requireBlocking,
  section,
  uid,
} from "../kit/index.ts";

export default section("xep0191", "3.3", "User Blocks JID", [
  {
    id: "xep0191/3.3/blocklist-survives-new-session",
    title: "after the user logs out and in again, the blocklist still holds the blocked JID",
    requirements: ["XEP0191-3.3-6", "XEP0191-3.2-1"],
    users: ["alice", "bob"],
    async run(ctx, { alice, bob }) {
      await requireBlocking(ctx, alice);
      await blockJids(ctx, alice, "block", [bob.bare]);
      await ctx.setUp("alice logs out", () => alice.close());
      const again = await ctx.login("alice", "bound");
      assertSameJids(
        await blocklistOf(again, "the blocklist request of a new session"),
        [bob.bare],
        "the new session's blocklist",
      );
    },
  },
  {
    id: "xep0191/3.3/block-holds-in-new-session",
    title: "a message from a JID blocked in an earlier session does not reach the user's new session",
    requirements: ["XEP0191-3.3-6"],
    users: ["alice", "bob"],
    async run(ctx, { alice, bob }) {
      await requireBlocking(ctx, alice);
      await blockJids(ctx, alice, "block", [bob.bare]);
      await ctx.setUp("alice logs out", () => alice.close());
      const again = await ctx.login("alice", "online");
      const id = `later-${uid()}`;
      await bob.send(message(again.full, "still blocked?", { id }));
      await nothingFrom(
        bob,
        again,
        messageWithId(id),
        "a message from a JID blocked in an earlier session reached the user",
      );
    },
  },
  {
    id: "xep0191/3.3/blocked-message-not-stored-offline",
    title: "a message from a blocked JID while the user is offline is not delivered at the user's next login",
    requirements: ["XEP0191-3.3-6"],
    users: ["alice", "bob"],
    async run(ctx, { alice, bob }) {
      await requireBlocking(ctx, alice);
      await blockJids(ctx, alice, "block", [bob.bare]);
      await ctx.setUp("alice logs out", () => alice.close());
      const id = `offline-${uid()}`;
      await bob.send(message(alice.bare, "while you were away", { id }));
      await bob.barrier();
      // initial presence is when offline messages come (XEP-0160); the login's barrier follows it
      const again = await ctx.login("alice", "online");
      await again.expectNothing(
        messageWithId(id),
        "a message from a blocked JID reached the user at the next login",
      );
    },
  },
]);

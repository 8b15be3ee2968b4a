import {
  blockJids,
  blockSubscribedContact,
  broadcastReaches,
  interestedPair,
  message,
  messageWithId,
  presence,
  presenceFrom,
  pushesReach,
  requireBlocking,
  section,
  uid,
  unblockLeaves,
} from "../kit/index.ts";

export default section("xep0191", "3.4", "User Unblocks JID", [
  {
    id: "xep0191/3.4/unblock-result",
    title: "an unblock command is answered with a result and the JID leaves the blocklist",
    requirements: ["XEP0191-3.4-1"],
    users: ["alice", "bob", "carol"],
    run: (ctx, { alice, bob, carol }) =>
      unblockLeaves(ctx, alice, [bob.bare, carol.bare], [bob.bare], [carol.bare]),
  },
  {
    id: "xep0191/3.4/unblock-push-every-interested-resource",
    title: "every resource of the user that requested the blocklist gets the unblock push naming the JID",
    requirements: ["XEP0191-3.4-2"],
    serverGenerated: true,
    users: ["alice", "bob"],
    async run(ctx, { alice, bob }) {
      await requireBlocking(ctx, alice);
      const other = await interestedPair(ctx, alice);
      await blockJids(ctx, alice, "block", [bob.bare]);
      await pushesReach(ctx, alice, [alice, other], "unblock", [bob.bare]);
    },
  },
  {
    id: "xep0191/3.4/unblock-sends-current-presence",
    title: "unblocking a subscribed contact sends it the user's current presence",
    requirements: ["XEP0191-3.4-3"],
    serverGenerated: true,
    users: ["alice:online", "bob:online"],
    async run(ctx, { alice, bob }) {
      await blockSubscribedContact(ctx, alice, bob);
      await bob.barrier();
      bob.inbox.splice(0); // the block's unavailable presence, and anything before
      const back = bob.expect(presenceFrom(alice.bare));
      await blockJids(ctx, alice, "unblock", [bob.bare]);
      await back;
    },
  },
  {
    id: "xep0191/3.4/unblocked-messages-delivered",
    title: "after the unblock, the contact's messages reach the user again",
    requirements: ["XEP0191-3.4-4"],
    users: ["alice:online", "bob:online"],
    async run(ctx, { alice, bob }) {
      await requireBlocking(ctx, alice);
      await blockJids(ctx, alice, "block", [bob.bare]);
      await blockJids(ctx, alice, "unblock", [bob.bare]);
      const id = `unblocked-${uid()}`;
      const got = alice.expect(messageWithId(id));
      await bob.send(message(alice.full, "back again", { id }));
      await got;
    },
  },
  {
    id: "xep0191/3.4/unblocked-presence-delivered",
    title: "after the unblock, the contact's presence broadcasts reach the user again",
    requirements: ["XEP0191-3.4-4"],
    users: ["alice:online", "bob:online"],
    async run(ctx, { alice, bob }) {
      await blockSubscribedContact(ctx, alice, bob);
      await blockJids(ctx, alice, "unblock", [bob.bare]);
      await broadcastReaches(bob, `unblocked-${uid()}`, [alice]);
    },
  },
  {
    id: "xep0191/3.4/unblock-one-keeps-others",
    title: "unblocking one JID leaves the other blocked JIDs blocked",
    requirements: ["XEP0191-3.3-6", "XEP0191-3.4-1"],
    users: ["alice:online", "bob:online", "carol:online"],
    async run(ctx, { alice, bob, carol }) {
      await requireBlocking(ctx, alice);
      await blockJids(ctx, alice, "block", [bob.bare, carol.bare]);
      await blockJids(ctx, alice, "unblock", [bob.bare]);
      const id = `still-${uid()}`;
      await carol.send(message(alice.full, "still blocked?", { id }));
      await carol.barrier();
      await alice.expectNothing(
        messageWithId(id),
        "a JID still on the blocklist got a message through after another was unblocked",
      );
    },
  },
  {
    id: "xep0191/3.4/unblocked-contact-login-sees-presence",
    title: "after the unblock, the contact's new session gets the user's presence in answer to its probe",
    requirements: ["XEP0191-3.4-4"],
    serverGenerated: true,
    users: ["alice:online", "bob:online"],
    async run(ctx, { alice, bob }) {
      await blockSubscribedContact(ctx, alice, bob);
      await blockJids(ctx, alice, "unblock", [bob.bare]);
      // the probe bob's initial presence causes is a stanza from the JID the user must handle again
      const again = await ctx.login("bob", { label: "bob-2", roster: true });
      const seen = again.expect(presenceFrom(alice.bare));
      await again.send(presence());
      await seen;
    },
  },
]);

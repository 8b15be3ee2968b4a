// XEP-0191 §3.3, presence on a block: the blocked contact gets the user's unavailable presence (if it may
// see the user's presence), and from then on none of the user's presence: the user appears offline.
import {
  blockJids,
  blockSubscribedContact,
  mutual,
  nothingFrom,
  presenceFrom,
  presenceWithStatus,
  requireBlocking,
  section,
  sendPresence,
  uid,
  xml,
} from "../kit/index.ts";

export default section("xep0191", "3.3", "User Blocks JID", [
  {
    id: "xep0191/3.3/block-sends-unavailable",
    title: "blocking a contact subscribed to the user's presence sends it the user's unavailable presence",
    requirements: ["XEP0191-3.3-5"],
    serverGenerated: true,
    users: ["alice:online", "bob:online"],
    async run(ctx, { alice, bob }) {
      await requireBlocking(ctx, alice);
      await ctx.setUp("alice and bob subscribe to each other", () => mutual(alice, bob));
      const gone = bob.expect(presenceFrom(alice.bare, "unavailable"));
      await blockJids(ctx, alice, "block", [bob.bare]);
      await gone;
    },
  },
  {
    id: "xep0191/3.3/blocked-contact-gets-no-broadcast",
    title: "after the block, the user's presence broadcasts no longer reach the blocked contact",
    requirements: ["XEP0191-3.3-11", "XEP0191-3.3-5"],
    serverGenerated: true,
    users: ["alice:online", "bob:online"],
    async run(ctx, { alice, bob }) {
      await blockSubscribedContact(ctx, alice, bob);
      const status = `after-block-${uid()}`;
      await sendPresence(alice, xml("status", {}, status));
      await nothingFrom(
        alice,
        bob,
        presenceWithStatus(alice.full, status),
        "the user's presence reached a contact the user blocked",
      );
    },
  },
  {
    id: "xep0191/3.3/blocked-contact-login-sees-offline",
    title: "a blocked contact's new session gets no presence of the user: its server's probe is not answered",
    requirements: ["XEP0191-3.3-7"],
    serverGenerated: true,
    users: ["alice:online", "bob:online"],
    async run(ctx, { alice, bob }) {
      await blockSubscribedContact(ctx, alice, bob);
      // initial presence makes bob's server probe alice (RFC 6121 §4.2.2); the login's barrier follows it
      const again = await ctx.login("bob", "online");
      await again.expectNothing(
        presenceFrom(alice.bare),
        "the blocked contact's new session got the user's presence",
      );
    },
  },
]);

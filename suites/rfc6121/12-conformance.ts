// RFC 6121 §12 (conformance requirements) where no other section holds the check: an inbound
// 'unsubscribe' ends what the user's presence reaches.
import { broadcastSkips, mutual, presence, presenceFromFull, section } from "../kit/index.ts";

export default section("rfc6121", "12", "Conformance Requirements", [
  {
    id: "rfc6121/12/unsubscribe-stops-broadcast",
    title:
      "an inbound 'unsubscribe' ends the contact's subscription: the user's presence no longer reaches it",
    requirements: ["RFC6121-12-12"],
    users: ["alice:online", "bob:online"],
    async run(ctx, { alice, bob }) {
      await ctx.setUp("bob and alice subscribe to each other", () => mutual(bob, alice, { settle: false }));
      const gone = bob.expect(presenceFromFull(alice.full, "unavailable"));
      await bob.send(presence({ to: alice.bare, type: "unsubscribe" }));
      await gone.catch(() => {}); // §3.3.3: SHOULD send unavailable; what matters is the next broadcast
      await broadcastSkips(
        alice,
        "after unsubscribe",
        [bob],
        "a contact that unsubscribed still got a broadcast",
      );
    },
  },
]);

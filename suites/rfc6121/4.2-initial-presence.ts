// RFC 6121 §4.2: initial presence goes from the full JID to the user's 'from' subscribers and to all of
// the user's available resources (the sender included), to every resource of a subscribed contact, and
// to nobody else.
import {
  broadcastReaches,
  markerBarrier,
  presence,
  presenceFromFull,
  section,
  sendPresence,
  subscribe,
  withSubscriber,
  xml,
} from "../kit/index.ts";

export default section("rfc6121", "4.2", "Initial Presence", [
  withSubscriber({
    id: "rfc6121/4.2.2/initial-presence-broadcast",
    title:
      "initial presence goes from the full JID to subscribed contacts and to all of the user's available resources",
    requirements: ["RFC6121-4.2.2-1", "RFC6121-4.2.2-2", "RFC6120-15-34"],
    async run(ctx, { alice, bob }) {
      const second = await ctx.login("alice", { roster: true });
      const atBob = bob.expect(presenceFromFull(second.full));
      const atFirst = alice.expect(presenceFromFull(second.full));
      const atSelf = second.expect(presenceFromFull(second.full));
      await second.send(presence({ status: "second resource" }));
      const got = await atBob;
      ctx
        .expect(got.getChildText("status"), "the broadcast carries the initial presence's <status/>")
        .to.equal("second resource");
      await atFirst;
      await atSelf;
    },
  }),
  {
    id: "rfc6121/4.2.2/initial-presence-not-to-non-subscribers",
    title:
      "initial presence reaches a 'from' subscriber but neither a stranger nor a contact the user only subscribes to",
    requirements: ["RFC6121-4.2.2-1", "RFC6121-11-3", "RFC6121-11-2", "RFC6121-12-6"],
    users: ["alice:online", "bob:online", "carol:online", "dave:online"],
    async run(ctx, { alice, bob, carol, dave }) {
      await ctx.setUp("bob subscribes to alice's presence", () => subscribe(bob, alice, { settle: false })); // alice's roster: bob 'from'
      await ctx.setUp("alice subscribes to carol's presence", () =>
        subscribe(alice, carol, { settle: false }),
      ); // alice's roster: carol 'to' only
      const second = await ctx.login("alice", { roster: true });
      const atBob = bob.expect(presenceFromFull(second.full));
      await sendPresence(second);
      await atBob;
      for (const other of [carol, dave]) {
        await markerBarrier(second, other);
        await other.expectNothing(
          presenceFromFull(second.full),
          "presence reached an entity not subscribed to the user",
        );
      }
    },
  },
  {
    id: "rfc6121/4.2.3/presence-to-every-contact-resource",
    title: "the user's presence reaches every available resource of a subscribed contact",
    requirements: ["RFC6121-4.2.3-1", "RFC6121-4.4.3-1", "RFC6121-8.5.2.1.2-1"],
    users: ["alice:online", "bob:online"],
    async run(ctx, { alice, bob }) {
      const bob2 = await ctx.login("bob", { roster: true, presence: { priority: -1 } });
      await ctx.setUp("bob subscribes to alice's presence", () => subscribe(bob, alice, { settle: false }));
      const second = await ctx.login("alice", { roster: true });
      const got = [bob, bob2].map((s) => s.expect(presenceFromFull(second.full)));
      await sendPresence(second, xml("status", {}, "initial"));
      await Promise.all(got);
      await broadcastReaches(second, "update", [bob, bob2]);
    },
  },
]);

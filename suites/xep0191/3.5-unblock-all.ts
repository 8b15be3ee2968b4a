import {
  blockJids,
  eachArrives,
  interestedPair,
  message,
  messageWithId,
  pushesReach,
  requireBlocking,
  section,
  uid,
  unblockLeaves,
} from "../kit/index.ts";

export default section("xep0191", "3.5", "User Unblocks All blocked JIDs", [
  {
    id: "xep0191/3.5/unblock-all-result",
    title: "an empty <unblock/> is answered with a result and empties the blocklist",
    requirements: ["XEP0191-3.5-1"],
    users: ["alice", "bob", "carol"],
    run: (ctx, { alice, bob, carol }) => unblockLeaves(ctx, alice, [bob.bare, carol.bare], [], []),
  },
  {
    id: "xep0191/3.5/unblock-all-push",
    title: "every resource that requested the blocklist gets a push with an empty <unblock/>",
    requirements: ["XEP0191-3.5-2"],
    serverGenerated: true,
    users: ["alice", "bob"],
    async run(ctx, { alice, bob }) {
      await requireBlocking(ctx, alice);
      const other = await interestedPair(ctx, alice);
      await blockJids(ctx, alice, "block", [bob.bare]);
      await pushesReach(ctx, alice, [alice, other], "unblock", []);
    },
  },
  {
    id: "xep0191/3.5/unblock-all-delivers",
    title: "after unblock-all, messages from every formerly blocked JID reach the user",
    requirements: ["XEP0191-3.5-3"],
    users: ["alice:online", "bob:online", "carol:online"],
    async run(ctx, { alice, bob, carol }) {
      await requireBlocking(ctx, alice);
      await blockJids(ctx, alice, "block", [bob.bare, carol.bare]);
      await blockJids(ctx, alice, "unblock", []);
      const [b, c] = [`all-${uid()}`, `all-${uid()}`];
      await eachArrives(
        [
          [alice, messageWithId(b)],
          [alice, messageWithId(c)],
        ],
        () =>
          Promise.all([
            bob.send(message(alice.full, "free", { id: b })),
            carol.send(message(alice.full, "free", { id: c })),
          ]),
      );
    },
  },
]);

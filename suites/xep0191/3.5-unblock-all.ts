// XEP-0191 §3.5: an empty <unblock/> unblocks every JID: a result, a push with an empty <unblock/> to the
// resources that requested the blocklist, and every formerly blocked JID's stanzas delivered.
import { Violation } from "../../harness/errors.ts";
import {
  allGet,
  blockCommand,
  blockJids,
  blocklistOf,
  blockPush,
  eachArrives,
  message,
  messageWithId,
  requireBlocking,
  section,
  uid,
} from "../kit/index.ts";

export default section("xep0191", "3.5", "User Unblocks All blocked JIDs", [
  {
    id: "xep0191/3.5/unblock-all-result",
    title: "an empty <unblock/> is answered with a result and empties the blocklist",
    requirements: ["XEP0191-3.5-1"],
    users: ["alice", "bob", "carol"],
    async run(ctx, { alice, bob, carol }) {
      await requireBlocking(ctx, alice);
      await blockJids(ctx, alice, "block", [bob.bare, carol.bare]);
      const reply = await alice.iq(blockCommand("unblock"));
      if (reply.attrs.type !== "result")
        throw new Violation(`the unblock-all command was answered with ${reply.toString()}`);
      const held = await blocklistOf(alice);
      if (held.length)
        throw new Violation(`after unblock-all the blocklist still holds [${held.join(", ")}]`);
    },
  },
  {
    id: "xep0191/3.5/unblock-all-push",
    title: "every resource that requested the blocklist gets a push with an empty <unblock/>",
    requirements: ["XEP0191-3.5-2"],
    serverGenerated: true,
    users: ["alice", "bob"],
    async run(ctx, { alice, bob }) {
      await requireBlocking(ctx, alice);
      const other = await ctx.login("alice", "bound");
      await ctx.setUp("both of alice's resources request the blocklist", () =>
        Promise.all([blocklistOf(alice), blocklistOf(other)]),
      );
      await blockJids(ctx, alice, "block", [bob.bare]);
      await allGet([alice, other], blockPush("unblock", []), () => blockJids(ctx, alice, "unblock", []));
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

// XEP-0191 §3.3, the block command itself: its result, the pushes to the resources that requested the
// blocklist, several items in one command, and the refusals of a command without a usable item.
import { Violation } from "../../harness/errors.ts";
import { stanzaError } from "../../harness/match.ts";
import {
  allGet,
  assertSameJids,
  assertStanzaError,
  blockCommand,
  blockJids,
  blocklistOf,
  blockPush,
  interestedPair,
  pushesReach,
  requireBlocking,
  section,
} from "../kit/index.ts";

export default section("xep0191", "3.3", "User Blocks JID", [
  {
    id: "xep0191/3.3/block-result",
    title: "a block command the server can process is answered with an IQ result",
    requirements: ["XEP0191-3.3-1"],
    users: ["alice", "bob"],
    async run(ctx, { alice, bob }) {
      await requireBlocking(ctx, alice);
      const reply = await alice.iq(blockCommand("block", bob.bare));
      if (reply.attrs.type !== "result")
        throw new Violation(`the block command was answered with ${reply.toString()}`);
    },
  },
  {
    id: "xep0191/3.3/block-push-to-sender",
    title: "the resource that requested the blocklist and blocks a JID gets the block push naming it",
    requirements: ["XEP0191-3.3-2"],
    serverGenerated: true,
    users: ["alice", "bob"],
    async run(ctx, { alice, bob }) {
      await requireBlocking(ctx, alice);
      await ctx.setUp("alice requests the blocklist", () => blocklistOf(alice));
      await allGet([alice], blockPush("block", [bob.bare]), () => blockJids(ctx, alice, "block", [bob.bare]));
    },
  },
  {
    id: "xep0191/3.3/block-push-every-interested-resource",
    title: "every resource of the user that requested the blocklist gets the block push, not only the sender",
    requirements: ["XEP0191-3.3-2"],
    serverGenerated: true,
    users: ["alice", "bob"],
    async run(ctx, { alice, bob }) {
      await requireBlocking(ctx, alice);
      const other = await interestedPair(ctx, alice);
      await pushesReach(ctx, alice, [alice, other], "block", [bob.bare]);
    },
  },
  {
    id: "xep0191/3.3/block-several-items",
    title: "a <block/> with several items blocks each of them, and its push names them all",
    requirements: ["XEP0191-3.3-4", "XEP0191-3.3-1", "XEP0191-3.3-2"],
    serverGenerated: true,
    users: ["alice", "bob", "carol"],
    async run(ctx, { alice, bob, carol }) {
      await requireBlocking(ctx, alice);
      const other = await ctx.login("alice", "bound");
      await ctx.setUp("alice's second resource requests the blocklist", () => blocklistOf(other));
      const both = [bob.bare, carol.bare];
      const push = other.expect(blockPush("block", both));
      await alice.iqResult(blockCommand("block", ...both), "the block command with two items");
      await push;
      assertSameJids(await blocklistOf(alice), both, "the blocklist");
    },
  },
  {
    id: "xep0191/3.3/empty-block-bad-request",
    title: "a <block/> without any <item/> is refused with <bad-request/>",
    requirements: ["XEP0191-3.3-3"],
    users: ["alice"],
    async run(ctx, { alice }) {
      await requireBlocking(ctx, alice);
      assertStanzaError(await alice.iq(blockCommand("block")), ["bad-request"]);
    },
  },
  {
    id: "xep0191/3.3/malformed-item-refused",
    title: "a block item whose 'jid' is not a JID is refused with <jid-malformed/> (or <bad-request/>)",
    requirements: ["RFC6120-8.3.3.8-1"],
    users: ["alice"],
    async run(ctx, { alice }) {
      await requireBlocking(ctx, alice);
      const reply = await alice.iq(blockCommand("block", "bad@@jid@"));
      const e = stanzaError(reply);
      ctx.should(
        reply.attrs.type === "error" && (e?.condition === "jid-malformed" || e?.condition === "bad-request"),
        `a block of 'bad@@jid@' should be refused with <jid-malformed/>, got ${reply.toString()}`,
      );
    },
  },
]);

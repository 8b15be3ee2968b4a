// RFC 6121 §3.1.5-3.1.6: the contact approves a pending request. Both rosters change, the user gets
// 'subscribed' (before the push it causes) and the contact's presence; an approval nobody asked for, or
// one for a subscription that exists, is ignored.

import type { MatchSpec } from "../../harness/match.ts";
import type { LoginOptions } from "../../harness/runner/context.ts";
import {
  assertBareFrom,
  type Client,
  eachArrives,
  firstOf,
  markerBarrier,
  nothingReaches,
  presenceFrom,
  presenceFromFull,
  type Row,
  requestSubscription,
  rosterItem,
  rosterPush,
  rosterSubscription,
  section,
  subscribe,
  subscription,
  tableCases,
  withPendingRequest,
} from "../kit/index.ts";

/** Who else is logged in when bob approves, and what each session must then get. */
interface FanOutRow extends Row {
  /** A second session of alice or bob, logged in before the request. */
  second: { user: "alice" | "bob"; as: LoginOptions | "interested" | "online" };
  /** The sessions that must each get a stanza once bob approves, and which. */
  watch: (p: { alice: Client; bob: Client; second: Client }) => [Client, MatchSpec][];
}

const FAN_OUT: FanOutRow[] = [
  {
    id: "rfc6121/3.1.5/contact-push-to-all-interested",
    title: "the contact's 'from' push reaches each of the contact's interested resources",
    requirements: ["RFC6121-3.1.5-2", "RFC6121-2.2-2"],
    second: { user: "bob", as: "interested" },
    watch: ({ alice, bob, second }) => [bob, second].map((s) => [s, rosterPush(alice.bare, "from")]),
  },
  {
    id: "rfc6121/3.1.5/presence-from-each-contact-resource",
    title: "after approving, the user gets the current presence of each of the contact's available resources",
    requirements: ["RFC6121-3.1.5-3", "RFC6121-3.1.6-4"],
    second: { user: "bob", as: { roster: true, presence: { status: "second" } } },
    watch: ({ alice, bob, second }) => [bob, second].map((s) => [alice, presenceFromFull(s.full)]),
  },
  {
    id: "rfc6121/3.1.6/presence-to-each-user-resource",
    title: "the contact's presence after approval reaches each of the user's available resources",
    requirements: ["RFC6121-3.1.6-4", "RFC6121-3.1.5-3"],
    second: { user: "alice", as: "online" },
    watch: ({ alice, bob, second }) => [alice, second].map((s) => [s, presenceFrom(bob.bare)]),
  },
  {
    id: "rfc6121/3.1.6/approval-to-each-interested",
    title: "the approval is delivered to each of the user's interested resources",
    requirements: ["RFC6121-3.1.6-2"],
    second: { user: "alice", as: "online" },
    watch: ({ alice, bob, second }) => [alice, second].map((s) => [s, presenceFrom(bob.bare, "subscribed")]),
  },
];

export default section("rfc6121", "3.1.5", "Server Processing of Outbound Subscription Approval", [
  withPendingRequest({
    id: "rfc6121/3.1.5/approve",
    title: "approving: the contact's item becomes 'from', the user's 'to', and the user gets 'subscribed'",
    requirements: ["RFC6121-3.1.5-1", "RFC6121-3.1.5-2", "RFC6121-3.1.6-2", "RFC6121-3.1.6-1"],
    async run(ctx, { alice, bob }) {
      const bobPush = bob.expect(rosterPush(alice.bare, "from"));
      const alicePush = alice.expect(rosterPush(bob.bare, "to"));
      const subscribed = alice.expect(presenceFrom(bob.bare, "subscribed"));
      await bob.send(subscription("subscribed", alice.bare));
      await bobPush;
      assertBareFrom(await subscribed, bob, "the approval");
      await alicePush;
      ctx.expect(await rosterSubscription(alice, bob.bare), "the user's item").to.equal("to");
      ctx.expect(await rosterSubscription(bob, alice.bare), "the contact's item").to.equal("from");
    },
  }),
  withPendingRequest({
    id: "rfc6121/3.1.6/subscribed-before-push",
    title: "the user's server delivers the approval before the roster push it causes",
    requirements: ["RFC6121-3.1.6-3", "RFC6121-3.1.6-2"],
    async run(ctx, { alice, bob }) {
      await markerBarrier(bob, alice);
      alice.inbox.splice(0);
      const first = firstOf(alice, {
        approval: presenceFrom(bob.bare, "subscribed"),
        push: rosterPush(bob.bare, "to"),
      });
      await bob.send(subscription("subscribed", alice.bare));
      ctx.expect(await first, "what reached the user first").to.equal("approval");
    },
  }),
  {
    id: "rfc6121/3.1.6/unsolicited-approval-ignored",
    title: "a 'subscribed' the user never asked for changes nothing and is not delivered",
    requirements: ["RFC6121-3.1.6-6", "RFC6121-3.4.2-7"],
    users: ["alice:online", "bob:online"],
    async run(ctx, { alice, bob }) {
      await bob.send(subscription("subscribed", alice.bare));
      await nothingReaches(bob, alice, presenceFrom(bob.bare, "subscribed"), "the user never asked");
      await alice.expectNothing(rosterPush(bob.bare), "the user's roster must not change");
      ctx.expect(await rosterItem(alice, bob.bare), "an item for the contact").to.equal(undefined);
    },
  },
  {
    id: "rfc6121/3.4.2/approve-again-ignored",
    title: "a second 'subscribed' to a user who already has the subscription is not routed",
    requirements: ["RFC6121-3.4.2-2", "RFC6121-3.1.6-6"],
    users: ["alice:online", "bob:online"],
    async run(_ctx, { alice, bob }) {
      await subscribe(alice, bob);
      await bob.send(subscription("subscribed", alice.bare));
      const again = presenceFrom(bob.bare, "subscribed");
      await nothingReaches(bob, alice, again, "the stanza must be silently ignored");
    },
  },
  // alice asks, a second session of one of them is there, bob approves: each watched stanza arrives
  ...tableCases(FAN_OUT, {
    users: ["alice:online", "bob:online"],
    async run(row, ctx, { alice, bob }) {
      const second = await ctx.login(row.second.user, row.second.as);
      await requestSubscription(alice, bob);
      const approve = () => bob.send(subscription("subscribed", alice.bare));
      await eachArrives(row.watch({ alice, bob, second }), approve);
    },
  }),
]);

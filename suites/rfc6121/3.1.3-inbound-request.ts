// RFC 6121 §3.1.3: the contact's server delivers a request (stamped bare, to every available resource)
// without approving it on its own; a request for a contact with no available resource is kept whole,
// delivered (once per user) whenever the contact creates an available resource until answered, and
// forgotten when withdrawn (§3.3.3) or answered. Redelivery is rule 4's, for a request that arrived while
// the contact had no available resource (I-6121-redeliver-offline). "Again" is observed on a second,
// concurrent resource: no disconnects are needed (some servers misbehave on quick reconnects, see the
// real-servers notes).

import { Violation } from "../../harness/errors.ts";
import { matches } from "../../harness/match.ts";
import {
  allGet,
  arrived,
  assertBareFrom,
  type CaseContext,
  type Client,
  type Element,
  markerBarrier,
  nothingReaches,
  presenceFrom,
  pushWhere,
  type Row,
  requestSubscription,
  rosterItem,
  rosterPush,
  rosterSubscription,
  section,
  subscribe,
  subscription,
  tableCases,
  type Users,
  withPendingRequest,
  xml,
} from "../kit/index.ts";

/** Alice asks bob (not logged in) for a subscription; returns once the ask push proves it routed. */
async function askOffline(alice: Client, bob: string, request?: Element): Promise<void> {
  const push = alice.expect(rosterPush(bob, undefined, "subscribe"));
  await alice.send(request ?? subscription("subscribe", bob));
  await push;
}

/** A new session of bob (available, interested): the requests from `from` delivered to it by then. */
async function requestsAtLogin(ctx: CaseContext, from: string): Promise<Element[]> {
  return arrived(await ctx.login("bob", "online"), presenceFrom(from, "subscribe"));
}

/** Bob has no session until the checks log him in, unless the row has him online when alice asks. */
interface StoredRow extends Row {
  /** What happens to alice's request before bob's new sessions log in. */
  before: (ctx: CaseContext, users: Users) => Promise<void>;
  /** `before` is set-up only (it checks nothing the row cites): the step's name for a failure there. */
  setUp?: string;
  /** For each new session of bob, in turn: must it be given the request (or must it not)? */
  given: boolean[];
}

const askBob = (ctx: CaseContext, { alice }: Users) => askOffline(alice, ctx.account("bob").jid);
const ASKED = "alice asks bob, who is offline (her roster push with ask='subscribe')";

/** A request stays pending until answered or withdrawn: each new session of bob is given it, or not. */
const STORED: StoredRow[] = [
  {
    id: "rfc6121/3.1.3/offline-request-delivered-at-login",
    title: "a request for a contact with no available resource is delivered when the contact comes online",
    requirements: ["RFC6121-3.1.3-11"],
    before: askBob,
    setUp: ASKED,
    given: [true],
  },
  {
    id: "rfc6121/3.1.3/offline-request-redelivered",
    title: "an unanswered stored request is delivered again to each available resource the contact creates",
    requirements: ["RFC6121-3.1.3-12"],
    before: askBob,
    setUp: ASKED,
    given: [true, true],
  },
  {
    id: "rfc6121/3.3.3/unsubscribe-withdraws-stored-request",
    title: "an 'unsubscribe' after an undelivered request withdraws it: the contact never sees the request",
    requirements: ["RFC6121-3.3.3-6", "RFC6121-3.3.2-5"],
    before: async (ctx, users) => {
      await ctx.setUp(ASKED, () => askBob(ctx, users));
      const bob = ctx.account("bob").jid;
      const cleared = users.alice.expect(pushWhere(bob, "with no 'ask'", (i) => !i.attrs.ask));
      await users.alice.send(subscription("unsubscribe", bob));
      await cleared;
    },
    given: [false],
  },
  {
    id: "rfc6121/3.1.3/denied-request-not-redelivered",
    title: "a request the contact denied ('unsubscribed') is not delivered to a new available resource",
    requirements: ["RFC6121-3.1.3-12", "RFC6121-A.2.4-NonePPendingIn"],
    users: ["alice:online", "bob:online"],
    before: async (_ctx, { alice, bob }) => {
      await requestSubscription(alice, bob);
      // whether alice is told is I-6121-deny-pending's question (3.2/deny); the server has handled the
      // denial once it answers bob's next ping (§10.1 in-order processing)
      await bob.send(subscription("unsubscribed", alice.bare));
      await bob.barrier();
    },
    setUp: "alice's request reaches bob, who denies it",
    given: [false],
  },
];

export default section("rfc6121", "3.1.3", "Server Processing of Inbound Subscription Request", [
  {
    id: "rfc6121/3.1.3/subscribe-delivered-bare-from",
    title: "the contact receives the subscription request stamped with the user's bare JID",
    requirements: ["RFC6121-3.1.2-7", "RFC6121-3-1", "RFC6121-3.1.3-9", "RFC6121-A.3.1-None"],
    users: ["alice:online", "bob:online"],
    async run(_ctx, { alice, bob }) {
      assertBareFrom(await requestSubscription(alice, bob), alice, "the request");
    },
  },
  {
    id: "rfc6121/3.1.3/delivered-to-all-available",
    title: "the request reaches every available resource of the contact, interested or not",
    requirements: ["RFC6121-3.1.3-9", "RFC6121-3.1.3-6"],
    users: ["alice:online", "bob:online"],
    async run(ctx, { alice, bob }) {
      const bob2 = await ctx.login("bob", "available");
      const request = () => alice.send(subscription("subscribe", bob.bare));
      await allGet([bob, bob2], presenceFrom(alice.bare, "subscribe"), request);
    },
  },
  withPendingRequest({
    id: "rfc6121/3.1.3/not-auto-approved",
    title: "the contact's server does not approve the request on its own: no 'subscribed', state stays put",
    requirements: ["RFC6121-3.1.3-5", "RFC6121-3.1.3-4"],
    async run(ctx, { alice, bob }) {
      await nothingReaches(bob, alice, presenceFrom(bob.bare, "subscribed"), "nobody approved the request");
      ctx.expect(await rosterSubscription(alice, bob.bare), "the user's subscription").to.equal("none");
    },
  }),
  withPendingRequest({
    id: "rfc6121/3.1.3/no-item-until-approved",
    title: "the request adds no item for the user to the contact's roster until the contact approves",
    requirements: ["RFC6121-3.1.3-14"],
    async run(_ctx, { alice, bob }) {
      if (await rosterItem(bob, alice.bare))
        throw new Violation("the requester was added to the contact's roster");
    },
  }),
  {
    id: "rfc6121/3.1.3/already-subscribed-not-asked-again",
    // The auto-reply itself is invisible here: the user's server must ignore 'subscribed' in state To
    // (§3.1.6, A.3.3). What shows is that the contact is not asked again (A.3.1 "SHOULD NOT" deliver).
    title:
      "a repeated request from a user already subscribed is handled for the contact, not delivered to it",
    requirements: ["RFC6121-3.1.3-7", "RFC6121-A.3.1-From"],
    users: ["alice:online", "bob:online"],
    async run(ctx, { alice, bob }) {
      await subscribe(alice, bob);
      await alice.send(subscription("subscribe", bob.bare));
      await markerBarrier(alice, bob);
      const asked = bob.inbox.find((el) => matches(el, presenceFrom(alice.bare, "subscribe")));
      ctx.should(!asked, `the contact was asked again: ${asked}`);
    },
  },
  {
    id: "rfc6121/3.1.3/offline-request-kept-whole",
    title: "the stored request keeps its extended content (<status/> and an extension element)",
    requirements: ["RFC6121-3.1.3-11"],
    users: ["alice:online", "bob:account"],
    async run(ctx, { alice }) {
      const bob = ctx.account("bob").jid;
      const request = xml(
        "presence",
        { to: bob, type: "subscribe" },
        xml("status", {}, "it's Alice"),
        xml("x", { xmlns: "urn:example:xmppspec:sub" }, "kept"),
      );
      await askOffline(alice, bob, request);
      const [r] = await requestsAtLogin(ctx, alice.bare);
      if (!r) throw new Violation("the stored request was not delivered at login");
      if (r.getChildText("status") !== "it's Alice") throw new Violation(`the <status/> was lost: ${r}`);
      if (r.getChild("x", "urn:example:xmppspec:sub")?.getText() !== "kept")
        throw new Violation(`the extension element was lost: ${r}`);
    },
  },
  {
    id: "rfc6121/3.1.3/offline-requests-delivered-once",
    title: "two requests sent while the contact was offline are delivered as one",
    requirements: ["RFC6121-3.1.3-13", "RFC6121-3.1.3-11"],
    users: ["alice:online", "bob:account"],
    async run(ctx, { alice }) {
      const bob = ctx.account("bob").jid;
      await askOffline(alice, bob);
      await alice.send(subscription("subscribe", bob, { id: "second-request" }));
      await alice.barrier();
      const got = await requestsAtLogin(ctx, alice.bare);
      if (got.length === 0) throw new Violation("the stored request was not delivered at login");
      ctx.expect(got.length, "subscription requests from the user delivered at login").to.equal(1);
    },
  },
  ...tableCases(STORED, {
    users: ["alice:online", "bob:account"],
    async run(row, ctx, users) {
      const before = () => row.before(ctx, users);
      await (row.setUp ? ctx.setUp(row.setUp, before) : before());
      for (const [n, want] of row.given.entries()) {
        const [got] = await requestsAtLogin(ctx, users.alice.bare);
        if (want && !got)
          throw new Violation(`new session ${n + 1} of the contact was not given the request`);
        if (!want && got) throw new Violation(`the ended request was delivered to a new session: ${got}`);
      }
    },
  }),
]);

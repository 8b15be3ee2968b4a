// RFC 6121 §3.4 (and its cancellation, §3.2.2): subscription pre-approval, for targets that advertise
// <sub xmlns='urn:xmpp:features:pre-approval'/>. The contact pre-approves with 'subscribed'; the server
// records it (never routes it) and later answers the user's request on the contact's behalf.

import { Violation } from "../../harness/errors.ts";
import {
  type CaseSpec,
  type Client,
  needingOptional,
  nothingReaches,
  presenceFrom,
  requestSubscription,
  rosterItem,
  rosterPush,
  rosterSubscription,
  section,
  subOf,
  subscribe,
  subscription,
} from "../kit/index.ts";

/** Bob pre-approves alice: the push that records it must come. */
async function preApprove(bob: Client, alice: Client): Promise<void> {
  const push = bob.expect(rosterPush(alice.bare));
  await bob.send(subscription("subscribed", alice.bare));
  await push.catch(() => {
    throw new Violation("no roster push records the pre-approval");
  });
}

/** Bob pre-approves alice, and nothing of it reaches her. */
async function preApproveUnrouted(bob: Client, alice: Client): Promise<void> {
  await preApprove(bob, alice);
  await nothingReaches(bob, alice, presenceFrom(bob.bare, "subscribed"), "a pre-approval is never routed");
}

/** Alice asks; bob's server must answer 'subscribed' itself and not deliver the request. */
async function autoApproved(alice: Client, bob: Client): Promise<void> {
  const answer = alice.expect(presenceFrom(bob.bare, "subscribed"));
  await alice.send(subscription("subscribe", bob.bare));
  await answer.catch(() => {
    throw new Violation("the pre-approved request was not answered 'subscribed'");
  });
  await bob.expectNothing(presenceFrom(alice.bare, "subscribe"), "a pre-approved request is not delivered");
}

const CASES: Omit<CaseSpec, "users">[] = [
  {
    id: "rfc6121/3.4.2/pre-approve-not-in-roster",
    title: "pre-approving a JID not in the roster creates an item (none, approved) and routes nothing",
    requirements: [
      "RFC6121-3.4.2-1",
      "RFC6121-3.4.2-6",
      "RFC6121-3.4.2-7",
      "RFC6121-3.4-2",
      "RFC6121-2.1.2.1-1",
    ],
    async run(ctx, { alice, bob }) {
      await preApproveUnrouted(bob, alice);
      const item = await rosterItem(bob, alice.bare);
      if (!item) throw new Violation("the pre-approval created no roster item");
      ctx.expect(subOf(item), "subscription").to.equal("none");
      ctx.should(item.attrs.approved === "true", "the item does not show approved='true' (SHOULD)");
    },
  },
  {
    id: "rfc6121/3.4.2/pre-approved-request-answered",
    title: "the user's later request is answered 'subscribed' by the server, not delivered to the contact",
    requirements: ["RFC6121-3.4.2-8", "RFC6121-3.1.3-8", "RFC6121-3.1.3-4"],
    async run(ctx, { alice, bob }) {
      await preApprove(bob, alice);
      const bobPush = bob.expect(rosterPush(alice.bare, "from"));
      await autoApproved(alice, bob);
      await bobPush;
      ctx.expect(await rosterSubscription(alice, bob.bare), "the user's subscription").to.equal("to");
    },
  },
  {
    id: "rfc6121/3.4.2/pre-approve-in-to",
    title: "a contact subscribed to the user (To) pre-approves; the user's request is then answered",
    requirements: ["RFC6121-3.4.2-4", "RFC6121-3.4.2-8"],
    async run(_ctx, { alice, bob }) {
      await subscribe(bob, alice);
      await preApprove(bob, alice);
      const bobPush = bob.expect(rosterPush(alice.bare, "both"));
      await autoApproved(alice, bob);
      await bobPush;
    },
  },
  {
    id: "rfc6121/3.4.2/pre-approve-in-pending-out",
    title: "a contact with a pending request of its own (None + Pending Out) pre-approves the user",
    requirements: ["RFC6121-3.4.2-4", "RFC6121-3.4.2-5", "RFC6121-3.4.2-8"],
    async run(_ctx, { alice, bob }) {
      await requestSubscription(bob, alice);
      await preApproveUnrouted(bob, alice);
      await autoApproved(alice, bob);
    },
  },
  {
    id: "rfc6121/3.4.2/subscribed-in-pending-in-is-approval",
    title: "'subscribed' while the user's request is pending is a normal approval, routed to the user",
    requirements: ["RFC6121-3.4.2-3", "RFC6121-3.1.5-1"],
    async run(_ctx, { alice, bob }) {
      await requestSubscription(alice, bob);
      const approved = alice.expect(presenceFrom(bob.bare, "subscribed"));
      await bob.send(subscription("subscribed", alice.bare));
      await approved;
      if ((await rosterItem(bob, alice.bare))?.attrs.approved === "true")
        throw new Violation("an approval of a pending request was recorded as a pre-approval");
    },
  },
  {
    id: "rfc6121/3.2.2/unsubscribed-cancels-pre-approval",
    title: "'unsubscribed' after a pre-approval removes it, is not routed, and the next request is delivered",
    requirements: ["RFC6121-3.2.2-3"],
    async run(_ctx, { alice, bob }) {
      await preApprove(bob, alice);
      await bob.send(subscription("unsubscribed", alice.bare));
      const cancelled = presenceFrom(bob.bare, "unsubscribed");
      await nothingReaches(bob, alice, cancelled, "cancelling a pre-approval is not routed");
      await requestSubscription(alice, bob).catch(() => {
        throw new Violation("after the pre-approval was cancelled, the request was not delivered");
      });
    },
  },
];

// bob is the contact whose server records the pre-approval
export default section(
  "rfc6121",
  "3.4",
  "Pre-Approving a Subscription Request",
  needingOptional("pre-approval", "bob", ["alice:online", "bob:online"], CASES),
);

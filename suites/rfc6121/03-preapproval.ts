// RFC 6121 §3.4: subscription pre-approval, for targets that advertise
// <sub xmlns='urn:xmpp:features:pre-approval'/>. The contact pre-approves with 'subscribed'; the server
// records it (never routes it) and later answers the user's request on the contact's behalf.
import { Violation } from "../../harness/errors.ts";
import { section } from "../../harness/runner/case.ts";
import type { CaseContext } from "../../harness/runner/context.ts";
import type { Session } from "../../harness/session.ts";
import { markerBarrier, twoOnline } from "../helpers.ts";
import {
  presenceFrom,
  presenceOf,
  pushFor,
  requirePreApproval,
  rosterItem,
  sub,
  subOf,
  subscribeTo,
} from "./roster-helpers.ts";

/** Both online; skip unless the contact's server offers pre-approval. */
async function pair(ctx: CaseContext): Promise<[Session, Session]> {
  const [alice, bob] = await twoOnline(ctx);
  requirePreApproval(ctx, bob);
  return [alice, bob];
}

/** `contact` pre-approves `user`: returns the push that records it (or throws if none comes). */
async function preApprove(contact: Session, user: string): Promise<void> {
  const push = pushFor(contact, user);
  await contact.send(sub("subscribed", user));
  await push.catch(() => {
    throw new Violation("no roster push records the pre-approval");
  });
}

/** The user asks; the contact's server must answer 'subscribed' itself and not deliver the request. */
async function autoApproved(user: Session, contact: Session, contactJid: string): Promise<void> {
  const userJid = user.jid!.bare().toString();
  const answer = presenceOf(user, contactJid, "subscribed");
  await user.send(sub("subscribe", contactJid));
  await answer.catch(() => {
    throw new Violation("the pre-approved request was not answered 'subscribed'");
  });
  await contact.expectNothing(presenceFrom(userJid, "subscribe"), "a pre-approved request is not delivered");
}

export default section("rfc6121", "3", "Managing Presence Subscriptions: pre-approval", [
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
    accounts: 2,
    async run(ctx) {
      const [a, b] = ctx.accounts;
      const [alice, bob] = await pair(ctx);
      await preApprove(bob, a.jid);
      await markerBarrier(bob, alice);
      await alice.expectNothing(presenceFrom(b.jid, "subscribed"), "a pre-approval is never routed");
      const item = await rosterItem(bob, a.jid);
      if (!item) throw new Violation("the pre-approval created no roster item");
      ctx.expect(subOf(item), "subscription").to.equal("none");
      if (item.attrs.approved !== "true")
        throw new Violation("the item does not show approved='true' (SHOULD)", true);
    },
  },
  {
    id: "rfc6121/3.4.2/pre-approved-request-answered",
    title: "the user's later request is answered 'subscribed' by the server, not delivered to the contact",
    requirements: ["RFC6121-3.4.2-8", "RFC6121-3.1.3-8", "RFC6121-3.1.3-4"],
    accounts: 2,
    async run(ctx) {
      const [a, b] = ctx.accounts;
      const [alice, bob] = await pair(ctx);
      await preApprove(bob, a.jid);
      const bobPush = pushFor(bob, a.jid, (i) => subOf(i) === "from");
      await autoApproved(alice, bob, b.jid);
      await bobPush;
      ctx.expect(subOf(await rosterItem(alice, b.jid)), "the user's subscription").to.equal("to");
    },
  },
  {
    id: "rfc6121/3.4.2/pre-approve-in-to",
    title: "a contact subscribed to the user (To) pre-approves; the user's request is then answered",
    requirements: ["RFC6121-3.4.2-4", "RFC6121-3.4.2-8"],
    accounts: 2,
    async run(ctx) {
      const [a, b] = ctx.accounts;
      const [alice, bob] = await pair(ctx);
      await subscribeTo(bob, alice);
      await preApprove(bob, a.jid);
      const bobPush = pushFor(bob, a.jid, (i) => subOf(i) === "both");
      await autoApproved(alice, bob, b.jid);
      await bobPush;
    },
  },
  {
    id: "rfc6121/3.4.2/pre-approve-in-pending-out",
    title: "a contact with a pending request of its own (None + Pending Out) pre-approves the user",
    requirements: ["RFC6121-3.4.2-4", "RFC6121-3.4.2-5", "RFC6121-3.4.2-8"],
    accounts: 2,
    async run(ctx) {
      const [a, b] = ctx.accounts;
      const [alice, bob] = await pair(ctx);
      const req = presenceOf(alice, b.jid, "subscribe");
      await bob.send(sub("subscribe", a.jid));
      await req;
      await preApprove(bob, a.jid);
      await markerBarrier(bob, alice);
      await alice.expectNothing(presenceFrom(b.jid, "subscribed"), "a pre-approval is never routed");
      await autoApproved(alice, bob, b.jid);
    },
  },
  {
    id: "rfc6121/3.4.2/subscribed-in-pending-in-is-approval",
    title: "'subscribed' while the user's request is pending is a normal approval, routed to the user",
    requirements: ["RFC6121-3.4.2-3", "RFC6121-3.1.5-1"],
    accounts: 2,
    async run(ctx) {
      const [a, b] = ctx.accounts;
      const [alice, bob] = await pair(ctx);
      const req = presenceOf(bob, a.jid, "subscribe");
      await alice.send(sub("subscribe", b.jid));
      await req;
      const approved = presenceOf(alice, b.jid, "subscribed");
      await bob.send(sub("subscribed", a.jid));
      await approved;
      if ((await rosterItem(bob, a.jid))?.attrs.approved === "true")
        throw new Violation("an approval of a pending request was recorded as a pre-approval");
    },
  },
  {
    id: "rfc6121/3.2.2/unsubscribed-cancels-pre-approval",
    title: "'unsubscribed' after a pre-approval removes it, is not routed, and the next request is delivered",
    requirements: ["RFC6121-3.2.2-3"],
    accounts: 2,
    async run(ctx) {
      const [a, b] = ctx.accounts;
      const [alice, bob] = await pair(ctx);
      await preApprove(bob, a.jid);
      await bob.send(sub("unsubscribed", a.jid));
      await markerBarrier(bob, alice);
      await alice.expectNothing(
        presenceFrom(b.jid, "unsubscribed"),
        "cancelling a pre-approval is not routed",
      );
      const req = presenceOf(bob, a.jid, "subscribe");
      await alice.send(sub("subscribe", b.jid));
      await req.catch(() => {
        throw new Violation("after the pre-approval was cancelled, the request was not delivered");
      });
    },
  },
]);

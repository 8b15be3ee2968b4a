// RFC 6121 §3.1.5-3.1.6 and §3.2 (as denial): the contact answers a request. Approval: both rosters change,
// the user gets 'subscribed' before the push and the contact's presence; denial: the request ends.
import { Violation } from "../../harness/errors.ts";
import { section } from "../../harness/runner/case.ts";
import type { Session } from "../../harness/session.ts";
import { markerBarrier, twoOnline } from "../helpers.ts";
import {
  assertBareFrom,
  firstOf,
  isPushFor,
  presenceFrom,
  presenceOf,
  pushFor,
  rosterItem,
  sub,
  subOf,
  subscribeTo,
} from "./roster-helpers.ts";

/** `user` asks `contact` for a subscription and waits until the contact has the request. */
async function ask(user: Session, contact: Session): Promise<void> {
  const req = presenceOf(contact, user.jid!.bare().toString(), "subscribe");
  await user.send(sub("subscribe", contact.jid!.bare().toString()));
  await req;
}

export default section("rfc6121", "3", "Managing Presence Subscriptions: approval and denial", [
  {
    id: "rfc6121/3.1.5/approve",
    title: "approving: the contact's item becomes 'from', the user's 'to', and the user gets 'subscribed'",
    requirements: ["RFC6121-3.1.5-1", "RFC6121-3.1.5-2", "RFC6121-3.1.6-2", "RFC6121-3.1.6-1"],
    accounts: 2,
    async run(ctx) {
      const [a, b] = ctx.accounts;
      const [alice, bob] = await twoOnline(ctx);
      await ask(alice, bob);
      const bobPush = pushFor(bob, a.jid, (i) => subOf(i) === "from");
      const alicePush = pushFor(alice, b.jid, (i) => subOf(i) === "to");
      const subscribed = presenceOf(alice, b.jid, "subscribed");
      await bob.send(sub("subscribed", a.jid));
      await bobPush;
      assertBareFrom(await subscribed, b, "the approval");
      await alicePush;
      ctx.expect(subOf(await rosterItem(alice, b.jid)), "the user's item").to.equal("to");
      ctx.expect(subOf(await rosterItem(bob, a.jid)), "the contact's item").to.equal("from");
    },
  },
  {
    id: "rfc6121/3.1.5/approval-stamped-bare",
    title:
      "an approval sent to the user's full JID, stamped with the contact's full JID, arrives from the bare JID",
    requirements: ["RFC6121-3.1.5-1", "RFC6121-3-1"],
    accounts: 2,
    async run(ctx) {
      const [, b] = ctx.accounts;
      const [alice, bob] = await twoOnline(ctx);
      await ask(alice, bob);
      const subscribed = presenceOf(alice, b.jid, "subscribed");
      await bob.send(sub("subscribed", alice.jid!.toString(), { from: bob.jid!.toString() }));
      assertBareFrom(await subscribed, b, "the approval");
    },
  },
  {
    id: "rfc6121/3.1.5/contact-push-to-all-interested",
    title: "the contact's 'from' push reaches each of the contact's interested resources",
    requirements: ["RFC6121-3.1.5-2", "RFC6121-2.2-2"],
    accounts: 2,
    async run(ctx) {
      const [a, b] = ctx.accounts;
      const [alice, bob] = await twoOnline(ctx);
      const bob2 = await ctx.login(b, { roster: true });
      await ask(alice, bob);
      const pushes = [bob, bob2].map((s) => pushFor(s, a.jid, (i) => subOf(i) === "from"));
      await bob.send(sub("subscribed", a.jid));
      await Promise.all(pushes);
    },
  },
  {
    id: "rfc6121/3.1.5/presence-from-each-contact-resource",
    title: "after approving, the user gets the current presence of each of the contact's available resources",
    requirements: ["RFC6121-3.1.5-3", "RFC6121-3.1.6-4"],
    accounts: 2,
    async run(ctx) {
      const [, b] = ctx.accounts;
      const [alice, bob] = await twoOnline(ctx);
      const bob2 = await ctx.login(b, { roster: true, presence: { status: "second" } });
      await ask(alice, bob);
      const from = (s: Session) => {
        const p = alice.expect(
          (el) => el.name === "presence" && !el.attrs.type && el.attrs.from === s.jid!.toString(),
        );
        p.catch(() => {});
        return p;
      };
      const got = [from(bob), from(bob2)];
      await bob.send(sub("subscribed", alice.jid!.bare().toString()));
      await Promise.all(got);
    },
  },
  {
    id: "rfc6121/3.1.6/presence-to-each-user-resource",
    title: "the contact's presence after approval reaches each of the user's available resources",
    requirements: ["RFC6121-3.1.6-4", "RFC6121-3.1.5-3"],
    accounts: 2,
    async run(ctx) {
      const [a, b] = ctx.accounts;
      const [alice, bob] = await twoOnline(ctx);
      const alice2 = await ctx.login(a, { roster: true, presence: true });
      await ask(alice, bob);
      const got = [alice, alice2].map((s) => presenceOf(s, b.jid));
      await bob.send(sub("subscribed", a.jid));
      await Promise.all(got);
    },
  },
  {
    id: "rfc6121/3.1.6/subscribed-before-push",
    title: "the user's server delivers the approval before the roster push it causes",
    requirements: ["RFC6121-3.1.6-3", "RFC6121-3.1.6-2"],
    accounts: 2,
    async run(ctx) {
      const [a, b] = ctx.accounts;
      const [alice, bob] = await twoOnline(ctx);
      await ask(alice, bob);
      await markerBarrier(bob, alice);
      alice.inbox.splice(0);
      const first = firstOf(alice, {
        approval: presenceFrom(b.jid, "subscribed"),
        push: isPushFor(b.jid, (i) => subOf(i) === "to"),
      });
      await bob.send(sub("subscribed", a.jid));
      ctx.expect(await first, "what reached the user first").to.equal("approval");
    },
  },
  {
    id: "rfc6121/3.1.6/approval-to-each-interested",
    title: "the approval is delivered to each of the user's interested resources",
    requirements: ["RFC6121-3.1.6-2"],
    accounts: 2,
    async run(ctx) {
      const [a, b] = ctx.accounts;
      const [alice, bob] = await twoOnline(ctx);
      const alice2 = await ctx.login(a, { roster: true, presence: true });
      await ask(alice, bob);
      const got = [alice, alice2].map((s) => presenceOf(s, b.jid, "subscribed"));
      await bob.send(sub("subscribed", a.jid));
      await Promise.all(got);
    },
  },
  {
    id: "rfc6121/3.1.6/unsolicited-approval-ignored",
    title: "a 'subscribed' the user never asked for changes nothing and is not delivered",
    requirements: ["RFC6121-3.1.6-6", "RFC6121-3.4.2-7"],
    accounts: 2,
    async run(ctx) {
      const [a, b] = ctx.accounts;
      const [alice, bob] = await twoOnline(ctx);
      await bob.send(sub("subscribed", a.jid));
      await markerBarrier(bob, alice);
      await alice.expectNothing(presenceFrom(b.jid, "subscribed"), "the user never asked");
      await alice.expectNothing(isPushFor(b.jid), "the user's roster must not change");
      ctx.expect(await rosterItem(alice, b.jid), "an item for the contact").to.equal(undefined);
    },
  },
  {
    id: "rfc6121/3.4.2/approve-again-ignored",
    title: "a second 'subscribed' to a user who already has the subscription is not routed",
    requirements: ["RFC6121-3.4.2-2", "RFC6121-3.1.6-6"],
    accounts: 2,
    async run(ctx) {
      const [a, b] = ctx.accounts;
      const [alice, bob] = await twoOnline(ctx);
      await subscribeTo(alice, bob);
      await bob.send(sub("subscribed", a.jid));
      await markerBarrier(bob, alice);
      await alice.expectNothing(presenceFrom(b.jid, "subscribed"), "the stanza must be silently ignored");
    },
  },
  {
    id: "rfc6121/3.2/deny",
    title: "denying a request ('unsubscribed') reaches the user and leaves the subscription at none",
    requirements: ["RFC6121-A.2.4-NonePPendingIn", "RFC6121-A.3.4-NonePPendingOut", "RFC6121-3.2.3-1"],
    accounts: 2,
    async run(ctx) {
      const [a, b] = ctx.accounts;
      const [alice, bob] = await twoOnline(ctx);
      await ask(alice, bob);
      const push = pushFor(alice, b.jid, (i) => subOf(i) === "none" && !i.attrs.ask);
      const denied = presenceOf(alice, b.jid, "unsubscribed");
      await bob.send(sub("unsubscribed", a.jid));
      await denied;
      await push;
      if ((await rosterItem(bob, a.jid))?.attrs.subscription === "from")
        throw new Violation("the contact's roster shows 'from' after denying");
    },
  },
]);

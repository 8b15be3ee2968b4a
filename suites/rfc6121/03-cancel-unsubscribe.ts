// RFC 6121 §3.2 (the contact cancels the user's subscription) and §3.3 (the user unsubscribes): the
// stanza, the 'unavailable' that precedes it, the order of delivery and push, and state-dependent silence.
import { section } from "../../harness/runner/case.ts";
import type { Session } from "../../harness/session.ts";
import type { Element } from "../../harness/xml/element.ts";
import { markerBarrier, rosterSet, twoOnline } from "../helpers.ts";
import {
  assertBareFrom,
  firstOf,
  isPushFor,
  mutual,
  presenceFrom,
  presenceOf,
  pushFor,
  sub,
  subOf,
  subscribeTo,
} from "./roster-helpers.ts";

/** An unsubscribe or unsubscribed from `from` (bare), for silence checks. */
const subscriptionStanza = (from: string) => (el: Element) =>
  ["unsubscribe", "unsubscribed"].some((t) => presenceFrom(from, t)(el));

/** Wait until `to` has seen `from`'s available presence (the subscription is live and broadcast). */
async function seesPresence(from: Session, to: Session): Promise<void> {
  const p = presenceOf(to, from.jid!.bare().toString());
  await from.send(`<presence><status>refresh ${Date.now()}</status></presence>`);
  await p;
}

export default section("rfc6121", "3", "Managing Presence Subscriptions: cancel and unsubscribe", [
  {
    id: "rfc6121/3.2.2/cancel",
    title: "cancelling ('unsubscribed' in From): the user gets it from the bare JID, both items drop to none",
    requirements: [
      "RFC6121-3.2.2-1",
      "RFC6121-3.2.2-4",
      "RFC6121-3.2.2-6",
      "RFC6121-3.2.2-7",
      "RFC6121-3.2.3-1",
      "RFC6121-3.2.3-2",
    ],
    accounts: 2,
    async run(ctx) {
      const [a, b] = ctx.accounts;
      const [alice, bob] = await twoOnline(ctx);
      await subscribeTo(alice, bob);
      const bobPush = pushFor(bob, a.jid, (i) => subOf(i) === "none");
      const alicePush = pushFor(alice, b.jid, (i) => subOf(i) === "none");
      const cancelled = presenceOf(alice, b.jid, "unsubscribed");
      await bob.send(sub("unsubscribed", a.jid));
      await bobPush;
      assertBareFrom(await cancelled, b, "the cancellation");
      await alicePush;
    },
  },
  {
    id: "rfc6121/3.2.2/unavailable-before-cancel",
    title:
      "before the 'unsubscribed', the user gets 'unavailable' from each of the contact's available resources",
    requirements: ["RFC6121-3.2.2-5", "RFC6121-3.2.2-4", "RFC6121-3.2.3-4"],
    accounts: 2,
    async run(ctx) {
      const [a, b] = ctx.accounts;
      const [alice, bob] = await twoOnline(ctx);
      const bob2 = await ctx.login(b, { roster: true, presence: true });
      await subscribeTo(alice, bob);
      await seesPresence(bob2, alice);
      await markerBarrier(bob, alice);
      alice.inbox.splice(0);
      await bob.send(sub("unsubscribed", a.jid));
      for (const s of [bob, bob2]) {
        const full = s.jid!.toString();
        const first = await firstOf(alice, {
          unavailable: (el) =>
            el.name === "presence" && el.attrs.type === "unavailable" && el.attrs.from === full,
          unsubscribed: presenceFrom(b.jid, "unsubscribed"),
        });
        ctx
          .expect(first, `what came first: unavailable from ${full}, or 'unsubscribed'`)
          .to.equal("unavailable");
      }
    },
  },
  {
    id: "rfc6121/3.2.3/cancel-before-push",
    title: "the user's server delivers the cancellation before the roster push it causes",
    requirements: ["RFC6121-3.2.3-3", "RFC6121-3.2.3-2"],
    accounts: 2,
    async run(ctx) {
      const [a, b] = ctx.accounts;
      const [alice, bob] = await twoOnline(ctx);
      await subscribeTo(alice, bob);
      const first = firstOf(alice, {
        cancellation: presenceFrom(b.jid, "unsubscribed"),
        push: isPushFor(b.jid, (i) => subOf(i) === "none"),
      });
      await bob.send(sub("unsubscribed", a.jid));
      ctx.expect(await first, "what reached the user first").to.equal("cancellation");
    },
  },
  {
    id: "rfc6121/3.2.3/cancel-to-each-interested",
    title: "the cancellation is delivered to each of the user's interested resources",
    requirements: ["RFC6121-3.2.3-2"],
    accounts: 2,
    async run(ctx) {
      const [a, b] = ctx.accounts;
      const [alice, bob] = await twoOnline(ctx);
      const alice2 = await ctx.login(a, { roster: true, presence: true });
      await subscribeTo(alice, bob);
      const got = [alice, alice2].map((s) => presenceOf(s, b.jid, "unsubscribed"));
      await bob.send(sub("unsubscribed", a.jid));
      await Promise.all(got);
    },
  },
  {
    id: "rfc6121/3.2.2/cancel-in-both",
    title: "cancelling in Both leaves the contact with 'to' and the user with 'from'",
    requirements: ["RFC6121-3.2.2-7", "RFC6121-3.2.3-2", "RFC6121-A.2.4-Both", "RFC6121-A.3.4-Both"],
    accounts: 2,
    async run(ctx) {
      const [a, b] = ctx.accounts;
      const [alice, bob] = await twoOnline(ctx);
      await mutual(alice, bob);
      const bobPush = pushFor(bob, a.jid, (i) => subOf(i) === "to");
      const alicePush = pushFor(alice, b.jid, (i) => subOf(i) === "from");
      await bob.send(sub("unsubscribed", a.jid));
      await Promise.all([bobPush, alicePush]);
    },
  },
  {
    id: "rfc6121/3.2.2/cancel-without-subscription-silent",
    title:
      "an 'unsubscribed' to someone with no subscription is neither delivered nor preceded by 'unavailable'",
    requirements: ["RFC6121-3.2.2-2", "RFC6121-3.2.3-6"],
    accounts: 2,
    async run(ctx) {
      const [a, b] = ctx.accounts;
      const [alice, bob] = await twoOnline(ctx);
      await bob.iqResult(rosterSet(a.jid, { name: "Alice" }), "roster set");
      await bob.send(sub("unsubscribed", a.jid));
      await markerBarrier(bob, alice);
      await alice.expectNothing(subscriptionStanza(b.jid), "there was no subscription to cancel");
      await alice.expectNothing(presenceFrom(b.jid, "unavailable"), "no subscription, so no presence either");
      await alice.expectNothing(isPushFor(b.jid), "the user's roster has nothing about the contact");
    },
  },
  {
    id: "rfc6121/3.3.2/unsubscribe",
    title: "unsubscribing (in To): stamped bare, the user's item drops to none, the contact's to none",
    requirements: [
      "RFC6121-3.3.2-1",
      "RFC6121-3.3.2-2",
      "RFC6121-3.3.2-4",
      "RFC6121-3.3.2-5",
      "RFC6121-3.3.3-1",
      "RFC6121-3.3.3-2",
    ],
    accounts: 2,
    async run(ctx) {
      const [a, b] = ctx.accounts;
      const [alice, bob] = await twoOnline(ctx);
      await subscribeTo(alice, bob);
      const alicePush = pushFor(alice, b.jid, (i) => subOf(i) === "none");
      const bobPush = pushFor(bob, a.jid, (i) => subOf(i) === "none");
      const got = presenceOf(bob, a.jid, "unsubscribe");
      await alice.send(sub("unsubscribe", b.jid));
      await alicePush;
      assertBareFrom(await got, a, "the unsubscribe");
      await bobPush;
    },
  },
  {
    id: "rfc6121/3.3.2/unsubscribe-stamped-bare",
    title: "an unsubscribe the client stamps with its full JID reaches the contact from the bare JID",
    requirements: ["RFC6121-3.3.2-4", "RFC6121-3-1"],
    accounts: 2,
    async run(ctx) {
      const [a, b] = ctx.accounts;
      const [alice, bob] = await twoOnline(ctx);
      await subscribeTo(alice, bob);
      const got = presenceOf(bob, a.jid, "unsubscribe");
      await alice.send(sub("unsubscribe", b.jid, { from: alice.jid!.toString() }));
      assertBareFrom(await got, a, "the unsubscribe");
    },
  },
  {
    id: "rfc6121/3.3.3/unsubscribe-then-unavailable",
    title: "after an unsubscribe, the user gets 'unavailable' from each of the contact's available resources",
    requirements: ["RFC6121-3.3.3-2"],
    accounts: 2,
    async run(ctx) {
      const [, b] = ctx.accounts;
      const [alice, bob] = await twoOnline(ctx);
      const bob2 = await ctx.login(b, { roster: true, presence: true });
      await subscribeTo(alice, bob);
      await seesPresence(bob2, alice);
      const gone = [bob, bob2].map((s) => {
        const p = alice.expect(
          (el) =>
            el.name === "presence" && el.attrs.type === "unavailable" && el.attrs.from === s.jid!.toString(),
        );
        p.catch(() => {});
        return p;
      });
      await alice.send(sub("unsubscribe", b.jid));
      await Promise.all(gone);
    },
  },
  {
    id: "rfc6121/3.3.3/unsubscribe-before-push",
    title: "the contact's server delivers the unsubscribe before the roster push it causes",
    requirements: ["RFC6121-3.3.3-3", "RFC6121-3.3.3-2"],
    accounts: 2,
    async run(ctx) {
      const [a, b] = ctx.accounts;
      const [alice, bob] = await twoOnline(ctx);
      await subscribeTo(alice, bob);
      const first = firstOf(bob, {
        unsubscribe: presenceFrom(a.jid, "unsubscribe"),
        push: isPushFor(a.jid, (i) => subOf(i) === "none"),
      });
      await alice.send(sub("unsubscribe", b.jid));
      ctx.expect(await first, "what reached the contact first").to.equal("unsubscribe");
    },
  },
  {
    id: "rfc6121/3.3.3/unsubscribe-to-each-interested",
    title: "the unsubscribe is delivered to each of the contact's interested resources",
    requirements: ["RFC6121-3.3.3-2"],
    accounts: 2,
    async run(ctx) {
      const [a, b] = ctx.accounts;
      const [alice, bob] = await twoOnline(ctx);
      const bob2 = await ctx.login(b, { roster: true, presence: true });
      await subscribeTo(alice, bob);
      const got = [bob, bob2].map((s) => presenceOf(s, a.jid, "unsubscribe"));
      await alice.send(sub("unsubscribe", b.jid));
      await Promise.all(got);
    },
  },
  {
    id: "rfc6121/3.3.2/unsubscribe-in-both",
    title: "unsubscribing in Both leaves the user with 'from' and the contact with 'to'",
    requirements: ["RFC6121-3.3.2-5", "RFC6121-3.3.3-2", "RFC6121-A.2.2-Both", "RFC6121-A.3.2-Both"],
    accounts: 2,
    async run(ctx) {
      const [a, b] = ctx.accounts;
      const [alice, bob] = await twoOnline(ctx);
      await mutual(alice, bob);
      const alicePush = pushFor(alice, b.jid, (i) => subOf(i) === "from");
      const bobPush = pushFor(bob, a.jid, (i) => subOf(i) === "to");
      await alice.send(sub("unsubscribe", b.jid));
      await Promise.all([alicePush, bobPush]);
    },
  },
  {
    id: "rfc6121/3.3.3/unsubscribe-without-subscription-silent",
    title: "an unsubscribe from a user with no subscription is not delivered to the contact",
    requirements: ["RFC6121-3.3.3-5"],
    accounts: 2,
    async run(ctx) {
      const [a, b] = ctx.accounts;
      const [alice, bob] = await twoOnline(ctx);
      await alice.iqResult(rosterSet(b.jid, { name: "Bob" }), "roster set");
      await alice.send(sub("unsubscribe", b.jid));
      await markerBarrier(alice, bob);
      await bob.expectNothing(presenceFrom(a.jid, "unsubscribe"), "there was no subscription to end");
      await bob.expectNothing(isPushFor(a.jid), "the contact's roster has nothing about the user");
    },
  },
]);

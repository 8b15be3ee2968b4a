// RFC 6121 §2.5: deleting a roster item, its push, and the subscription stanzas it owes the contact.
import { section } from "../../harness/runner/case.ts";
import type { Session } from "../../harness/session.ts";
import { assertStanzaError, markerBarrier, rosterSet, twoOnline } from "../helpers.ts";
import {
  freshJid,
  isPushFor,
  mutual,
  presenceFrom,
  pushFor,
  rosterItem,
  subOf,
  subscribeTo,
} from "./roster-helpers.ts";

const removal = (s: Session, jid: string) => pushFor(s, jid, (i) => i.attrs.subscription === "remove");

/** The user removes the contact; returns once the removal push has arrived. */
async function removeContact(user: Session, contact: string): Promise<void> {
  const pushed = removal(user, contact);
  await user.iqResult(rosterSet(contact, { subscription: "remove" }), "roster remove");
  await pushed;
}

export default section("rfc6121", "2", "Managing the Roster: remove", [
  {
    id: "rfc6121/2.5.2/remove-item",
    title: "subscription='remove' deletes the item and pushes the removal",
    requirements: ["RFC6121-2.5.2-1", "RFC6121-2.1.2.5-3"],
    accounts: 1,
    async run(ctx) {
      const s = await ctx.login(ctx.accounts[0], { roster: true });
      const contact = freshJid(ctx.domain, "gone");
      await s.iqResult(rosterSet(contact), "roster set");
      await removeContact(s, contact);
      ctx.expect(await rosterItem(s, contact), "the removed item").to.equal(undefined);
    },
  },
  {
    id: "rfc6121/2.5.2/remove-pushed-to-all",
    title: "a removal is pushed to every interested resource, not only the one that removed",
    requirements: ["RFC6121-2.5.2-1", "RFC6121-2.2-2"],
    accounts: 1,
    async run(ctx) {
      const a = ctx.accounts[0];
      const [s1, s2] = await Promise.all([ctx.login(a, { roster: true }), ctx.login(a, { roster: true })]);
      const contact = freshJid(ctx.domain, "gone2");
      await s1.iqResult(rosterSet(contact, { name: "x" }, ["G"]), "roster set");
      const other = removal(s2, contact);
      await removeContact(s1, contact);
      await other;
    },
  },
  {
    id: "rfc6121/2.5.3/remove-unknown-item",
    title: "removing an item that is not in the roster gets <item-not-found/>",
    requirements: ["RFC6121-2.5.3-1"],
    accounts: 1,
    async run(ctx) {
      const s = await ctx.login(ctx.accounts[0]);
      const reply = await s.iq(rosterSet(freshJid(ctx.domain, "never"), { subscription: "remove" }));
      assertStanzaError(reply, ["item-not-found"]);
    },
  },
  {
    id: "rfc6121/2.5.2/remove-to-sends-unsubscribe",
    title: "removing a contact the user is subscribed to sends it 'unsubscribe'; its item drops to none",
    requirements: ["RFC6121-2.5.2-2", "RFC6121-2.5.2-1"],
    accounts: 2,
    async run(ctx) {
      const [a, b] = ctx.accounts;
      const [alice, bob] = await twoOnline(ctx);
      await subscribeTo(alice, bob);
      const unsub = bob.expect(presenceFrom(a.jid, "unsubscribe"));
      unsub.catch(() => {});
      const bobPush = pushFor(bob, a.jid, (i) => subOf(i) === "none");
      await removeContact(alice, b.jid);
      await unsub;
      await bobPush;
    },
  },
  {
    id: "rfc6121/2.5.2/remove-from-sends-unsubscribed",
    title: "removing a contact subscribed to the user sends it 'unsubscribed'; its item drops to none",
    requirements: ["RFC6121-2.5.2-3", "RFC6121-2.5.2-1"],
    accounts: 2,
    async run(ctx) {
      const [a, b] = ctx.accounts;
      const [alice, bob] = await twoOnline(ctx);
      await subscribeTo(bob, alice);
      const unsubd = bob.expect(presenceFrom(a.jid, "unsubscribed"));
      unsubd.catch(() => {});
      const bobPush = pushFor(bob, a.jid, (i) => subOf(i) === "none");
      await removeContact(alice, b.jid);
      await unsubd;
      await bobPush;
    },
  },
  {
    id: "rfc6121/2.5.2/remove-both-sends-both",
    title: "removing a mutual contact sends it both 'unsubscribe' and 'unsubscribed'",
    requirements: ["RFC6121-2.5.2-4", "RFC6121-2.5.2-2", "RFC6121-2.5.2-3"],
    accounts: 2,
    async run(ctx) {
      const [a, b] = ctx.accounts;
      const [alice, bob] = await twoOnline(ctx);
      await mutual(alice, bob);
      const got = [
        bob.expect(presenceFrom(a.jid, "unsubscribe")),
        bob.expect(presenceFrom(a.jid, "unsubscribed")),
      ];
      for (const p of got) p.catch(() => {});
      const bobPush = pushFor(bob, a.jid, (i) => subOf(i) === "none");
      await removeContact(alice, b.jid);
      await Promise.all(got);
      await bobPush;
      ctx.expect(subOf(await rosterItem(bob, a.jid)), "the contact's item").to.equal("none");
    },
  },
  {
    id: "rfc6121/2.5.2/remove-none-sends-nothing",
    title: "removing a contact with no subscription either way sends it no subscription stanza",
    requirements: ["RFC6121-2.5.2-1", "RFC6121-3.2.3-6", "RFC6121-3.3.3-5"],
    accounts: 2,
    async run(ctx) {
      const [a, b] = ctx.accounts;
      const [alice, bob] = await twoOnline(ctx);
      await alice.iqResult(rosterSet(b.jid, { name: "Bob" }), "roster set");
      await removeContact(alice, b.jid);
      await markerBarrier(alice, bob);
      await bob.expectNothing(
        (el) => el.name === "presence" && ["unsubscribe", "unsubscribed"].includes(el.attrs.type ?? ""),
        "no subscription existed",
      );
      await bob.expectNothing(isPushFor(a.jid), "the contact's roster has no item for the user");
    },
  },
]);

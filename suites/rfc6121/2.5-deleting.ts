// RFC 6121 §2.5: deleting a roster item, its push, and the subscription stanzas it owes the contact
// (one scenario over the states To, From and Both).

import type { MatchSpec } from "../../harness/match.ts";
import {
  assertStanzaError,
  type Client,
  type Element,
  eachArrives,
  freshJid,
  mutual,
  nothingReaches,
  presenceFrom,
  type Row,
  rosterItem,
  rosterPush,
  rosterRemove,
  rosterSet,
  rosterSubscription,
  section,
  subscribe,
  tableCases,
} from "../kit/index.ts";

/** The user removes the contact; returns once the removal push has arrived. */
async function removeContact(user: Client, contact: string): Promise<void> {
  const pushed = user.expect(rosterPush(contact, "remove"));
  await user.iqResult(rosterRemove(contact), "roster remove");
  await pushed;
}

interface OwedRow extends Row {
  /** Bring alice and bob into the state the row starts from. */
  start: (alice: Client, bob: Client) => Promise<void>;
  /** The subscription stanzas bob must get from alice when she removes him. */
  owed: string[];
  /** Also read bob's roster afterwards (the push is not the only evidence). */
  readBack?: boolean;
}

const OWED: OwedRow[] = [
  {
    id: "rfc6121/2.5.2/remove-to-sends-unsubscribe",
    title: "removing a contact the user is subscribed to sends it 'unsubscribe'; its item drops to none",
    requirements: ["RFC6121-2.5.2-2", "RFC6121-2.5.2-1"],
    start: (alice, bob) => subscribe(alice, bob),
    owed: ["unsubscribe"],
  },
  {
    id: "rfc6121/2.5.2/remove-from-sends-unsubscribed",
    title: "removing a contact subscribed to the user sends it 'unsubscribed'; its item drops to none",
    requirements: ["RFC6121-2.5.2-3", "RFC6121-2.5.2-1"],
    start: (alice, bob) => subscribe(bob, alice),
    owed: ["unsubscribed"],
  },
  {
    id: "rfc6121/2.5.2/remove-both-sends-both",
    title: "removing a mutual contact sends it both 'unsubscribe' and 'unsubscribed'",
    requirements: ["RFC6121-2.5.2-4", "RFC6121-2.5.2-2", "RFC6121-2.5.2-3"],
    start: (alice, bob) => mutual(alice, bob),
    owed: ["unsubscribe", "unsubscribed"],
    readBack: true,
  },
];

export default section("rfc6121", "2.5", "Deleting a Roster Item", [
  {
    id: "rfc6121/2.5.2/remove-item",
    title: "subscription='remove' deletes the item and pushes the removal",
    requirements: ["RFC6121-2.5.2-1", "RFC6121-2.1.2.5-3"],
    users: ["alice:interested"],
    async run(ctx, { alice }) {
      const contact = freshJid(ctx.domain, "gone");
      await alice.iqResult(rosterSet(contact), "roster set");
      await removeContact(alice, contact);
      ctx.expect(await rosterItem(alice, contact), "the removed item").to.equal(undefined);
    },
  },
  {
    id: "rfc6121/2.5.3/remove-unknown-item",
    title: "removing an item that is not in the roster gets <item-not-found/>",
    requirements: ["RFC6121-2.5.3-1"],
    users: ["alice"],
    async run(ctx, { alice }) {
      const reply = await alice.iq(rosterRemove(freshJid(ctx.domain, "never")));
      assertStanzaError(reply, ["item-not-found"]);
    },
  },
  // alice removes bob from a subscribed state: bob gets what he is owed and his item drops to none
  ...tableCases(OWED, {
    users: ["alice:online", "bob:online"],
    async run(row, ctx, { alice, bob }) {
      await row.start(alice, bob);
      const owed = row.owed.map((type): [Client, MatchSpec] => [bob, presenceFrom(alice.bare, type)]);
      await eachArrives([...owed, [bob, rosterPush(alice.bare, "none")]], () =>
        removeContact(alice, bob.bare),
      );
      if (row.readBack)
        ctx.expect(await rosterSubscription(bob, alice.bare), "the contact's item").to.equal("none");
    },
  }),
  {
    id: "rfc6121/2.5.2/remove-none-sends-nothing",
    title: "removing a contact with no subscription either way sends it no subscription stanza",
    requirements: ["RFC6121-2.5.2-1", "RFC6121-3.2.3-6", "RFC6121-3.3.3-5"],
    users: ["alice:online", "bob:online"],
    async run(_ctx, { alice, bob }) {
      await alice.iqResult(rosterSet(bob.bare, { name: "Bob" }), "roster set");
      await removeContact(alice, bob.bare);
      const subscriptionStanza = {
        name: "presence",
        where: (el: Element) => ["unsubscribe", "unsubscribed"].includes(el.attrs.type ?? ""),
        what: "of type unsubscribe or unsubscribed",
      };
      await nothingReaches(alice, bob, subscriptionStanza, "no subscription existed");
      await bob.expectNothing(rosterPush(alice.bare), "the contact's roster has no item for the user");
    },
  },
]);

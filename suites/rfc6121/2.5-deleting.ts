// RFC 6121 §2.5: deleting a roster item, its push, and the subscription stanzas it owes the contact
// (one scenario over the states To, From and Both).
import {
  assertStanzaError,
  type CaseSpec,
  type Client,
  freshJid,
  markerBarrier,
  mutual,
  presenceFrom,
  rosterItem,
  rosterPush,
  rosterRemove,
  rosterSet,
  section,
  subOf,
  subscribe,
} from "../kit/index.ts";
import { eachArrives } from "../kit/roster-cases.ts";

/** The user removes the contact; returns once the removal push has arrived. */
async function removeContact(user: Client, contact: string): Promise<void> {
  const pushed = user.expect(rosterPush(contact, "remove"));
  await user.iqResult(rosterRemove(contact), "roster remove");
  await pushed;
}

interface OwedRow {
  id: string;
  title: string;
  requirements: string[];
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

/** Alice removes bob from a subscribed state: bob gets what he is owed and his item drops to none. */
function owedCase(row: OwedRow): CaseSpec {
  return {
    id: row.id,
    title: row.title,
    requirements: row.requirements,
    users: ["alice:online", "bob:online"],
    async run(ctx, { alice, bob }) {
      await row.start(alice, bob);
      const got = row.owed.map((type) => bob.expect(presenceFrom(alice.bare, type)));
      const bobPush = bob.expect(rosterPush(alice.bare, "none"));
      await removeContact(alice, bob.bare);
      await Promise.all(got);
      await bobPush;
      if (row.readBack)
        ctx.expect(subOf(await rosterItem(bob, alice.bare)), "the contact's item").to.equal("none");
    },
  };
}

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
    id: "rfc6121/2.5.2/remove-pushed-to-all",
    title: "a removal is pushed to every interested resource, not only the one that removed",
    requirements: ["RFC6121-2.5.2-1", "RFC6121-2.2-2"],
    users: ["alice:interested"],
    async run(ctx, { alice }) {
      const alice2 = await ctx.login("alice", "interested");
      const contact = freshJid(ctx.domain, "gone2");
      await alice.iqResult(rosterSet(contact, { name: "x" }, ["G"]), "roster set");
      await eachArrives([[alice2, rosterPush(contact, "remove")]], () => removeContact(alice, contact));
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
  ...OWED.map(owedCase),
  {
    id: "rfc6121/2.5.2/remove-none-sends-nothing",
    title: "removing a contact with no subscription either way sends it no subscription stanza",
    requirements: ["RFC6121-2.5.2-1", "RFC6121-3.2.3-6", "RFC6121-3.3.3-5"],
    users: ["alice:online", "bob:online"],
    async run(_ctx, { alice, bob }) {
      await alice.iqResult(rosterSet(bob.bare, { name: "Bob" }), "roster set");
      await removeContact(alice, bob.bare);
      await markerBarrier(alice, bob);
      await bob.expectNothing(
        {
          name: "presence",
          where: (el) => ["unsubscribe", "unsubscribed"].includes(el.attrs.type ?? ""),
          what: "of type unsubscribe or unsubscribed",
        },
        "no subscription existed",
      );
      await bob.expectNothing(rosterPush(alice.bare), "the contact's roster has no item for the user");
    },
  },
]);

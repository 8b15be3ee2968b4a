// RFC 6121 §2.3 (and the storage rule of §2): a roster set adds an item, which is pushed and stored as
// sent; §2.3.3: the sets the server must refuse, and rosters that are not the sender's own.

import { Violation } from "../../harness/errors.ts";
import {
  ANY_STANZA_CONDITION,
  ack,
  assertStanzaError,
  type Client,
  type Element,
  freshJid,
  itemsOf,
  lc,
  type Row,
  rosterGet,
  rosterItem,
  rosterPush,
  rosterQuerySet,
  rosterSet,
  section,
  setItemPushed,
  subOf,
  tableCases,
  xml,
} from "../kit/index.ts";

const groupsOf = (i: Element | undefined) => (i?.getChildren("group") ?? []).map((g) => g.getText()).sort();

/** The item a roster set added, from the next roster get: it must be there. */
async function addedItem(s: Client, jid: string): Promise<Element> {
  const item = await rosterItem(s, jid);
  if (!item) throw new Violation("the added item is not in the roster");
  return item;
}

/** The set must be refused with one of `allowed`, and no push about `jid` may follow. */
async function refused(s: Client, set: Element, allowed: string[], jid: string): Promise<void> {
  assertStanzaError(await s.iq(set), allowed);
  await s.expectNothing(rosterPush(jid), "a refused roster set must not change the roster");
}

/**
 * A value beyond a server-configured limit: the server either refuses it with <not-acceptable/> (its
 * limit is lower) or accepts it, and then returns what it stored, which must be what was sent.
 */
async function limitOrStored(
  s: Client,
  jid: string,
  set: Element,
  stored: (item: Element | undefined) => boolean,
): Promise<void> {
  const reply = await s.iq(set);
  if (reply.attrs.type === "error") {
    assertStanzaError(reply, ["not-acceptable"]);
    return;
  }
  if (!stored(await rosterItem(s, jid)))
    throw new Violation("the long value was accepted but the roster does not return it as sent");
}

/** A roster set §2.3.3 makes the server refuse, with the conditions it names. */
interface RefusedSetRow extends Row {
  /** The set, for an item about `jid`. */
  set: (jid: string, domain: string) => Element;
  allowed: string[];
}

const REFUSED_SETS: RefusedSetRow[] = [
  {
    id: "rfc6121/2.3.3/two-items",
    title: "a roster set with two items gets <bad-request/>",
    requirements: ["RFC6121-2.1.5-1", "RFC6121-2.3.3-3"],
    set: (jid, domain) => rosterQuerySet(xml("item", { jid }), xml("item", { jid: freshJid(domain, "b") })),
    allowed: ["bad-request"],
  },
  {
    id: "rfc6121/2.3.3/duplicate-group",
    title: "a roster set naming the same group twice gets <bad-request/>",
    requirements: ["RFC6121-2.3.3-3", "RFC6121-2.3.3-1"],
    set: (jid) => rosterSet(jid, {}, ["Friends", "Work", "Friends"]),
    allowed: ["bad-request"],
  },
  {
    id: "rfc6121/2.3.3/empty-group",
    title: "a roster set with an empty <group/> gets <not-acceptable/>",
    requirements: ["RFC6121-2.3.3-4", "RFC6121-2.3.3-1"],
    set: (jid) => rosterQuerySet(xml("item", { jid }, xml("group", {}))),
    allowed: ["not-acceptable"],
  },
];

/** A value beyond any sane limit, and whether an item returns it as sent. */
interface LongValueRow extends Row {
  set: (jid: string) => Element;
  stored: (item: Element | undefined) => boolean;
}

const [LONG_NAME, LONG_GROUP] = ["n".repeat(3000), "g".repeat(3000)];

const LONG_VALUES: LongValueRow[] = [
  {
    id: "rfc6121/2.3.3/long-name",
    title: "a 3000-character name is refused with <not-acceptable/> or stored and returned unmodified",
    requirements: ["RFC6121-2.3.3-4", "RFC6121-2-1"],
    set: (jid) => rosterSet(jid, { name: LONG_NAME }),
    stored: (i) => i?.attrs.name === LONG_NAME,
  },
  {
    id: "rfc6121/2.3.3/long-group",
    title: "a 3000-character group is refused with <not-acceptable/> or stored and returned unmodified",
    requirements: ["RFC6121-2.3.3-4", "RFC6121-2-1"],
    set: (jid) => rosterSet(jid, {}, [LONG_GROUP]),
    stored: (i) => i?.getChildText("group") === LONG_GROUP,
  },
];

export default section("rfc6121", "2.3", "Adding a Roster Item", [
  {
    id: "rfc6121/2.3.2/add-item",
    title: "a roster set adds the item: result, a push to the sender, and the item in the next roster get",
    requirements: [
      "RFC6121-2.3.2-1",
      "RFC6121-2.3.2-2",
      "RFC6121-2.3.2-3",
      "RFC6121-2.1.6-1",
      "RFC6121-2.1.2.3-1",
    ],
    users: ["alice:interested"],
    async run(ctx, { alice }) {
      const contact = freshJid(ctx.domain);
      const p = await setItemPushed(alice, contact, { name: "Contact" }, ["Friends"]);
      ctx.expect(itemsOf(p), "items in the push").to.have.length(1);
      await ack(alice, p);
      const item = await addedItem(alice, contact);
      ctx.expect(item.attrs.name).to.equal("Contact");
      ctx.expect(groupsOf(item)).to.deep.equal(["Friends"]);
      ctx.expect(subOf(item)).to.equal("none");
    },
  },
  {
    id: "rfc6121/2.3.2/add-item-no-name-no-group",
    title: "an item with only a 'jid' (name and groups are optional) is added and pushed",
    requirements: ["RFC6121-2.3.2-1", "RFC6121-2.3.2-3", "RFC6121-2.1.2.4-3", "RFC6121-2.1.2.6-4"],
    users: ["alice:interested"],
    async run(ctx, { alice }) {
      const contact = freshJid(ctx.domain, "bare");
      await ack(alice, await setItemPushed(alice, contact));
      const item = await addedItem(alice, contact);
      ctx.expect(groupsOf(item), "groups").to.deep.equal([]);
      // §2.4.1: an absent name and an empty one are the same thing
      ctx.expect(item.attrs.name ?? "", "name").to.equal("");
    },
  },
  {
    id: "rfc6121/2.3.2/push-for-each-change",
    title: "three quick roster sets give three pushes, in the order of the sets",
    requirements: ["RFC6121-2.3.2-3", "RFC6121-2.6.3-7"],
    users: ["alice:interested"],
    async run(ctx, { alice }) {
      const jids = [1, 2, 3].map((n) => freshJid(ctx.domain, `order${n}`));
      for (const j of jids) await alice.iqResult(rosterSet(j), "roster set");
      const seen: string[] = [];
      for (let i = 0; i < 3; i++) {
        const p = await alice.expect({
          name: "iq",
          type: "set",
          where: (el) => itemsOf(el).length > 0,
          what: "carrying a roster item",
        });
        seen.push(lc(itemsOf(p)[0].attrs.jid));
      }
      ctx.expect(seen, "pushes in order of modification").to.deep.equal(jids.map(lc));
    },
  },
  {
    id: "rfc6121/2/stored-unmodified",
    title: "a name and several groups (non-ASCII, inner spaces) come back exactly as sent",
    requirements: ["RFC6121-2-1", "RFC6121-2.1.2.6-1", "RFC6121-2.1.2.4-1", "RFC6121-2.1.2.6-2"],
    users: ["alice:interested"],
    async run(ctx, { alice }) {
      const contact = freshJid(ctx.domain, "stored");
      const name = "Ромео  Монтекки ♥";
      const groups = ["Verona  Friends", "Δ group", "家族"];
      await alice.iqResult(rosterSet(contact, { name }, groups), "roster set");
      const item = await addedItem(alice, contact);
      ctx.expect(groupsOf(item), "groups (the MUST: return what was stored)").to.have.length(3);
      ctx.should(
        item.attrs.name === name && groupsOf(item).join("|") === [...groups].sort().join("|"),
        // "SHOULD store that data unmodified if at all possible"
        `stored data differs from the roster set: name '${item.attrs.name}', groups ${groupsOf(item).join(", ")}`,
      );
    },
  },
  ...tableCases(REFUSED_SETS, {
    users: ["alice:interested"],
    async run(row, ctx, { alice }) {
      const jid = freshJid(ctx.domain, "refused");
      await refused(alice, row.set(jid, ctx.domain), row.allowed, jid);
    },
  }),
  ...tableCases(LONG_VALUES, {
    users: ["alice"],
    async run(row, ctx, { alice }) {
      const jid = freshJid(ctx.domain, "long");
      await limitOrStored(alice, jid, row.set(jid), row.stored);
    },
  }),
  {
    id: "rfc6121/2.3.3/malformed-jid",
    title: "a roster set for a JID that is not valid gets a stanza error and adds nothing",
    requirements: ["RFC6121-2.3.3-1", "RFC6121-2.1.2.3-1"],
    users: ["alice:interested"],
    async run(ctx, { alice }) {
      const bad = `two@@at-signs@${ctx.domain}`;
      assertStanzaError(await alice.iq(rosterSet(bad)), ANY_STANZA_CONDITION);
      await alice.expectNothing(
        { name: "iq", type: "set", where: (el) => el.toString().includes("two@@"), what: "about two@@" },
        "a refused roster set must not be pushed",
      );
    },
  },
  {
    id: "rfc6121/2.3.3/other-users-roster",
    title: "a roster set addressed to another account gets <forbidden/> and leaves its roster alone",
    requirements: ["RFC6121-2.1.5-3", "RFC6121-2.3.3-2", "RFC6121-2-2"],
    users: ["alice", "bob"],
    async run(ctx, { alice, bob }) {
      const jid = freshJid(ctx.domain, "intruder");
      const set = rosterSet(jid);
      set.attrs.to = bob.account.jid;
      // RFC 6120 §8.5.3.1-style answers for an IQ to another bare JID are accepted beside <forbidden/>
      assertStanzaError(await alice.iq(set), ["forbidden", "service-unavailable", "not-allowed"]);
      if (await rosterItem(bob, jid)) throw new Violation("the other account's roster was changed");
    },
  },
  {
    id: "rfc6121/2/other-users-roster-get",
    title: "a roster get addressed to another account does not return that account's roster",
    requirements: ["RFC6121-2-2"],
    users: ["alice", "bob"],
    async run(ctx, { alice, bob }) {
      const secret = freshJid(ctx.domain, "secret");
      await bob.iqResult(rosterSet(secret, { name: "secret" }), "owner's roster set");
      const get = rosterGet();
      get.attrs.to = bob.account.jid;
      const reply = await alice.iq(get);
      if (reply.attrs.type === "result" && reply.toString().includes(secret))
        throw new Violation("another account's roster was disclosed");
      // what else comes back is not specified: an error of any condition, or a result without the data
      if (reply.attrs.type !== "result") assertStanzaError(reply, ANY_STANZA_CONDITION);
    },
  },
]);

// RFC 6121 §2.1-2.4: roster get, adding an item, updating it, and what the server stores and returns.
import { Violation } from "../../harness/errors.ts";
import { section } from "../../harness/runner/case.ts";
import { NS, xml } from "../../harness/xml/element.ts";
import { assertStanzaError, DEFAULT_ERROR_TYPE, rosterGet, rosterSet } from "../helpers.ts";
import { ack, freshJid, itemFor, itemsOf, pushFor, rosterItem, subOf } from "./roster-helpers.ts";

const ANY_CONDITION = Object.keys(DEFAULT_ERROR_TYPE);

const groupsOf = (i: { getChildren(n: string): { getText(): string }[] } | undefined) =>
  (i?.getChildren("group") ?? []).map((g) => g.getText()).sort();

export default section("rfc6121", "2", "Managing the Roster: get, add, update", [
  {
    id: "rfc6121/2.1.4/empty-roster",
    title: "a new account's roster get returns a result with an empty <query/>",
    requirements: ["RFC6121-2.1.4-1"],
    accounts: 1,
    async run(ctx) {
      const s = await ctx.login(ctx.accounts[0]);
      const r = await s.iqResult(rosterGet(), "roster get");
      ctx.expect(r.getChild("query", NS.roster), "<query/> in the result").to.not.equal(undefined);
      ctx.expect(itemsOf(r), "items").to.have.length(0);
    },
  },
  {
    id: "rfc6121/2.1.3/get-with-item",
    // The RFC forbids the item but names no error for it: an error (bad-request fits) or the roster are
    // both answers; what a get must never do is act as a set.
    title: "a roster get whose <query/> carries an <item/> does not add that item to the roster",
    requirements: ["RFC6121-2.1.3-1"],
    accounts: 1,
    async run(ctx) {
      const s = await ctx.login(ctx.accounts[0]);
      const jid = freshJid(ctx.domain, "get-item");
      const get = xml("iq", { type: "get" }, xml("query", { xmlns: NS.roster }, xml("item", { jid })));
      const reply = await s.iq(get);
      if (reply.attrs.type === "error") assertStanzaError(reply, ANY_CONDITION);
      else if (itemFor(reply, jid))
        throw new Violation("the roster returned for the get lists the get's item");
      if (await rosterItem(s, jid)) throw new Violation("the item of a roster get was added to the roster");
    },
  },
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
    accounts: 1,
    async run(ctx) {
      const s = await ctx.login(ctx.accounts[0], { roster: true });
      const contact = freshJid(ctx.domain);
      const push = pushFor(s, contact);
      await s.iqResult(rosterSet(contact, { name: "Contact" }, ["Friends"]), "roster set");
      const p = await push;
      ctx.expect(itemsOf(p), "items in the push").to.have.length(1);
      await ack(s, p);
      const item = await rosterItem(s, contact);
      if (!item) throw new Violation("the added item is not in the roster");
      ctx.expect(item.attrs.name).to.equal("Contact");
      ctx.expect(groupsOf(item)).to.deep.equal(["Friends"]);
      ctx.expect(subOf(item)).to.equal("none");
    },
  },
  {
    id: "rfc6121/2.3.2/add-item-no-name-no-group",
    title: "an item with only a 'jid' (name and groups are optional) is added and pushed",
    requirements: ["RFC6121-2.3.2-1", "RFC6121-2.3.2-3", "RFC6121-2.1.2.4-3", "RFC6121-2.1.2.6-4"],
    accounts: 1,
    async run(ctx) {
      const s = await ctx.login(ctx.accounts[0], { roster: true });
      const contact = freshJid(ctx.domain, "bare");
      const push = pushFor(s, contact);
      await s.iqResult(rosterSet(contact), "roster set");
      await ack(s, await push);
      const item = await rosterItem(s, contact);
      if (!item) throw new Violation("the added item is not in the roster");
      ctx.expect(groupsOf(item), "groups").to.deep.equal([]);
      // §2.4.1: an absent name and an empty one are the same thing
      ctx.expect(item.attrs.name ?? "", "name").to.equal("");
    },
  },
  {
    id: "rfc6121/2/stored-unmodified",
    title: "a name and several groups (non-ASCII, inner spaces) come back exactly as sent",
    requirements: ["RFC6121-2-1", "RFC6121-2.1.2.6-1", "RFC6121-2.1.2.4-1", "RFC6121-2.1.2.6-2"],
    accounts: 1,
    async run(ctx) {
      const s = await ctx.login(ctx.accounts[0], { roster: true });
      const contact = freshJid(ctx.domain, "stored");
      const name = "Ромео  Монтекки ♥";
      const groups = ["Verona  Friends", "Δ group", "家族"];
      await s.iqResult(rosterSet(contact, { name }, groups), "roster set");
      const item = await rosterItem(s, contact);
      if (!item) throw new Violation("the added item is not in the roster");
      ctx.expect(groupsOf(item), "groups (the MUST: return what was stored)").to.have.length(3);
      // "SHOULD store that data unmodified if at all possible"
      if (item.attrs.name !== name || groupsOf(item).join("|") !== [...groups].sort().join("|")) {
        throw new Violation(
          `stored data differs from the roster set: name '${item.attrs.name}', groups ${groupsOf(item).join(", ")}`,
          true,
        );
      }
    },
  },
  {
    id: "rfc6121/2.4.1/update-replaces-groups",
    title: "updating an item replaces its name and groups exactly as provided (the item is atomic)",
    requirements: ["RFC6121-2.4.1-1", "RFC6121-2.4.2-1"],
    accounts: 1,
    async run(ctx) {
      const s = await ctx.login(ctx.accounts[0], { roster: true });
      const contact = freshJid(ctx.domain, "update");
      await s.iqResult(rosterSet(contact, { name: "Old" }, ["A", "B"]), "roster set (add)");
      const push = pushFor(s, contact, (i) => i.attrs.name === "New");
      await s.iqResult(rosterSet(contact, { name: "New" }, ["C"]), "roster set (update)");
      const p = await push;
      ctx.expect(groupsOf(itemFor(p, contact)), "groups in the push").to.deep.equal(["C"]);
      const item = await rosterItem(s, contact);
      ctx.expect(item?.attrs.name, "name").to.equal("New");
      ctx.expect(groupsOf(item), "groups in the roster").to.deep.equal(["C"]);
    },
  },
  {
    id: "rfc6121/2.4.1/update-drops-all-groups",
    title: "an update without <group/> removes the item from every group",
    requirements: ["RFC6121-2.4.1-1", "RFC6121-2.4.2-1"],
    accounts: 1,
    async run(ctx) {
      const s = await ctx.login(ctx.accounts[0], { roster: true });
      const contact = freshJid(ctx.domain, "ungroup");
      await s.iqResult(rosterSet(contact, { name: "N" }, ["Work", "Friends"]), "roster set (add)");
      const push = pushFor(s, contact, (i) => i.getChildren("group").length === 0);
      await s.iqResult(rosterSet(contact, { name: "N" }), "roster set (update)");
      await push;
      ctx.expect(groupsOf(await rosterItem(s, contact)), "groups").to.deep.equal([]);
    },
  },
  {
    id: "rfc6121/2.4.2/update-pushed-to-all",
    title: "an update is pushed to every interested resource, the sender included",
    requirements: ["RFC6121-2.4.2-1", "RFC6121-2.2-2"],
    accounts: 1,
    async run(ctx) {
      const a = ctx.accounts[0];
      const [s1, s2] = await Promise.all([ctx.login(a, { roster: true }), ctx.login(a, { roster: true })]);
      const contact = freshJid(ctx.domain, "upd2");
      await s1.iqResult(rosterSet(contact, { name: "one" }), "roster set (add)");
      const p1 = pushFor(s1, contact, (i) => i.attrs.name === "two");
      const p2 = pushFor(s2, contact, (i) => i.attrs.name === "two");
      await s1.iqResult(rosterSet(contact, { name: "two" }), "roster set (update)");
      await Promise.all([p1, p2]);
    },
  },
  {
    id: "rfc6121/2.1.5/subscription-attribute-ignored",
    title: "a roster set with subscription='both' does not grant a subscription",
    requirements: ["RFC6121-2.1.5-2", "RFC6121-2.1.2.5-3"],
    accounts: 1,
    async run(ctx) {
      const s = await ctx.login(ctx.accounts[0], { roster: true });
      const contact = freshJid(ctx.domain, "sneaky");
      await s.iqResult(rosterSet(contact, { subscription: "both" }), "roster set");
      const item = await rosterItem(s, contact);
      if (item) ctx.expect(subOf(item), "subscription").to.equal("none");
    },
  },
  {
    id: "rfc6121/2.1.5/subscription-attribute-ignored-on-update",
    title: "updating an existing item with subscription='from' leaves its subscription at none",
    requirements: ["RFC6121-2.1.5-2", "RFC6121-2.1.2.5-3"],
    accounts: 1,
    async run(ctx) {
      const s = await ctx.login(ctx.accounts[0], { roster: true });
      const contact = freshJid(ctx.domain, "sneaky2");
      await s.iqResult(rosterSet(contact, { name: "x" }), "roster set (add)");
      // "ignore" the value: the update itself is processed, the subscription is not granted
      await s.iqResult(rosterSet(contact, { name: "y", subscription: "from" }), "roster set (update)");
      ctx.expect(subOf(await rosterItem(s, contact)), "subscription").to.equal("none");
    },
  },
]);

// RFC 6121 §2.1: what a roster get, result, set and push look like, and the sets a server must refuse
// for their shape alone.

import { Violation } from "../../harness/errors.ts";
import { bareOf } from "../../harness/match.ts";
import {
  ANY_STANZA_CONDITION,
  assertStanzaError,
  freshJid,
  itemFor,
  itemsOf,
  lc,
  NS,
  rosterGet,
  rosterItem,
  rosterQuerySet,
  rosterSet,
  rosterSubscription,
  section,
  setItemPushed,
  subOf,
  xml,
} from "../kit/index.ts";

export default section("rfc6121", "2.1", "Syntax and Semantics", [
  {
    id: "rfc6121/2.1.4/empty-roster",
    title: "a new account's roster get returns a result with an empty <query/>",
    requirements: ["RFC6121-2.1.4-1"],
    users: ["alice"],
    async run(ctx, { alice }) {
      const r = await alice.iqResult(rosterGet(), "roster get");
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
    users: ["alice"],
    async run(ctx, { alice }) {
      const jid = freshJid(ctx.domain, "get-item");
      const get = xml("iq", { type: "get" }, xml("query", { xmlns: NS.roster }, xml("item", { jid })));
      const reply = await alice.iq(get);
      if (reply.attrs.type === "error") assertStanzaError(reply, ANY_STANZA_CONDITION);
      else if (itemFor(reply, jid))
        throw new Violation("the roster returned for the get lists the get's item");
      if (await rosterItem(alice, jid))
        throw new Violation("the item of a roster get was added to the roster");
    },
  },
  {
    id: "rfc6121/2.1.5/no-item",
    title: "a roster set whose <query/> holds no <item/> gets a stanza error",
    requirements: ["RFC6121-2.1.5-1", "RFC6121-2.3.3-1"],
    users: ["alice"],
    async run(_ctx, { alice }) {
      // "one and only one <item/>": any stanza error is the right answer to none
      assertStanzaError(await alice.iq(rosterQuerySet()), ANY_STANZA_CONDITION);
    },
  },
  {
    id: "rfc6121/2.1.2.3/item-without-jid",
    title: "a roster set whose <item/> has no 'jid' (REQUIRED) gets a stanza error",
    requirements: ["RFC6121-2.1.2.3-1", "RFC6121-2.3.3-1"],
    users: ["alice"],
    async run(_ctx, { alice }) {
      assertStanzaError(
        await alice.iq(rosterQuerySet(xml("item", { name: "nobody" }))),
        ANY_STANZA_CONDITION,
      );
    },
  },
  {
    id: "rfc6121/2.1.5/subscription-attribute-ignored",
    title: "a roster set with subscription='both' does not grant a subscription",
    requirements: ["RFC6121-2.1.5-2", "RFC6121-2.1.2.5-3"],
    users: ["alice:interested"],
    async run(ctx, { alice }) {
      const contact = freshJid(ctx.domain, "sneaky");
      await alice.iqResult(rosterSet(contact, { subscription: "both" }), "roster set");
      const item = await rosterItem(alice, contact);
      if (item) ctx.expect(subOf(item), "subscription").to.equal("none");
    },
  },
  {
    id: "rfc6121/2.1.5/subscription-attribute-ignored-on-update",
    title: "updating an existing item with subscription='from' leaves its subscription at none",
    requirements: ["RFC6121-2.1.5-2", "RFC6121-2.1.2.5-3"],
    users: ["alice:interested"],
    async run(ctx, { alice }) {
      const contact = freshJid(ctx.domain, "sneaky2");
      await alice.iqResult(rosterSet(contact, { name: "x" }), "roster set (add)");
      // "ignore" the value: the update itself is processed, the subscription is not granted
      await alice.iqResult(rosterSet(contact, { name: "y", subscription: "from" }), "roster set (update)");
      ctx.expect(await rosterSubscription(alice, contact), "subscription").to.equal("none");
    },
  },
  {
    id: "rfc6121/2.1.6/push-addressing",
    title: "a push is from the account's bare JID (or has no 'from'), to the resource, with one item",
    // 'from': the client's MUST-ignore rule (§2.1.6) is why; the server's own is RFC 6120 §8.1.2.1
    requirements: ["RFC6121-2.1.6-1", "RFC6120-8.1.2.1-3", "RFC6121-2.1.6-2"],
    users: ["alice:interested"],
    async run(ctx, { alice }) {
      const own = alice.account.jid;
      const contact = freshJid(ctx.domain, "addr");
      const p = await setItemPushed(alice, contact);
      // a client MUST ignore a push from anyone else (§2.1.6), so such a push never reaches the user
      if (p.attrs.from !== undefined && lc(p.attrs.from) !== lc(own))
        throw new Violation(`the push comes from '${p.attrs.from}', not the bare JID ${own}`);
      if (p.attrs.to !== undefined && lc(bareOf(p.attrs.to)) !== lc(own))
        throw new Violation(`the push is addressed to '${p.attrs.to}'`);
      if (!p.attrs.id) throw new Violation("the push (an IQ set) carries no 'id'");
      ctx.expect(itemsOf(p), "items in the push").to.have.length(1);
    },
  },
]);

// RFC 6121 §2.1.6, §2.2: roster pushes — who gets them and what they look like.
import { Violation } from "../../harness/errors.ts";
import { section } from "../../harness/runner/case.ts";
import { rosterSet, twoOnline } from "../helpers.ts";
import { ack, bareOf, freshJid, itemsOf, lc, pushFor, sub, subOf } from "./roster-helpers.ts";

export default section("rfc6121", "2", "Managing the Roster: pushes", [
  {
    id: "rfc6121/2.2/push-to-all-interested",
    title: "a roster set from one resource is pushed to every interested resource of the account",
    requirements: ["RFC6121-2.2-2", "RFC6121-2.3.2-3"],
    accounts: 1,
    async run(ctx) {
      const a = ctx.accounts[0];
      const [s1, s2] = await Promise.all([ctx.login(a, { roster: true }), ctx.login(a, { roster: true })]);
      const contact = freshJid(ctx.domain, "pushed");
      const other = pushFor(s2, contact);
      await s1.iqResult(rosterSet(contact), "roster set");
      await ack(s2, await other);
    },
  },
  {
    id: "rfc6121/2.2/push-to-available-interested",
    title: "an interested resource that also sent presence gets the push of a set made by another resource",
    requirements: ["RFC6121-2.2-2", "RFC6121-2.3.2-3"],
    accounts: 1,
    async run(ctx) {
      const a = ctx.accounts[0];
      const [s1, s2] = await Promise.all([
        ctx.login(a, { roster: true }),
        ctx.login(a, { roster: true, presence: true }),
      ]);
      const contact = freshJid(ctx.domain, "pushed-av");
      const pushes = [pushFor(s1, contact), pushFor(s2, contact)];
      await s1.iqResult(rosterSet(contact, { name: "x" }), "roster set");
      await Promise.all(pushes);
    },
  },
  {
    id: "rfc6121/2.1.6/push-addressing",
    title: "a push is from the account's bare JID (or has no 'from'), to the resource, with one item",
    requirements: ["RFC6121-2.1.6-1", "RFC6121-2.1.6-2"],
    accounts: 1,
    async run(ctx) {
      const a = ctx.accounts[0];
      const s = await ctx.login(a, { roster: true });
      const contact = freshJid(ctx.domain, "addr");
      const push = pushFor(s, contact);
      await s.iqResult(rosterSet(contact), "roster set");
      const p = await push;
      // a client MUST ignore a push from anyone else (§2.1.6), so such a push never reaches the user
      if (p.attrs.from !== undefined && lc(p.attrs.from) !== lc(a.jid))
        throw new Violation(`the push comes from '${p.attrs.from}', not the bare JID ${a.jid}`);
      if (p.attrs.to !== undefined && bareOf(p.attrs.to) !== lc(a.jid))
        throw new Violation(`the push is addressed to '${p.attrs.to}'`);
      if (!p.attrs.id) throw new Violation("the push (an IQ set) carries no 'id'");
      ctx.expect(itemsOf(p), "items in the push").to.have.length(1);
    },
  },
  {
    id: "rfc6121/2.2/push-for-inbound-change-to-all",
    title: "a subscription change caused by the contact is pushed to each interested resource of the user",
    requirements: ["RFC6121-2.2-2", "RFC6121-3.1.6-2"],
    accounts: 2,
    async run(ctx) {
      const [a, b] = ctx.accounts;
      const [alice, bob] = await twoOnline(ctx);
      const alice2 = await ctx.login(a, { roster: true });
      const req = bob.expect((el) => el.name === "presence" && el.attrs.type === "subscribe");
      req.catch(() => {});
      await alice.send(sub("subscribe", b.jid));
      await req;
      const pushes = [alice, alice2].map((s) => pushFor(s, b.jid, (i) => subOf(i) === "to"));
      await bob.send(sub("subscribed", a.jid));
      await Promise.all(pushes);
    },
  },
  {
    id: "rfc6121/2.1.6/push-for-each-change",
    title: "three quick roster sets give three pushes, in the order of the sets",
    requirements: ["RFC6121-2.3.2-3", "RFC6121-2.6.3-7"],
    accounts: 1,
    async run(ctx) {
      const s = await ctx.login(ctx.accounts[0], { roster: true });
      const jids = [1, 2, 3].map((n) => freshJid(ctx.domain, `order${n}`));
      for (const j of jids) await s.iqResult(rosterSet(j), "roster set");
      const seen: string[] = [];
      for (let i = 0; i < 3; i++) {
        const p = await s.expect(
          (el) => el.name === "iq" && el.attrs.type === "set" && itemsOf(el).length > 0,
        );
        seen.push(lc(itemsOf(p)[0].attrs.jid));
      }
      ctx.expect(seen, "pushes in order of modification").to.deep.equal(jids.map(lc));
    },
  },
]);

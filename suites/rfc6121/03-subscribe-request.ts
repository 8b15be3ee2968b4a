// RFC 6121 §3.1.1-3.1.3: a subscription request — the user's server stamps, routes and pushes; the
// contact's server delivers it (to every available resource) without approving it on its own.
import { Violation } from "../../harness/errors.ts";
import { section } from "../../harness/runner/case.ts";
import { markerBarrier, rosterSet, twoOnline } from "../helpers.ts";
import {
  assertBareFrom,
  bareOf,
  presenceFrom,
  presenceOf,
  pushFor,
  rosterItem,
  sub,
  subOf,
  subscribeTo,
} from "./roster-helpers.ts";

export default section("rfc6121", "3", "Managing Presence Subscriptions: requests", [
  {
    id: "rfc6121/3.1.2/subscribe-pending-out",
    title: "an outbound subscribe gives the user a roster push with subscription none and ask='subscribe'",
    requirements: ["RFC6121-3.1.2-9", "RFC6121-3.1.2-1", "RFC6121-3.1.2-5", "RFC6121-A.2.1-None"],
    accounts: 2,
    async run(ctx) {
      const [a, b] = ctx.accounts;
      const alice = await ctx.login(a, { roster: true, presence: true });
      const push = pushFor(alice, b.jid, (i) => i.attrs.ask === "subscribe");
      await alice.send(sub("subscribe", b.jid, { id: "sub-1" }));
      ctx.expect(subOf((await push).getChild("query")?.getChild("item")), "subscription").to.equal("none");
    },
  },
  {
    id: "rfc6121/3.1.2/subscribe-pushed-to-all-interested",
    title: "the ask='subscribe' push reaches every interested resource of the user",
    requirements: ["RFC6121-3.1.2-9", "RFC6121-2.2-2"],
    accounts: 2,
    async run(ctx) {
      const [a, b] = ctx.accounts;
      const [s1, s2] = await Promise.all([
        ctx.login(a, { roster: true, presence: true }),
        ctx.login(a, { roster: true }),
      ]);
      const pushes = [s1, s2].map((s) => pushFor(s, b.jid, (i) => i.attrs.ask === "subscribe"));
      await s1.send(sub("subscribe", b.jid));
      await Promise.all(pushes);
    },
  },
  {
    id: "rfc6121/3.1.3/subscribe-delivered-bare-from",
    title: "the contact receives the subscription request stamped with the user's bare JID",
    requirements: ["RFC6121-3.1.2-7", "RFC6121-3-1", "RFC6121-3.1.3-9", "RFC6121-A.3.1-None"],
    accounts: 2,
    async run(ctx) {
      const [a, b] = ctx.accounts;
      const [alice, bob] = await twoOnline(ctx);
      const req = presenceOf(bob, a.jid, "subscribe");
      await alice.send(sub("subscribe", b.jid));
      assertBareFrom(await req, a, "the request");
    },
  },
  {
    id: "rfc6121/3.1.2/stamp-overrides-full-from",
    title: "a request the client stamps with its own full JID still reaches the contact from the bare JID",
    requirements: ["RFC6121-3.1.2-7", "RFC6121-3-1"],
    accounts: 2,
    async run(ctx) {
      const [a, b] = ctx.accounts;
      const [alice, bob] = await twoOnline(ctx);
      const req = presenceOf(bob, a.jid, "subscribe");
      await alice.send(sub("subscribe", b.jid, { from: alice.jid!.toString() }));
      assertBareFrom(await req, a, "the request");
    },
  },
  {
    id: "rfc6121/3.1.2/to-full-jid-treated-as-bare",
    title: "a request to the contact's full JID is handled as one to the bare JID",
    requirements: ["RFC6121-3.1.2-3", "RFC6121-3.1.3-2"],
    accounts: 2,
    async run(ctx) {
      const [a, b] = ctx.accounts;
      const [alice, bob] = await twoOnline(ctx);
      const bob2 = await ctx.login(b, { roster: true, presence: true });
      const push = pushFor(alice, b.jid, (i) => i.attrs.ask === "subscribe");
      const atOther = presenceOf(bob2, a.jid, "subscribe");
      await alice.send(sub("subscribe", bob.jid!.toString()));
      // the roster item is for the bare JID and the request reaches the resource not addressed too
      await push.catch(() => {
        throw new Violation("no push with ask='subscribe' for the bare JID", true);
      });
      await atOther.catch(() => {
        throw new Violation("the request did not reach the contact's other available resource", true);
      });
    },
  },
  {
    id: "rfc6121/3.1.3/delivered-to-all-available",
    title: "the request reaches every available resource of the contact, interested or not",
    requirements: ["RFC6121-3.1.3-9", "RFC6121-3.1.3-6"],
    accounts: 2,
    async run(ctx) {
      const [a, b] = ctx.accounts;
      const alice = await ctx.login(a, { roster: true, presence: true });
      const bobs = await Promise.all([
        ctx.login(b, { roster: true, presence: true }),
        ctx.login(b, { presence: true }),
      ]);
      const reqs = bobs.map((s) => presenceOf(s, a.jid, "subscribe"));
      await alice.send(sub("subscribe", b.jid));
      await Promise.all(reqs);
    },
  },
  {
    id: "rfc6121/3.1.3/not-auto-approved",
    title: "the contact's server does not approve the request on its own: no 'subscribed', state stays put",
    requirements: ["RFC6121-3.1.3-5", "RFC6121-3.1.3-4"],
    accounts: 2,
    async run(ctx) {
      const [a, b] = ctx.accounts;
      const [alice, bob] = await twoOnline(ctx);
      const req = presenceOf(bob, a.jid, "subscribe");
      await alice.send(sub("subscribe", b.jid));
      await req;
      await markerBarrier(bob, alice);
      await alice.expectNothing(presenceFrom(b.jid, "subscribed"), "nobody approved the request");
      ctx.expect(subOf(await rosterItem(alice, b.jid)), "the user's subscription").to.equal("none");
    },
  },
  {
    id: "rfc6121/3.1.3/no-item-until-approved",
    title: "the request adds no item for the user to the contact's roster until the contact approves",
    requirements: ["RFC6121-3.1.3-14"],
    accounts: 2,
    async run(ctx) {
      const [a, b] = ctx.accounts;
      const [alice, bob] = await twoOnline(ctx);
      const req = presenceOf(bob, a.jid, "subscribe");
      await alice.send(sub("subscribe", b.jid));
      await req;
      if (await rosterItem(bob, a.jid))
        throw new Violation("the requester was added to the contact's roster");
    },
  },
  {
    id: "rfc6121/3.1.3/already-subscribed-not-asked-again",
    // The auto-reply itself is invisible here: the user's server must ignore 'subscribed' in state To
    // (§3.1.6, A.3.3). What shows is that the contact is not asked again (A.3.1 "SHOULD NOT" deliver).
    title:
      "a repeated request from a user already subscribed is handled for the contact, not delivered to it",
    requirements: ["RFC6121-3.1.3-7", "RFC6121-A.3.1-From"],
    accounts: 2,
    async run(ctx) {
      const [a, b] = ctx.accounts;
      const [alice, bob] = await twoOnline(ctx);
      await subscribeTo(alice, bob);
      await alice.send(sub("subscribe", b.jid));
      await markerBarrier(alice, bob);
      const asked = bob.inbox.find(presenceFrom(a.jid, "subscribe"));
      if (asked) throw new Violation(`the contact was asked again: ${asked}`, true);
    },
  },
  {
    id: "rfc6121/3.1.1/roster-set-then-subscribe",
    title: "a roster set followed by a subscribe: the item keeps its name and gains ask='subscribe'",
    requirements: ["RFC6121-3.1.1-4", "RFC6121-3.1.2-9"],
    accounts: 2,
    async run(ctx) {
      const b = ctx.accounts[1];
      const [alice] = await twoOnline(ctx);
      await alice.iqResult(rosterSet(b.jid, { name: "Bob" }, ["Friends"]), "roster set");
      const push = pushFor(alice, b.jid, (i) => i.attrs.ask === "subscribe");
      await alice.send(sub("subscribe", b.jid));
      await push;
      const item = await rosterItem(alice, b.jid);
      ctx.expect(item?.attrs.name, "name").to.equal("Bob");
      ctx.expect(item?.attrs.ask, "ask").to.equal("subscribe");
    },
  },
  {
    id: "rfc6121/3.1.1/subscribe-then-roster-set",
    title: "a subscribe followed by a roster set: the item takes the name and keeps ask='subscribe'",
    requirements: ["RFC6121-3.1.1-4", "RFC6121-2.1.2.2-1"],
    accounts: 2,
    async run(ctx) {
      const b = ctx.accounts[1];
      const [alice] = await twoOnline(ctx);
      const asked = pushFor(alice, b.jid, (i) => i.attrs.ask === "subscribe");
      await alice.send(sub("subscribe", b.jid));
      await asked;
      const named = pushFor(alice, b.jid, (i) => i.attrs.name === "Bob");
      await alice.iqResult(rosterSet(b.jid, { name: "Bob" }), "roster set");
      await named;
      const item = await rosterItem(alice, b.jid);
      ctx.expect(item?.attrs.name, "name").to.equal("Bob");
      ctx.expect(item?.attrs.ask, "ask (the request is still pending)").to.equal("subscribe");
    },
  },
  {
    id: "rfc6121/3.1.2/malformed-to-error",
    title: "a request whose 'to' is not a valid JID is refused with a presence error and not pushed",
    requirements: ["RFC6121-3.1.2-2", "RFC6121-3.1.2-8", "RFC6121-3.1.2-4"],
    accounts: 1,
    async run(ctx) {
      const alice = await ctx.login(ctx.accounts[0], { roster: true, presence: true });
      const to = `nobody@@${ctx.domain}`;
      const err = alice.expect((el) => el.name === "presence" && el.attrs.type === "error");
      err.catch(() => {});
      await alice.send(sub("subscribe", to, { id: "malformed-sub" }));
      const e = await err;
      if (e.attrs.id !== "malformed-sub")
        throw new Violation(`the error does not carry the request's id: ${e}`);
      await alice.expectNothing(
        (el) => el.name === "iq" && el.attrs.type === "set" && el.toString().includes("nobody@@"),
        "a request that was not routed must not be pushed",
      );
    },
  },
  {
    id: "rfc6121/3.1.2/unroutable-domain-error",
    title: "a request to a domain that cannot be reached comes back as a presence error",
    requirements: ["RFC6121-3.1.2-8"],
    accounts: 1,
    async run(ctx) {
      const alice = await ctx.login(ctx.accounts[0], { roster: true, presence: true });
      const to = `nobody@nonexistent-${Date.now().toString(36)}.invalid`;
      const err = alice.expect(
        (el) => el.name === "presence" && el.attrs.type === "error" && bareOf(el.attrs.from) === to,
        Math.max(alice.timeoutMs, 20_000),
      );
      err.catch(() => {});
      await alice.send(sub("subscribe", to));
      await err;
    },
  },
]);

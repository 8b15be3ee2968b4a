// RFC 6121 §3.1.3 rules 4-5, §3.3.3: a request for a contact with no available resource is kept whole,
// delivered (once per user) whenever the contact creates an available resource until answered, and
// forgotten when withdrawn or answered. "Again" is observed on a second, concurrent resource: no
// disconnects are needed (some servers misbehave on quick reconnects, see the real-servers notes).
import { Violation } from "../../harness/errors.ts";
import type { Account } from "../../harness/runner/accounts.ts";
import { section } from "../../harness/runner/case.ts";
import type { CaseContext } from "../../harness/runner/context.ts";
import type { Session } from "../../harness/session.ts";
import { type Element, xml } from "../../harness/xml/element.ts";
import { arrived, presenceFrom, pushFor, sub } from "./roster-helpers.ts";

/** The user asks `contact` (not logged in) for a subscription; returns once the ask push proves it routed. */
async function askOffline(user: Session, contact: Account, request?: Element): Promise<void> {
  const push = pushFor(user, contact.jid, (i) => i.attrs.ask === "subscribe");
  await user.send(request ?? sub("subscribe", contact.jid));
  await push;
}

/** The contact logs in (available, interested) and collects the requests from `from` delivered by then. */
async function loginAndCollect(
  ctx: CaseContext,
  contact: Account,
  from: string,
): Promise<[Session, Element[]]> {
  const s = await ctx.login(contact, { roster: true, presence: true });
  return [s, await arrived(s, presenceFrom(from, "subscribe"))];
}

export default section("rfc6121", "3", "Managing Presence Subscriptions: stored requests", [
  {
    id: "rfc6121/3.1.3/offline-request-delivered-at-login",
    title: "a request for a contact with no available resource is delivered when the contact comes online",
    requirements: ["RFC6121-3.1.3-11"],
    accounts: 2,
    async run(ctx) {
      const [a, b] = ctx.accounts;
      const alice = await ctx.login(a, { roster: true, presence: true });
      await askOffline(alice, b);
      const [, got] = await loginAndCollect(ctx, b, a.jid);
      if (got.length === 0) throw new Violation("the stored request was not delivered at login");
    },
  },
  {
    id: "rfc6121/3.1.3/offline-request-kept-whole",
    title: "the stored request keeps its extended content (<status/> and an extension element)",
    requirements: ["RFC6121-3.1.3-11"],
    accounts: 2,
    async run(ctx) {
      const [a, b] = ctx.accounts;
      const alice = await ctx.login(a, { roster: true, presence: true });
      const request = xml(
        "presence",
        { to: b.jid, type: "subscribe" },
        xml("status", {}, "it's Alice"),
        xml("x", { xmlns: "urn:example:xmppspec:sub" }, "kept"),
      );
      await askOffline(alice, b, request);
      const [, got] = await loginAndCollect(ctx, b, a.jid);
      if (got.length === 0) throw new Violation("the stored request was not delivered at login");
      const r = got[0];
      if (r.getChildText("status") !== "it's Alice") throw new Violation(`the <status/> was lost: ${r}`);
      if (r.getChild("x", "urn:example:xmppspec:sub")?.getText() !== "kept")
        throw new Violation(`the extension element was lost: ${r}`);
    },
  },
  {
    id: "rfc6121/3.1.3/offline-request-redelivered",
    title: "an unanswered stored request is delivered again to each available resource the contact creates",
    requirements: ["RFC6121-3.1.3-12"],
    accounts: 2,
    async run(ctx) {
      const [a, b] = ctx.accounts;
      const alice = await ctx.login(a, { roster: true, presence: true });
      await askOffline(alice, b);
      const [, got] = await loginAndCollect(ctx, b, a.jid);
      if (got.length === 0) throw new Violation("the stored request was not delivered at login");
      const [, again] = await loginAndCollect(ctx, b, a.jid);
      if (again.length === 0)
        throw new Violation("the unanswered request was not delivered to the new available resource");
    },
  },
  {
    id: "rfc6121/3.1.3/online-request-redelivered",
    title: "a request the available contact ignored is delivered again to a new available resource",
    requirements: ["RFC6121-3.1.3-12"],
    accounts: 2,
    async run(ctx) {
      const [a, b] = ctx.accounts;
      const [alice, bob] = await Promise.all([
        ctx.login(a, { roster: true, presence: true }),
        ctx.login(b, { roster: true, presence: true }),
      ]);
      const req = bob.expect(presenceFrom(a.jid, "subscribe"));
      req.catch(() => {});
      await alice.send(sub("subscribe", b.jid));
      await req;
      const [, again] = await loginAndCollect(ctx, b, a.jid);
      if (again.length === 0)
        throw new Violation("the unanswered request was not delivered to the new available resource");
    },
  },
  {
    id: "rfc6121/3.1.3/offline-requests-delivered-once",
    title: "two requests sent while the contact was offline are delivered as one",
    requirements: ["RFC6121-3.1.3-13", "RFC6121-3.1.3-11"],
    accounts: 2,
    async run(ctx) {
      const [a, b] = ctx.accounts;
      const alice = await ctx.login(a, { roster: true, presence: true });
      await askOffline(alice, b);
      await alice.send(sub("subscribe", b.jid, { id: "second-request" }));
      await alice.barrier();
      const [, got] = await loginAndCollect(ctx, b, a.jid);
      if (got.length === 0) throw new Violation("the stored request was not delivered at login");
      ctx.expect(got.length, "subscription requests from the user delivered at login").to.equal(1);
    },
  },
  {
    id: "rfc6121/3.3.3/unsubscribe-withdraws-stored-request",
    title: "an 'unsubscribe' after an undelivered request withdraws it: the contact never sees the request",
    requirements: ["RFC6121-3.3.3-6", "RFC6121-3.3.2-5"],
    accounts: 2,
    async run(ctx) {
      const [a, b] = ctx.accounts;
      const alice = await ctx.login(a, { roster: true, presence: true });
      await askOffline(alice, b);
      const cleared = pushFor(alice, b.jid, (i) => !i.attrs.ask);
      await alice.send(sub("unsubscribe", b.jid));
      await cleared;
      const [, got] = await loginAndCollect(ctx, b, a.jid);
      if (got.length > 0) throw new Violation(`the withdrawn request was still delivered: ${got[0]}`);
    },
  },
  {
    id: "rfc6121/3.1.3/denied-request-not-redelivered",
    title: "a request the contact denied ('unsubscribed') is not delivered to a new available resource",
    requirements: ["RFC6121-3.1.3-12", "RFC6121-A.2.4-NonePPendingIn"],
    accounts: 2,
    async run(ctx) {
      const [a, b] = ctx.accounts;
      const [alice, bob] = await Promise.all([
        ctx.login(a, { roster: true, presence: true }),
        ctx.login(b, { roster: true, presence: true }),
      ]);
      const req = bob.expect(presenceFrom(a.jid, "subscribe"));
      req.catch(() => {});
      await alice.send(sub("subscribe", b.jid));
      await req;
      const denied = alice.expect(presenceFrom(b.jid, "unsubscribed"));
      denied.catch(() => {});
      await bob.send(sub("unsubscribed", a.jid));
      await denied;
      const [, again] = await loginAndCollect(ctx, b, a.jid);
      if (again.length > 0) throw new Violation(`the denied request was delivered again: ${again[0]}`);
    },
  },
]);

// RFC 6121 §2.6: roster versioning, for targets that advertise <ver xmlns='urn:xmpp:features:rosterver'/>.
import { Violation } from "../../harness/errors.ts";
import { section } from "../../harness/runner/case.ts";
import type { CaseContext } from "../../harness/runner/context.ts";
import type { Session } from "../../harness/session.ts";
import { type Element, NS, xml } from "../../harness/xml/element.ts";
import { rosterGet, rosterSet, twoOnline } from "../helpers.ts";
import {
  freshJid,
  hasChildNs,
  itemFor,
  lc,
  NS_ROSTERVER,
  pushFor,
  requireRosterVer,
  sub,
  subOf,
} from "./roster-helpers.ts";

function versionedGet(ver: string): Element {
  return xml("iq", { type: "get" }, xml("query", { xmlns: NS.roster, ver }));
}

/** Log in and skip unless the target advertises roster versioning. */
async function versioned(ctx: CaseContext, i = 0): Promise<Session> {
  const s = await ctx.login(ctx.accounts[i]);
  requireRosterVer(ctx, s);
  return s;
}

/** A versioned roster get that must return the complete roster with its version; returns the version. */
async function fullRoster(s: Session, ver: string): Promise<{ ver: string; result: Element }> {
  const r = await s.iqResult(versionedGet(ver), "versioned roster get");
  const q = r.getChild("query", NS.roster);
  if (!q) throw new Violation(`a roster get with ver='${ver}' must return the complete roster here`);
  if (q.attrs.ver === undefined) throw new Violation("the complete roster carries no 'ver' attribute");
  return { ver: q.attrs.ver, result: r };
}

/**
 * After a get with an out-of-date version: either the complete roster (which must show `check` for `jid`)
 * or an empty result followed by an interim push for `jid` that shows it (§2.6.3).
 */
async function catchesUp(
  s: Session,
  ver: string,
  jid: string,
  check: (i?: Element) => boolean,
): Promise<Element> {
  const push = pushFor(s, jid);
  const r = await s.iqResult(versionedGet(ver), "versioned roster get");
  const q = r.getChild("query", NS.roster);
  if (q) {
    if (!check(itemFor(r, jid)))
      throw new Violation(`the complete roster does not reflect the change to ${jid}`);
    return r;
  }
  const p = await push.catch(() => {
    throw new Violation(`an empty result to an out-of-date ver, but no interim push for ${jid}`);
  });
  if (!check(itemFor(p, jid))) throw new Violation(`the interim push does not reflect the change to ${jid}`);
  return r;
}

export default section("rfc6121", "2", "Managing the Roster: versioning", [
  {
    id: "rfc6121/2.6.1/ver-implies-feature",
    title: "a server whose roster results carry 'ver' advertises the roster versioning stream feature",
    requirements: ["RFC6121-2.6.1-1"],
    accounts: 1,
    async run(ctx) {
      const s = await ctx.login(ctx.accounts[0]);
      // a plain get: a client MUST NOT send 'ver' unless the feature is advertised (§2.6.2), and the
      // server SHOULD include 'ver' anyway (§2.6.3)
      const r = await s.iqResult(rosterGet(), "roster get");
      const ver = r.getChild("query", NS.roster)?.attrs.ver;
      const advertised = hasChildNs(s.features, NS_ROSTERVER);
      // neither a 'ver' nor the feature: the target does not version rosters, nothing to check
      ctx.require(ver !== undefined || advertised, "the target shows no sign of roster versioning");
      if (!advertised)
        throw new Violation(
          `roster results carry ver='${ver}' but <ver xmlns='${NS_ROSTERVER}'/> is not advertised`,
        );
    },
  },
  {
    id: "rfc6121/2.6.3/bootstrap-empty-ver",
    title: "a roster get with ver='' returns the complete roster with a 'ver'",
    requirements: ["RFC6121-2.6.3-1"],
    accounts: 1,
    async run(ctx) {
      const s = await versioned(ctx);
      const jid = freshJid(ctx.domain, "boot");
      await s.iqResult(rosterSet(jid, { name: "b" }), "roster set");
      const { result } = await fullRoster(s, "");
      if (!itemFor(result, jid)) throw new Violation("the complete roster lacks the item just added");
    },
  },
  {
    id: "rfc6121/2.6.3/current-ver",
    title: "a roster get with the current version gets an empty result or the complete roster",
    requirements: ["RFC6121-2.6.3-1"],
    accounts: 1,
    async run(ctx) {
      const s = await versioned(ctx);
      const jid = freshJid(ctx.domain, "cur");
      await s.iqResult(rosterSet(jid), "roster set");
      const { ver } = await fullRoster(s, "");
      const r = await s.iqResult(versionedGet(ver), "roster get with the current ver");
      const q = r.getChild("query", NS.roster);
      // "either return the complete roster ... or return an empty IQ-result"
      if (q && !itemFor(r, jid)) throw new Violation("a roster result with <query/> that is not complete");
      if (q && q.attrs.ver === undefined) throw new Violation("the complete roster carries no 'ver'");
    },
  },
  {
    id: "rfc6121/2.6.3/stale-ver-added",
    title: "after an item was added, a get with the older version yields the item (roster or interim push)",
    requirements: ["RFC6121-2.6.3-3", "RFC6121-2.6.3-1"],
    accounts: 1,
    async run(ctx) {
      const s = await versioned(ctx);
      const { ver } = await fullRoster(s, "");
      const jid = freshJid(ctx.domain, "stale");
      await s.iqResult(rosterSet(jid, { name: "new" }), "roster set");
      const later = await ctx.login(ctx.accounts[0]);
      await catchesUp(later, ver, jid, (i) => i?.attrs.name === "new");
    },
  },
  {
    id: "rfc6121/2.6.3/stale-ver-removed",
    title: "after an item was removed, a get with the older version shows it gone (roster or interim push)",
    requirements: ["RFC6121-2.6.3-3", "RFC6121-2.6.3-1"],
    accounts: 1,
    async run(ctx) {
      const s = await versioned(ctx);
      const jid = freshJid(ctx.domain, "stale-rm");
      await s.iqResult(rosterSet(jid), "roster set");
      const { ver } = await fullRoster(s, "");
      await s.iqResult(rosterSet(jid, { subscription: "remove" }), "roster remove");
      const later = await ctx.login(ctx.accounts[0]);
      const push = pushFor(later, jid);
      const r = await later.iqResult(versionedGet(ver), "versioned roster get");
      if (r.getChild("query", NS.roster)) {
        if (itemFor(r, jid)) throw new Violation("the complete roster still lists the removed item");
        return;
      }
      const p = await push.catch(() => {
        throw new Violation(`an empty result to an out-of-date ver, but no interim push for ${jid}`);
      });
      ctx.expect(itemFor(p, jid)?.attrs.subscription, "the interim push").to.equal("remove");
    },
  },
  {
    id: "rfc6121/2.6.3/push-carries-ver",
    title: "every roster push carries a version, unique and different from the roster's before the change",
    requirements: ["RFC6121-2.6.3-6", "RFC6121-2.6.3-7"],
    accounts: 1,
    async run(ctx) {
      const s = await versioned(ctx);
      const { ver } = await fullRoster(s, "");
      const seen = [ver];
      for (const n of [1, 2]) {
        const jid = freshJid(ctx.domain, `v${n}`);
        const push = pushFor(s, jid);
        await s.iqResult(rosterSet(jid), "roster set");
        const v = (await push).getChild("query", NS.roster)?.attrs.ver;
        if (v === undefined) throw new Violation("a roster push carries no 'ver' although versioning is on");
        if (seen.includes(v)) throw new Violation(`the push repeats the version '${v}'`);
        seen.push(v);
      }
    },
  },
  {
    id: "rfc6121/2.6.3/subscription-push-carries-ver",
    title: "a push caused by a subscription change (the contact approving) carries a version too",
    requirements: ["RFC6121-2.6.3-6"],
    accounts: 2,
    async run(ctx) {
      const [a, b] = ctx.accounts;
      const [alice, bob] = await twoOnline(ctx);
      requireRosterVer(ctx, alice);
      const req = bob.expect((el) => el.name === "presence" && el.attrs.type === "subscribe");
      req.catch(() => {});
      await alice.send(sub("subscribe", b.jid));
      await req;
      const push = pushFor(alice, b.jid, (i) => subOf(i) === "to");
      await bob.send(sub("subscribed", a.jid));
      if ((await push).getChild("query", NS.roster)?.attrs.ver === undefined)
        throw new Violation("the roster push for the new subscription carries no 'ver'");
    },
  },
  {
    id: "rfc6121/2.1.1/ver-made-by-server",
    title: "a version the client made up is not adopted: the answer brings the roster up to date",
    requirements: ["RFC6121-2.1.1-1", "RFC6121-2.6.3-1"],
    accounts: 1,
    async run(ctx) {
      const s = await versioned(ctx);
      const jid = freshJid(ctx.domain, "made");
      await s.iqResult(rosterSet(jid, { name: "m" }), "roster set");
      const invented = `client-made-${Date.now()}`;
      const later = await ctx.login(ctx.accounts[0]);
      const r = await catchesUp(later, invented, jid, (i) => i?.attrs.name === "m");
      const v = r.getChild("query", NS.roster)?.attrs.ver;
      if (v !== undefined && lc(v) === lc(invented))
        throw new Violation("the server returned the client's invented string as the roster version");
    },
  },
]);

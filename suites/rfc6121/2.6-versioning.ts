// RFC 6121 §2.6 (and the 'ver' attribute of §2.1.1): roster versioning, for targets that advertise
// <ver xmlns='urn:xmpp:features:rosterver'/>.

import { Violation } from "../../harness/errors.ts";
import {
  type CaseContext,
  type CaseSpec,
  type Client,
  type Element,
  freshJid,
  itemFor,
  lc,
  NS,
  NS_ROSTERVER,
  needingOptional,
  offersFeature,
  requestSubscription,
  requireOptional,
  rosterGet,
  rosterPush,
  rosterRemove,
  rosterSet,
  section,
  subscription,
  xml,
} from "../kit/index.ts";

function versionedGet(ver: string): Element {
  return xml("iq", { type: "get" }, xml("query", { xmlns: NS.roster, ver }));
}

/** The 'ver' of a roster result or push (undefined when it has none). */
const verOf = (el: Element) => el.getChild("query", NS.roster)?.attrs.ver;

/** A versioned roster get that must return the complete roster with its version. */
async function fullRoster(s: Client, ver: string): Promise<{ ver: string; result: Element }> {
  const r = await s.iqResult(versionedGet(ver), "versioned roster get");
  if (!r.getChild("query", NS.roster))
    throw new Violation(`a roster get with ver='${ver}' must return the complete roster here`);
  const v = verOf(r);
  if (v === undefined) throw new Violation("the complete roster carries no 'ver' attribute");
  return { ver: v, result: r };
}

/**
 * A get with an out-of-date version from a new session of alice: the answer is either the complete
 * roster, or an empty result followed by an interim push for `jid` (§2.6.3). `shows` must hold for
 * the item (undefined: none) in whichever came. Returns the result.
 */
async function catchesUp(
  ctx: CaseContext,
  ver: string,
  jid: string,
  shows: (item: Element | undefined, came: "roster" | "push") => boolean,
): Promise<Element> {
  const later = await ctx.login("alice");
  const push = later.expect(rosterPush(jid));
  const r = await later.iqResult(versionedGet(ver), "versioned roster get");
  if (r.getChild("query", NS.roster)) {
    if (!shows(itemFor(r, jid), "roster"))
      throw new Violation(`the complete roster does not reflect the change to ${jid}`);
    return r;
  }
  const p = await push.catch(() => {
    throw new Violation(`an empty result to an out-of-date ver, but no interim push for ${jid}`);
  });
  if (!shows(itemFor(p, jid), "push"))
    throw new Violation(`the interim push does not reflect the change to ${jid}`);
  return r;
}

/** An item added and removed: the roster has been stored, as a pooled account's always has. */
async function giveHistory(ctx: CaseContext, alice: Client): Promise<void> {
  const jid = freshJid(ctx.domain, "history");
  await alice.iqResult(rosterSet(jid), "roster set");
  await alice.iqResult(rosterRemove(jid), "roster remove");
}

/** An item added after the version was read: a get with that version yields it (§2.6.3). */
async function staleVerAdded(ctx: CaseContext, alice: Client): Promise<void> {
  const { ver } = await fullRoster(alice, "");
  const jid = freshJid(ctx.domain, "stale");
  await alice.iqResult(rosterSet(jid, { name: "new" }), "roster set");
  await catchesUp(ctx, ver, jid, (i) => i?.attrs.name === "new");
}

/** Two pushes: each carries a 'ver' seen neither on the roster read before nor on the other push. */
async function pushesCarryNewVersions(ctx: CaseContext, alice: Client): Promise<void> {
  const { ver } = await fullRoster(alice, "");
  const seen = [ver];
  for (const n of [1, 2]) {
    const jid = freshJid(ctx.domain, `v${n}`);
    const push = alice.expect(rosterPush(jid));
    await alice.iqResult(rosterSet(jid), "roster set");
    const v = verOf(await push);
    if (v === undefined) throw new Violation("a roster push carries no 'ver' although versioning is on");
    if (seen.includes(v)) throw new Violation(`the push repeats the version '${v}'`);
    seen.push(v);
  }
}

/** The cases for one account on a target with versioning; the others check whether it is there. */
const VERSIONED: Omit<CaseSpec, "users">[] = [
  {
    id: "rfc6121/2.6.3/bootstrap-empty-ver",
    title: "a roster get with ver='' returns the complete roster with a 'ver'",
    requirements: ["RFC6121-2.6.3-1"],
    async run(ctx, { alice }) {
      const jid = freshJid(ctx.domain, "boot");
      await alice.iqResult(rosterSet(jid, { name: "b" }), "roster set");
      const { result } = await fullRoster(alice, "");
      if (!itemFor(result, jid)) throw new Violation("the complete roster lacks the item just added");
    },
  },
  {
    id: "rfc6121/2.6.3/current-ver",
    title: "a roster get with the current version gets an empty result or the complete roster",
    requirements: ["RFC6121-2.6.3-1"],
    async run(ctx, { alice }) {
      const jid = freshJid(ctx.domain, "cur");
      await alice.iqResult(rosterSet(jid), "roster set");
      const { ver } = await fullRoster(alice, "");
      const r = await alice.iqResult(versionedGet(ver), "roster get with the current ver");
      const q = r.getChild("query", NS.roster);
      // "either return the complete roster ... or return an empty IQ-result"
      if (q && !itemFor(r, jid)) throw new Violation("a roster result with <query/> that is not complete");
      if (q && q.attrs.ver === undefined) throw new Violation("the complete roster carries no 'ver'");
    },
  },
  // The roster's first version: a brand-new account's roster, never stored before (a pooled account's
  // always has a history, so these two run on new accounts only, and have twins on a used roster).
  {
    id: "rfc6121/2.6.3/stale-ver-added",
    title: "on a brand-new roster, after an item was added a get with the first version yields the item",
    requirements: ["RFC6121-2.6.3-3", "RFC6121-2.6.3-1"],
    needs: ["new-accounts"],
    run: (ctx, { alice }) => staleVerAdded(ctx, alice),
  },
  {
    id: "rfc6121/2.6.3/stale-ver-added-used-roster",
    title: "on a roster with a history, after an item was added a get with the older version yields the item",
    requirements: ["RFC6121-2.6.3-3", "RFC6121-2.6.3-1"],
    async run(ctx, { alice }) {
      await giveHistory(ctx, alice);
      await staleVerAdded(ctx, alice);
    },
  },
  {
    id: "rfc6121/2.6.3/stale-ver-removed",
    title: "after an item was removed, a get with the older version shows it gone (roster or interim push)",
    requirements: ["RFC6121-2.6.3-3", "RFC6121-2.6.3-1"],
    async run(ctx, { alice }) {
      const jid = freshJid(ctx.domain, "stale-rm");
      await alice.iqResult(rosterSet(jid), "roster set");
      const { ver } = await fullRoster(alice, "");
      await alice.iqResult(rosterRemove(jid), "roster remove");
      // gone from a complete roster, or an interim push that removes it
      await catchesUp(ctx, ver, jid, (i, came) =>
        came === "roster" ? i === undefined : i?.attrs.subscription === "remove",
      );
    },
  },
  {
    id: "rfc6121/2.6.3/push-carries-ver",
    title: "on a brand-new roster, every roster push carries a version, unique and unlike the first one",
    requirements: ["RFC6121-2.6.3-6", "RFC6121-2.6.3-7"],
    needs: ["new-accounts"],
    run: (ctx, { alice }) => pushesCarryNewVersions(ctx, alice),
  },
  {
    id: "rfc6121/2.6.3/push-carries-ver-used-roster",
    title:
      "on a roster with a history, every roster push carries a version, unique and unlike the one before",
    requirements: ["RFC6121-2.6.3-6", "RFC6121-2.6.3-7"],
    async run(ctx, { alice }) {
      await giveHistory(ctx, alice);
      await pushesCarryNewVersions(ctx, alice);
    },
  },
  {
    id: "rfc6121/2.1.1/ver-made-by-server",
    title: "a version the client made up is not adopted: the answer brings the roster up to date",
    requirements: ["RFC6121-2.1.1-1", "RFC6121-2.6.3-1"],
    async run(ctx, { alice }) {
      const jid = freshJid(ctx.domain, "made");
      await alice.iqResult(rosterSet(jid, { name: "m" }), "roster set");
      const invented = `client-made-${Date.now()}`;
      const v = verOf(await catchesUp(ctx, invented, jid, (i) => i?.attrs.name === "m"));
      if (v !== undefined && lc(v) === lc(invented))
        throw new Violation("the server returned the client's invented string as the roster version");
    },
  },
];

export default section("rfc6121", "2.6", "Roster Versioning", [
  {
    id: "rfc6121/2.6.1/ver-implies-feature",
    title: "a server whose roster results carry 'ver' advertises the roster versioning stream feature",
    requirements: ["RFC6121-2.6.1-1"],
    users: ["alice"],
    async run(ctx, { alice }) {
      // a plain get: a client MUST NOT send 'ver' unless the feature is advertised (§2.6.2), and the
      // server SHOULD include 'ver' anyway (§2.6.3)
      const ver = verOf(await alice.iqResult(rosterGet(), "roster get"));
      const advertised = offersFeature(alice.features, NS_ROSTERVER);
      // neither a 'ver' nor the feature: the target does not version rosters, nothing to check
      ctx.require(ver !== undefined || advertised, "the target shows no sign of roster versioning");
      if (!advertised)
        throw new Violation(
          `roster results carry ver='${ver}' but <ver xmlns='${NS_ROSTERVER}'/> is not advertised`,
        );
    },
  },
  {
    id: "rfc6121/2.6.3/subscription-push-carries-ver",
    title: "a push caused by a subscription change (the contact approving) carries a version too",
    requirements: ["RFC6121-2.6.3-6"],
    users: ["alice:online", "bob:online"],
    async run(ctx, { alice, bob }) {
      requireOptional(ctx, alice, "rosterver");
      await requestSubscription(alice, bob);
      const push = alice.expect(rosterPush(bob.bare, "to"));
      await bob.send(subscription("subscribed", alice.bare));
      if (verOf(await push) === undefined)
        throw new Violation("the roster push for the new subscription carries no 'ver'");
    },
  },
  ...needingOptional("rosterver", "alice", ["alice"], VERSIONED),
]);

// RFC 6121 §2.1.5, §2.3.3: roster sets the server must refuse, and access to another account's roster.
import { Violation } from "../../harness/errors.ts";
import { section } from "../../harness/runner/case.ts";
import type { Session } from "../../harness/session.ts";
import { type Element, NS, xml } from "../../harness/xml/element.ts";
import { assertStanzaError, DEFAULT_ERROR_TYPE, rosterGet, rosterSet } from "../helpers.ts";
import { freshJid, isPushFor, rosterItem } from "./roster-helpers.ts";

/** Where the RFC asks only for "a stanza error", every defined condition is acceptable. */
const ANY = Object.keys(DEFAULT_ERROR_TYPE);

function querySet(...children: Element[]): Element {
  return xml("iq", { type: "set" }, xml("query", { xmlns: NS.roster }, ...children));
}

/** The set must be refused with one of `allowed`, and no push about `jid` may follow. */
async function refused(s: Session, set: Element, allowed: string[], jid?: string): Promise<void> {
  assertStanzaError(await s.iq(set), allowed);
  if (jid) await s.expectNothing(isPushFor(jid), "a refused roster set must not change the roster");
}

/**
 * A value beyond a server-configured limit: the server either refuses it with <not-acceptable/> (its
 * limit is lower) or accepts it, and then returns what it stored, which must be what was sent.
 */
async function limitOrStored(
  s: Session,
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

export default section("rfc6121", "2", "Managing the Roster: errors", [
  {
    id: "rfc6121/2.3.3/two-items",
    title: "a roster set with two items gets <bad-request/>",
    requirements: ["RFC6121-2.1.5-1", "RFC6121-2.3.3-3"],
    accounts: 1,
    async run(ctx) {
      const s = await ctx.login(ctx.accounts[0], { roster: true });
      const a = freshJid(ctx.domain, "a");
      await refused(
        s,
        querySet(xml("item", { jid: a }), xml("item", { jid: freshJid(ctx.domain, "b") })),
        ["bad-request"],
        a,
      );
    },
  },
  {
    id: "rfc6121/2.1.5/no-item",
    title: "a roster set whose <query/> holds no <item/> gets a stanza error",
    requirements: ["RFC6121-2.1.5-1", "RFC6121-2.3.3-1"],
    accounts: 1,
    async run(ctx) {
      const s = await ctx.login(ctx.accounts[0]);
      // "one and only one <item/>": any stanza error is the right answer to none
      assertStanzaError(await s.iq(querySet()), ANY);
    },
  },
  {
    id: "rfc6121/2.3.3/duplicate-group",
    title: "a roster set naming the same group twice gets <bad-request/>",
    requirements: ["RFC6121-2.3.3-3", "RFC6121-2.3.3-1"],
    accounts: 1,
    async run(ctx) {
      const s = await ctx.login(ctx.accounts[0], { roster: true });
      const jid = freshJid(ctx.domain, "dup");
      await refused(s, rosterSet(jid, {}, ["Friends", "Work", "Friends"]), ["bad-request"], jid);
    },
  },
  {
    id: "rfc6121/2.3.3/empty-group",
    title: "a roster set with an empty <group/> gets <not-acceptable/>",
    requirements: ["RFC6121-2.3.3-4", "RFC6121-2.3.3-1"],
    accounts: 1,
    async run(ctx) {
      const s = await ctx.login(ctx.accounts[0], { roster: true });
      const jid = freshJid(ctx.domain, "emptygrp");
      await refused(s, querySet(xml("item", { jid }, xml("group", {}))), ["not-acceptable"], jid);
    },
  },
  {
    id: "rfc6121/2.3.3/long-name",
    title: "a 3000-character name is refused with <not-acceptable/> or stored and returned unmodified",
    requirements: ["RFC6121-2.3.3-4", "RFC6121-2-1"],
    accounts: 1,
    async run(ctx) {
      const s = await ctx.login(ctx.accounts[0]);
      const jid = freshJid(ctx.domain, "longname");
      const name = "n".repeat(3000);
      await limitOrStored(s, jid, rosterSet(jid, { name }), (i) => i?.attrs.name === name);
    },
  },
  {
    id: "rfc6121/2.3.3/long-group",
    title: "a 3000-character group is refused with <not-acceptable/> or stored and returned unmodified",
    requirements: ["RFC6121-2.3.3-4", "RFC6121-2-1"],
    accounts: 1,
    async run(ctx) {
      const s = await ctx.login(ctx.accounts[0]);
      const jid = freshJid(ctx.domain, "longgroup");
      const group = "g".repeat(3000);
      await limitOrStored(s, jid, rosterSet(jid, {}, [group]), (i) => i?.getChildText("group") === group);
    },
  },
  {
    id: "rfc6121/2.1.2.3/item-without-jid",
    title: "a roster set whose <item/> has no 'jid' (REQUIRED) gets a stanza error",
    requirements: ["RFC6121-2.1.2.3-1", "RFC6121-2.3.3-1"],
    accounts: 1,
    async run(ctx) {
      const s = await ctx.login(ctx.accounts[0]);
      assertStanzaError(await s.iq(querySet(xml("item", { name: "nobody" }))), ANY);
    },
  },
  {
    id: "rfc6121/2.3.3/other-users-roster",
    title: "a roster set addressed to another account gets <forbidden/> and leaves its roster alone",
    requirements: ["RFC6121-2.1.5-3", "RFC6121-2.3.3-2", "RFC6121-2-2"],
    accounts: 2,
    async run(ctx) {
      const [a, b] = ctx.accounts;
      const [s, victim] = await Promise.all([ctx.login(a), ctx.login(b)]);
      const jid = freshJid(ctx.domain, "intruder");
      const set = rosterSet(jid);
      set.attrs.to = b.jid;
      // RFC 6120 §8.5.3.1-style answers for an IQ to another bare JID are accepted beside <forbidden/>
      assertStanzaError(await s.iq(set), ["forbidden", "service-unavailable", "not-allowed"]);
      if (await rosterItem(victim, jid)) throw new Violation("the other account's roster was changed");
    },
  },
  {
    id: "rfc6121/2/other-users-roster-get",
    title: "a roster get addressed to another account does not return that account's roster",
    requirements: ["RFC6121-2-2"],
    accounts: 2,
    async run(ctx) {
      const [a, b] = ctx.accounts;
      const [s, owner] = await Promise.all([ctx.login(a), ctx.login(b)]);
      const secret = freshJid(ctx.domain, "secret");
      await owner.iqResult(rosterSet(secret, { name: "secret" }), "owner's roster set");
      const get = rosterGet();
      get.attrs.to = b.jid;
      const reply = await s.iq(get);
      if (reply.attrs.type === "result" && reply.toString().includes(secret))
        throw new Violation("another account's roster was disclosed");
      // what else comes back is not specified: an error of any condition, or a result without the data
      if (reply.attrs.type !== "result") assertStanzaError(reply, ANY);
    },
  },
  {
    id: "rfc6121/2.3.3/malformed-jid",
    title: "a roster set for a JID that is not valid gets a stanza error and adds nothing",
    requirements: ["RFC6121-2.3.3-1", "RFC6121-2.1.2.3-1"],
    accounts: 1,
    async run(ctx) {
      const s = await ctx.login(ctx.accounts[0], { roster: true });
      const bad = `two@@at-signs@${ctx.domain}`;
      assertStanzaError(await s.iq(rosterSet(bad)), ANY);
      await s.expectNothing(
        (el) => el.name === "iq" && el.attrs.type === "set" && el.toString().includes("two@@"),
        "a refused roster set must not be pushed",
      );
    },
  },
]);

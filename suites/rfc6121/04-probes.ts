// RFC 6121 §4.3: presence probes and their answers — what a subscriber's new presence session learns
// (the last presence of every available resource, or unavailable), probes to a full JID, the 'id'.
import { Violation } from "../../harness/errors.ts";
import { section } from "../../harness/runner/case.ts";
import type { CaseContext } from "../../harness/runner/context.ts";
import type { Session } from "../../harness/session.ts";
import { type Element, xml } from "../../harness/xml/element.ts";
import { clip, markerBarrier } from "../helpers.ts";
import { availableFrom, bareOf, lc, presenceOf, sendPresence, subscribeTo } from "./presence-helpers.ts";

/** Bob subscribes to alice (both online, roster requested); returns [alice, bob]. */
async function bobFollowsAlice(ctx: CaseContext): Promise<[Session, Session]> {
  const [a, b] = ctx.accounts;
  const alice = await ctx.login(a, { roster: true, presence: true });
  const bob = await ctx.login(b, { roster: true, presence: true });
  await subscribeTo(bob, alice);
  return [alice, bob];
}

/**
 * A new session of bob's starts, then the old one ends: what the new one receives up to a barrier after its
 * initial presence. (New before old: a connection made right after a close meets jabberd2's reuse of the
 * closed session's socket number, see README "Real servers", which is not what these cases are about.)
 */
async function newBobSession(ctx: CaseContext, bob: Session): Promise<Session> {
  const bob2 = await ctx.login(ctx.accounts[1], { roster: true });
  await sendPresence(bob2);
  await bob2.barrier();
  await bob.close();
  return bob2;
}

/** The available presence of `from`'s full JID that `s` receives, or undefined when none comes in time. */
function arrival(s: Session, from: Session): Promise<Element | undefined> {
  return s.expect(availableFrom(from.jid!.toString())).catch(() => undefined);
}

/**
 * A probe may be answered by the contact's own session (ejabberd does so): a marker to the contact and
 * one back prove that any answer it sent is in the prober's inbox.
 */
async function roundTrip(prober: Session, contact: Session): Promise<void> {
  await markerBarrier(prober, contact);
  await markerBarrier(contact, prober);
}

export default section("rfc6121", "4", "Exchanging Presence Information", [
  {
    id: "rfc6121/4.3.2/probe-answer-every-resource-latest",
    title: "a subscriber's new session gets the last presence of each of the contact's available resources",
    requirements: ["RFC6121-4.3.2-9", "RFC6121-4.2.2-3", "RFC6121-12-7", "RFC6121-12-8"],
    accounts: 2,
    async run(ctx) {
      const [alice, bob] = await bobFollowsAlice(ctx);
      await sendPresence(alice, xml("status", {}, "first resource"));
      const alice2 = await ctx.login(ctx.accounts[0], { presence: true });
      await sendPresence(alice2, xml("status", {}, "second, updated"), xml("show", {}, "away"));
      const bob2 = await newBobSession(ctx, bob);
      // the answers may be sent from the contact's sessions, after bob2's barrier: wait for them
      const [one, two] = await Promise.all([alice, alice2].map((s) => arrival(bob2, s)));
      if (!one || !two)
        throw new Violation(
          `the new session did not get the presence of ${one ? "the second" : "the first"} resource`,
        );
      ctx.expect(one.getChildText("status"), "first resource's <status/>").to.equal("first resource");
      ctx
        .expect(two.getChildText("status"), "second resource's latest <status/>")
        .to.equal("second, updated");
      ctx.expect(two.getChildText("show"), "second resource's latest <show/>").to.equal("away");
    },
  },
  {
    id: "rfc6121/4.3.2.1/probe-answer-keeps-id",
    title: "the presence a probe is answered with keeps the 'id' of the contact's original presence",
    requirements: ["RFC6121-4.3.2.1-1"],
    accounts: 2,
    async run(ctx) {
      const [alice, bob] = await bobFollowsAlice(ctx);
      await alice.send(xml("presence", { id: "alice-pres-7" }, xml("status", {}, "with id")));
      await alice.barrier();
      const bob2 = await newBobSession(ctx, bob);
      const answer = await arrival(bob2, alice);
      if (!answer) throw new Violation("the new session did not get the contact's presence", true);
      if (answer.attrs.id !== "alice-pres-7")
        throw new Violation(`the answer should keep id 'alice-pres-7', has '${answer.attrs.id ?? ""}'`, true);
    },
  },
  {
    id: "rfc6121/4.3.2/probe-contact-offline",
    title:
      "a subscriber's new session learns a contact with no available resource is unavailable, never available",
    requirements: ["RFC6121-4.3.2-6", "RFC6121-4.3.2-1"],
    accounts: 2,
    async run(ctx) {
      const [alice, bob] = await bobFollowsAlice(ctx);
      const aliceBare = alice.jid!.bare().toString();
      const gone = bob.expect(presenceOf(aliceBare, "unavailable"));
      await alice.close();
      await gone;
      const bob2 = await newBobSession(ctx, bob);
      const leak = bob2.inbox.find(presenceOf(aliceBare));
      if (leak) throw new Violation(`an offline contact was reported available: ${clip(leak)}`);
      if (!bob2.inbox.some(presenceOf(aliceBare, "unavailable")))
        throw new Violation(
          "the probe for an offline contact should be answered with unavailable presence",
          true,
        );
    },
  },
  {
    id: "rfc6121/4.3.2/probe-to-full-jid",
    title: "a probe to one full JID of the contact is answered for that resource only",
    requirements: ["RFC6121-4.3.2-10", "RFC6121-4.3.2-11", "RFC6121-4.3-3"],
    accounts: 2,
    async run(ctx) {
      const [alice, bob] = await bobFollowsAlice(ctx);
      const alice2 = await ctx.login(ctx.accounts[0], { presence: true });
      await markerBarrier(alice2, bob);
      bob.inbox.splice(0);
      await bob.send(xml("presence", { to: alice.jid!.toString(), type: "probe", id: "full-probe" }));
      const answer = await arrival(bob, alice);
      if (answer) bob.inbox.unshift(answer);
      await roundTrip(bob, alice);
      const other = bob.inbox.find(
        (el) => el.name === "presence" && el.attrs.from === alice2.jid!.toString(),
      );
      if (other) throw new Violation(`the probe to one resource revealed another: ${clip(other)}`);
      const err = bob.inbox.find((el) => el.name === "presence" && el.attrs.type === "error");
      if (err) throw new Violation(`the probe alone caused an error: ${clip(err)}`);
      if (!bob.inbox.some(availableFrom(alice.jid!.toString())))
        throw new Violation(
          "the probe to an available, subscribed resource was not answered with its presence",
          true,
        );
    },
  },
  {
    id: "rfc6121/4.3.2/stranger-probe-unsubscribed-from-bare",
    title: "'unsubscribed' answering a stranger's probe comes from the contact's bare JID",
    requirements: ["RFC6121-4.3.2-3", "RFC6121-4.3.2-2"],
    accounts: 2,
    async run(ctx) {
      const [alice, mallory] = await Promise.all(
        ctx.accounts.map((acc) => ctx.login(acc, { presence: true })),
      );
      const bare = alice.jid!.bare().toString();
      await mallory.send(xml("presence", { to: bare, type: "probe", id: "stranger-probe" }));
      await roundTrip(mallory, alice);
      for (const el of mallory.inbox.filter(
        (e: Element) => e.name === "presence" && bareOf(e.attrs.from) === lc(bare),
      )) {
        if (el.attrs.type === "unsubscribed" && lc(el.attrs.from) !== lc(bare))
          throw new Violation(`'unsubscribed' came from a full JID (a presence leak): ${clip(el)}`);
        if (!el.attrs.type || el.attrs.type === "unavailable")
          throw new Violation(`a stranger's probe revealed presence: ${clip(el)}`);
      }
    },
  },
]);

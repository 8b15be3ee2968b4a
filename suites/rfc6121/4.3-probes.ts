// RFC 6121 §4.3: presence probes and their answers — what a subscriber's new presence session learns
// (the last presence of every available resource, or unavailable), what a stranger's probe must not
// reveal, probes to a full JID, and the 'id' an answer keeps.

import { Violation } from "../../harness/errors.ts";
import { matches } from "../../harness/match.ts";
import {
  type CaseContext,
  type Client,
  clip,
  type Element,
  lc,
  markerBarrier,
  presence,
  presenceFrom,
  presenceFromFull,
  roundTrip,
  section,
  sendPresence,
  withSubscriber,
  xml,
} from "../kit/index.ts";

/**
 * A new session of bob's starts, then the old one ends: what the new one receives up to a barrier after its
 * initial presence. (New before old: a connection made right after a close meets jabberd2's reuse of the
 * closed session's socket number, see README "Real servers", which is not what these cases are about.)
 */
async function newBobSession(ctx: CaseContext, bob: Client): Promise<Client> {
  const bob2 = await ctx.login("bob", { roster: true });
  await sendPresence(bob2);
  await bob2.barrier();
  await bob.close();
  return bob2;
}

/** The available presence of `from`'s full JID that `s` receives, or undefined when none comes in time. */
function arrival(s: Client, from: Client): Promise<Element | undefined> {
  return s.expect(presenceFromFull(from.full)).catch(() => undefined);
}

/** Presence from any resource of `bare` that reveals it: available or unavailable. */
const revealing = (bare: string) => (el: Element) =>
  matches(el, presenceFrom(bare, "*")) && (!el.attrs.type || el.attrs.type === "unavailable");

export default section("rfc6121", "4.3", "Presence Probes", [
  withSubscriber({
    id: "rfc6121/4.3.2/probe-answer-every-resource-latest",
    title: "a subscriber's new session gets the last presence of each of the contact's available resources",
    requirements: ["RFC6121-4.3.2-9", "RFC6121-4.2.2-3", "RFC6121-12-7", "RFC6121-12-8", "RFC6121-4.3.2-1"],
    async run(ctx, { alice, bob }) {
      await sendPresence(alice, xml("status", {}, "first resource"));
      const alice2 = await ctx.login("alice", { presence: true });
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
  }),
  withSubscriber({
    id: "rfc6121/4.3.2.1/probe-answer-keeps-id",
    title: "the presence a probe is answered with keeps the 'id' of the contact's original presence",
    requirements: ["RFC6121-4.3.2.1-1"],
    async run(ctx, { alice, bob }) {
      await alice.send(presence({ id: "alice-pres-7", status: "with id" }));
      await alice.barrier();
      const bob2 = await newBobSession(ctx, bob);
      const answer = await arrival(bob2, alice);
      if (!answer) {
        ctx.should(false, "the new session did not get the contact's presence");
        return;
      }
      ctx.should(
        answer.attrs.id === "alice-pres-7",
        `the answer should keep id 'alice-pres-7', has '${answer.attrs.id ?? ""}'`,
      );
    },
  }),
  withSubscriber({
    id: "rfc6121/4.3.2/probe-contact-offline",
    title:
      "a subscriber's new session learns a contact with no available resource is unavailable, never available",
    requirements: ["RFC6121-4.3.2-6", "RFC6121-4.3.2-1"],
    async run(ctx, { alice, bob }) {
      const gone = bob.expect(presenceFrom(alice.bare, "unavailable"));
      await alice.close();
      await gone;
      const bob2 = await newBobSession(ctx, bob);
      const leak = bob2.inbox.find((el) => matches(el, presenceFrom(alice.bare)));
      if (leak) throw new Violation(`an offline contact was reported available: ${clip(leak)}`);
      ctx.should(
        bob2.inbox.some((el) => matches(el, presenceFrom(alice.bare, "unavailable"))),
        "the probe for an offline contact should be answered with unavailable presence",
      );
    },
  }),
  withSubscriber({
    id: "rfc6121/4.3.2/probe-to-full-jid",
    title: "a probe to one full JID of the contact is answered for that resource only",
    requirements: ["RFC6121-4.3.2-10", "RFC6121-4.3.2-11", "RFC6121-4.3-3"],
    async run(ctx, { alice, bob }) {
      const alice2 = await ctx.login("alice", { presence: true });
      await markerBarrier(alice2, bob);
      bob.inbox.splice(0);
      await bob.send(presence({ to: alice.full, type: "probe", id: "full-probe" }));
      const answer = await arrival(bob, alice);
      if (answer) bob.inbox.unshift(answer);
      await roundTrip(bob, alice);
      const other = bob.inbox.find((el) => el.name === "presence" && el.attrs.from === alice2.full);
      if (other) throw new Violation(`the probe to one resource revealed another: ${clip(other)}`);
      const err = bob.inbox.find((el) => el.name === "presence" && el.attrs.type === "error");
      if (err) throw new Violation(`the probe alone caused an error: ${clip(err)}`);
      ctx.should(
        bob.inbox.some((el) => matches(el, presenceFromFull(alice.full))),
        "the probe to an available, subscribed resource was not answered with its presence",
      );
    },
  }),
  {
    id: "rfc6121/4.3.2/stranger-probe-unsubscribed-from-bare",
    title:
      "a stranger's probe does not reveal the user's presence; an 'unsubscribed' answer comes from the bare JID",
    requirements: ["RFC6121-4.3.2-3", "RFC6121-4.3.2-2", "RFC6121-11-1"],
    users: ["alice:available", "mallory:available"],
    async run(_ctx, { alice, mallory }) {
      await mallory.send(presence({ to: alice.bare, type: "probe", id: "stranger-probe" }));
      await roundTrip(mallory, alice);
      for (const el of mallory.inbox.filter((e) => matches(e, presenceFrom(alice.bare, "*")))) {
        if (el.attrs.type === "unsubscribed" && lc(el.attrs.from) !== lc(alice.bare))
          throw new Violation(`'unsubscribed' came from a full JID (a presence leak): ${clip(el)}`);
        if (revealing(alice.bare)(el))
          throw new Violation(`a stranger's probe revealed presence: ${clip(el)}`);
      }
    },
  },
]);

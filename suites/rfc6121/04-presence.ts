// RFC 6121 §4: exchanging presence — initial broadcast, probes, unavailable on close, directed presence.
import { Violation } from "../../harness/errors.ts";
import { section } from "../../harness/runner/case.ts";
import type { CaseContext } from "../../harness/runner/context.ts";
import type { Session } from "../../harness/session.ts";
import { xml } from "../../harness/xml/element.ts";
import { clip, markerBarrier, twoOnline } from "../helpers.ts";
import { availableFrom, bareOf, lc, subscribeTo, unavailableFrom } from "./presence-helpers.ts";

export default section("rfc6121", "4", "Exchanging Presence Information", [
  {
    id: "rfc6121/4.2.2/initial-presence-broadcast",
    title:
      "initial presence goes from the full JID to subscribed contacts and to all of the user's available resources",
    requirements: ["RFC6121-4.2.2-1", "RFC6121-4.2.2-2", "RFC6120-15-34"],
    accounts: 2,
    async run(ctx) {
      const [a] = ctx.accounts;
      const [alice, bob] = await twoOnline(ctx);
      await subscribeTo(bob, alice); // bob has a subscription to alice's presence
      const second = await ctx.login(a, { roster: true });
      const full = second.jid!.toString();
      const atBob = bob.expect(availableFrom(full));
      const atFirst = alice.expect(availableFrom(full));
      const atSelf = second.expect(availableFrom(full));
      for (const p of [atBob, atFirst, atSelf]) p.catch(() => {});
      await second.send(xml("presence", {}, xml("status", {}, "second resource")));
      const got = await atBob;
      ctx
        .expect(got.getChildText("status"), "the broadcast carries the initial presence's <status/>")
        .to.equal("second resource");
      await atFirst;
      await atSelf;
    },
  },
  {
    id: "rfc6121/4.3.2/probe-answered-on-login",
    title: "a contact's new presence session learns the user's current presence (probe answered)",
    requirements: ["RFC6121-4.2.2-3", "RFC6121-4.3.2-1", "RFC6121-4.3.2-9"],
    accounts: 2,
    async run(ctx) {
      const [, b] = ctx.accounts;
      const [alice, bob] = await twoOnline(ctx);
      await subscribeTo(bob, alice);
      // a new session of bob's, without presence information about alice yet; the old one ends after it
      // (a connection made right after a close meets jabberd2's socket-number reuse, see README)
      const bob2 = await ctx.login(b, { roster: true });
      const answer = bob2.expect(availableFrom(alice.jid!.toString()));
      answer.catch(() => {});
      await bob2.send(xml("presence"));
      await answer;
      await bob.close();
    },
  },
  {
    id: "rfc6121/4.3.2/probe-without-subscription",
    title: "a presence probe from an entity without a subscription does not reveal the user's presence",
    requirements: ["RFC6121-11-1", "RFC6121-4.3.2-2"],
    accounts: 2,
    async run(ctx) {
      const [alice, mallory] = await twoOnline(ctx);
      const aliceBare = alice.jid!.bare().toString();
      await mallory.send(xml("presence", { to: aliceBare, type: "probe" }));
      // the probe and then a message take the same path; once the message is in, any probe answer is too
      await markerBarrier(mallory, alice);
      await mallory.barrier();
      // allowed answers: nothing, 'unsubscribed', or an error; not available/unavailable presence
      const leak = mallory.inbox.find(
        (el) =>
          el.name === "presence" &&
          bareOf(el.attrs.from) === lc(aliceBare) &&
          (!el.attrs.type || el.attrs.type === "unavailable"),
      );
      if (leak) throw new Violation(`the probe was answered with the user's presence: ${clip(leak)}`);
    },
  },
  {
    id: "rfc6121/4.5.2/unavailable-on-abrupt-disconnect",
    title: "a resource that drops its connection is announced unavailable to subscribed contacts",
    requirements: ["RFC6121-4.5.2-2", "RFC6121-4.5.2-6", "RFC6121-4.5.2-1"],
    accounts: 2,
    async run(ctx) {
      const [alice, bob] = await twoOnline(ctx);
      await subscribeTo(bob, alice);
      const full = alice.jid!.toString();
      const gone = bob.expect(unavailableFrom(full));
      gone.catch(() => {});
      alice.destroy();
      await gone;
    },
  },
  {
    id: "rfc6121/4.5.2/unavailable-on-stream-close",
    title:
      "a resource that closes its stream without unavailable presence is announced unavailable, without <show/> or <priority/>",
    requirements: ["RFC6121-4.5.2-2", "RFC6121-4.5.2-1", "RFC6121-4.5.1-3"],
    accounts: 2,
    async run(ctx) {
      const [a, b] = ctx.accounts;
      const alice = await ctx.login(a, { roster: true, presence: { show: "away", priority: 5 } });
      const bob = await ctx.login(b, { roster: true, presence: true });
      await subscribeTo(bob, alice);
      const full = alice.jid!.toString();
      const gone = bob.expect(unavailableFrom(full));
      gone.catch(() => {});
      await alice.close();
      const el = await gone;
      // §4.5.1: <show/> and <priority/> apply only to available resources
      for (const child of ["show", "priority"])
        if (el.getChild(child))
          throw new Violation(`the generated unavailable presence carries <${child}/>: ${clip(el)}`);
    },
  },
  ...(
    [
      ["unavailable", "goes offline", (s: Session) => s.send(xml("presence", { type: "unavailable" }))],
      ["disconnect", "disconnects", (s: Session) => s.destroy()],
    ] as const
  ).map(([name, how, leave]) => ({
    id: `rfc6121/4.6.3/directed-presence-then-${name}`,
    title: `an entity that got directed presence gets unavailable presence when the sending resource ${how}`,
    requirements: ["RFC6121-4.6.3-3"],
    accounts: 2,
    async run(ctx: CaseContext) {
      const [alice, carol] = await twoOnline(ctx);
      const full = alice.jid!.toString();
      await alice.send(xml("presence", { to: carol.jid!.toString(), id: `dir-${name}` }));
      await carol.expect(availableFrom(full));
      const gone = carol.expect(unavailableFrom(full));
      gone.catch(() => {});
      await leave(alice);
      await gone;
    },
  })),
]);

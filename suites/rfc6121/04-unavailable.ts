// RFC 6121 §4.5: unavailable presence — the full XML to subscribers and to the user's own resources, and
// a presence session that starts again after it.
import { section } from "../../harness/runner/case.ts";
import { type Element, xml } from "../../harness/xml/element.ts";
import { availableFrom, sendPresence, subscribeTo, unavailableFrom } from "./presence-helpers.ts";

export default section("rfc6121", "4", "Exchanging Presence Information", [
  {
    id: "rfc6121/4.5.2/unavailable-full-xml-to-every-contact-resource",
    title: "graceful unavailable presence reaches every resource of a subscriber with its <status/>",
    requirements: ["RFC6121-4.5.2-4", "RFC6121-4.5.2-2", "RFC6121-4.5.3-1", "RFC6121-12-13"],
    accounts: 2,
    async run(ctx) {
      const [a, b] = ctx.accounts;
      const alice = await ctx.login(a, { roster: true, presence: true });
      const bob1 = await ctx.login(b, { roster: true, presence: true });
      const bob2 = await ctx.login(b, { roster: true, presence: { priority: -5 } });
      await subscribeTo(bob1, alice);
      const full = alice.jid!.toString();
      const got = [bob1, bob2].map((s) => s.expect(unavailableFrom(full)));
      await alice.send(xml("presence", { type: "unavailable" }, xml("status", {}, "gone fishing")));
      for (const p of got) {
        const el: Element = await p;
        ctx
          .expect(el.getChildText("status"), "the unavailable presence's <status/>")
          .to.equal("gone fishing");
      }
    },
  },
  {
    id: "rfc6121/4.5.2/unavailable-to-own-resources",
    title: "a resource's unavailable presence reaches the user's other available resources",
    requirements: ["RFC6121-4.5.2-5"],
    accounts: 1,
    async run(ctx) {
      const [a] = ctx.accounts;
      const one = await ctx.login(a, { presence: true });
      const two = await ctx.login(a, { presence: true });
      const gone = two.expect(unavailableFrom(one.jid!.toString()));
      await one.send(xml("presence", { type: "unavailable" }));
      await gone;
    },
  },
  {
    id: "rfc6121/4.5.2/presence-after-unavailable-is-initial",
    title: "available presence after unavailable starts a new presence session: broadcast and probes again",
    requirements: ["RFC6121-4.5.2-7"],
    accounts: 2,
    async run(ctx) {
      const [a, b] = ctx.accounts;
      const alice = await ctx.login(a, { roster: true, presence: true });
      const bob = await ctx.login(b, { roster: true, presence: true });
      await subscribeTo(bob, alice);
      await subscribeTo(alice, bob);
      const full = alice.jid!.toString();
      const gone = bob.expect(unavailableFrom(full));
      await alice.send(xml("presence", { type: "unavailable" }));
      await gone;
      alice.inbox.splice(0);
      const back = bob.expect(availableFrom(full));
      const learns = alice.expect(availableFrom(bob.jid!.toString()));
      await sendPresence(alice);
      await back;
      await learns;
    },
  },
]);

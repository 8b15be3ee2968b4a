// RFC 6121 §4.6: directed presence — delivered, but no subscription and no place in later broadcasts;
// directed unavailable to a subscriber leaves the subscription alone; probes from its recipients.
import { Violation } from "../../harness/errors.ts";
import { section } from "../../harness/runner/case.ts";
import { type Element, xml } from "../../harness/xml/element.ts";
import { clip, markerBarrier, twoOnline } from "../helpers.ts";
import { availableFrom, sendPresence, subscribeTo, unavailableFrom } from "./presence-helpers.ts";

const withStatus = (full: string, status: string) => (el: Element) =>
  availableFrom(full)(el) && el.getChildText("status") === status;

export default section("rfc6121", "4", "Exchanging Presence Information", [
  {
    id: "rfc6121/4.6.3/directed-not-added-to-broadcast",
    title: "an entity that got directed presence does not get the user's later presence broadcasts",
    requirements: ["RFC6121-4.6.3-3", "RFC6121-11-3"],
    accounts: 2,
    async run(ctx) {
      const [alice, carol] = await twoOnline(ctx);
      const full = alice.jid!.toString();
      const got = carol.expect(withStatus(full, "directed"));
      await alice.send(xml("presence", { to: carol.jid!.bare().toString() }, xml("status", {}, "directed")));
      await got;
      await sendPresence(alice, xml("status", {}, "broadcast"));
      await markerBarrier(alice, carol);
      await carol.expectNothing(
        withStatus(full, "broadcast"),
        "a presence broadcast reached a directed-presence target",
      );
    },
  },
  {
    id: "rfc6121/4.6.3/directed-before-initial-presence",
    title:
      "directed presence from a resource that is not available is delivered but adds no broadcast target",
    requirements: ["RFC6121-4.6.3-4"],
    accounts: 2,
    async run(ctx) {
      const [a, c] = ctx.accounts;
      const alice = await ctx.login(a, { roster: true });
      const carol = await ctx.login(c, { presence: true });
      const full = alice.jid!.toString();
      const got = carol.expect(withStatus(full, "directed"));
      await alice.send(xml("presence", { to: carol.jid!.toString() }, xml("status", {}, "directed")));
      await got;
      await sendPresence(alice, xml("status", {}, "initial"));
      await markerBarrier(alice, carol);
      await carol.expectNothing(
        withStatus(full, "initial"),
        "initial presence reached a directed-presence target",
      );
    },
  },
  {
    id: "rfc6121/4.6.3/directed-unavailable-to-subscriber",
    title:
      "directed unavailable presence to a subscriber is delivered and the subscriber still gets later broadcasts",
    requirements: ["RFC6121-4.6.3-2"],
    accounts: 2,
    async run(ctx) {
      const [alice, bob] = await twoOnline(ctx);
      await subscribeTo(bob, alice);
      const full = alice.jid!.toString();
      const gone = bob.expect(
        (el) => unavailableFrom(full)(el) && el.getChildText("status") === "not for you",
      );
      await alice.send(
        xml(
          "presence",
          { to: bob.jid!.bare().toString(), type: "unavailable" },
          xml("status", {}, "not for you"),
        ),
      );
      await gone;
      const update = bob.expect(withStatus(full, "later"));
      await sendPresence(alice, xml("status", {}, "later"));
      await update.catch(() => {
        throw new Violation(
          "after directed unavailable, the subscriber should still get presence broadcasts",
          true,
        );
      });
    },
  },
  {
    id: "rfc6121/4.6.1/directed-then-subscribed-gets-broadcasts",
    title: "an entity that got directed presence and then subscribes gets broadcasts like any subscriber",
    requirements: ["RFC6121-4.6.1-2", "RFC6121-4.6.1-1"],
    accounts: 2,
    async run(ctx) {
      const [alice, bob] = await twoOnline(ctx);
      const full = alice.jid!.toString();
      const got = bob.expect(withStatus(full, "directed"));
      await alice.send(xml("presence", { to: bob.jid!.bare().toString() }, xml("status", {}, "directed")));
      await got;
      await subscribeTo(bob, alice);
      const update = bob.expect(withStatus(full, "as subscriber"));
      await sendPresence(alice, xml("status", {}, "as subscriber"));
      await update;
    },
  },
  {
    id: "rfc6121/4.6.6/probe-from-directed-presence-target",
    title: "a probe from an entity that got directed presence is answered with the user's (mere) presence",
    requirements: ["RFC6121-4.6.6-3", "RFC6121-4.6.6-4"],
    accounts: 2,
    async run(ctx) {
      const [alice, carol] = await twoOnline(ctx);
      const full = alice.jid!.toString();
      const got = carol.expect(availableFrom(full));
      await alice.send(xml("presence", { to: carol.jid!.toString() }, xml("status", {}, "directed")));
      await got;
      carol.inbox.splice(0);
      await carol.send(xml("presence", { to: full, type: "probe", id: "dir-probe" }));
      // the answer may come from alice's own session: a marker there and one back bound it
      await markerBarrier(carol, alice);
      await markerBarrier(alice, carol);
      const answers = carol.inbox.filter(
        (el) => el.name === "presence" && el.attrs.from?.startsWith(alice.jid!.bare().toString()),
      );
      const bad = answers.find((el) => el.attrs.type && el.attrs.type !== "unavailable");
      if (bad)
        throw new Violation(`the probe should be answered with the user's presence, got ${clip(bad)}`, true);
      if (!answers.some(availableFrom(full)))
        throw new Violation(
          "the probe from a directed-presence target should be answered with available presence",
          true,
        );
    },
  },
  {
    id: "rfc6121/4.6.1/directed-unavailable-ends-probe-access",
    title: "after directed unavailable presence, the entity's probe no longer reveals the user's presence",
    requirements: ["RFC6121-4.6.1-4", "RFC6121-11-1"],
    accounts: 2,
    async run(ctx) {
      const [alice, carol] = await twoOnline(ctx);
      const full = alice.jid!.toString();
      const to = carol.jid!.toString();
      const got = carol.expect(availableFrom(full));
      await alice.send(xml("presence", { to }));
      await got;
      const gone = carol.expect(unavailableFrom(full));
      await alice.send(xml("presence", { to, type: "unavailable" }));
      await gone;
      carol.inbox.splice(0);
      await carol.send(xml("presence", { to: full, type: "probe", id: "after-unavailable" }));
      // the answer may come from alice's own session: a marker there and one back bound it
      await markerBarrier(carol, alice);
      await markerBarrier(alice, carol);
      const leak = carol.inbox.find(availableFrom(full));
      if (leak) throw new Violation(`the probe still revealed the user's presence: ${clip(leak)}`);
    },
  },
  {
    id: "rfc6121/4.6.1/directed-then-subscription-cancelled",
    title: "a subscription that followed directed presence is cancelled like any other: no more broadcasts",
    requirements: ["RFC6121-4.6.1-3", "RFC6121-12-9", "RFC6121-A.2.4-From"],
    accounts: 2,
    async run(ctx) {
      const [alice, bob] = await twoOnline(ctx);
      const full = alice.jid!.toString();
      const got = bob.expect(withStatus(full, "directed"));
      await alice.send(xml("presence", { to: bob.jid!.bare().toString() }, xml("status", {}, "directed")));
      await got;
      await subscribeTo(bob, alice);
      const cancelled = bob.expect((el) => el.name === "presence" && el.attrs.type === "unsubscribed");
      await alice.send(xml("presence", { to: bob.jid!.bare().toString(), type: "unsubscribed" }));
      await cancelled;
      await sendPresence(alice, xml("status", {}, "after cancel"));
      await markerBarrier(alice, bob);
      await bob.expectNothing(
        withStatus(full, "after cancel"),
        "a cancelled subscriber still got a presence broadcast",
      );
    },
  },
  {
    id: "rfc6121/12/unsubscribe-stops-broadcast",
    title:
      "an inbound 'unsubscribe' ends the contact's subscription: the user's presence no longer reaches it",
    requirements: ["RFC6121-12-12"],
    accounts: 2,
    async run(ctx) {
      const [alice, bob] = await twoOnline(ctx);
      await subscribeTo(bob, alice);
      await subscribeTo(alice, bob);
      const full = alice.jid!.toString();
      const gone = bob.expect(unavailableFrom(full));
      await bob.send(xml("presence", { to: alice.jid!.bare().toString(), type: "unsubscribe" }));
      await gone.catch(() => {}); // §3.3.3: SHOULD send unavailable; what matters is the next broadcast
      await sendPresence(alice, xml("status", {}, "after unsubscribe"));
      await markerBarrier(alice, bob);
      await bob.expectNothing(
        withStatus(full, "after unsubscribe"),
        "a contact that unsubscribed still got a broadcast",
      );
    },
  },
]);

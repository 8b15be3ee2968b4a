// RFC 6121 §4.2, §4.4: initial and subsequent presence broadcast reach subscribers (from/both) with the
// full XML, every available resource of each contact, and nobody else.
import { section } from "../../harness/runner/case.ts";
import type { Session } from "../../harness/session.ts";
import { type Element, xml } from "../../harness/xml/element.ts";
import { markerBarrier } from "../helpers.ts";
import { availableFrom, sendPresence, subscribeTo } from "./presence-helpers.ts";

const EXT = "urn:xmppspec:presence-ext";

/** The children a full-XML broadcast must keep. */
function hasFullXml(el: Element): string | undefined {
  if (el.getChildText("show") !== "dnd") return "<show/>";
  if (el.getChildText("status") !== "in a meeting") return "<status/>";
  if (el.getChildText("priority") !== "3") return "<priority/>";
  if (!el.getChild("caps", EXT)) return "the extension element";
  return undefined;
}

const fullPresence = () => [
  xml("show", {}, "dnd"),
  xml("status", {}, "in a meeting"),
  xml("priority", {}, "3"),
  xml("caps", { xmlns: EXT, node: "x" }),
];

export default section("rfc6121", "4", "Exchanging Presence Information", [
  {
    id: "rfc6121/4.2.2/initial-presence-not-to-non-subscribers",
    title:
      "initial presence reaches a 'from' subscriber but neither a stranger nor a contact the user only subscribes to",
    requirements: ["RFC6121-4.2.2-1", "RFC6121-11-3", "RFC6121-11-2", "RFC6121-12-6"],
    accounts: 4,
    async run(ctx) {
      const [a, b, c, d] = ctx.accounts;
      const sessions: Session[] = [];
      for (const acc of [a, b, c, d]) sessions.push(await ctx.login(acc, { roster: true, presence: true }));
      const [alice, bob, carol, dave] = sessions;
      await subscribeTo(bob, alice); // alice's roster: bob 'from'
      await subscribeTo(alice, carol); // alice's roster: carol 'to' only
      const second = await ctx.login(a, { roster: true });
      const full = second.jid!.toString();
      const atBob = bob.expect(availableFrom(full));
      await sendPresence(second);
      await atBob;
      for (const other of [carol, dave]) {
        await markerBarrier(second, other);
        await other.expectNothing(
          availableFrom(full),
          "presence reached an entity not subscribed to the user",
        );
      }
    },
  },
  {
    id: "rfc6121/4.2.3/presence-to-every-contact-resource",
    title: "the user's presence reaches every available resource of a subscribed contact",
    requirements: ["RFC6121-4.2.3-1", "RFC6121-4.4.3-1", "RFC6121-8.5.2.1.2-1"],
    accounts: 2,
    async run(ctx) {
      const [a, b] = ctx.accounts;
      const alice = await ctx.login(a, { roster: true, presence: true });
      const bob1 = await ctx.login(b, { roster: true, presence: true });
      const bob2 = await ctx.login(b, { roster: true, presence: { priority: -1 } });
      await subscribeTo(bob1, alice);
      const second = await ctx.login(a, { roster: true });
      const full = second.jid!.toString();
      const got = [bob1, bob2].map((s) => s.expect(availableFrom(full)));
      await sendPresence(second, xml("status", {}, "initial"));
      await Promise.all(got);
      const update = [bob1, bob2].map((s) =>
        s.expect((el) => availableFrom(full)(el) && el.getChildText("status") === "update"),
      );
      await sendPresence(second, xml("status", {}, "update"));
      await Promise.all(update);
    },
  },
  {
    id: "rfc6121/4.4.2/subsequent-presence-full-xml",
    title: "a presence update goes, as full XML, to subscribers and to all the user's available resources",
    requirements: ["RFC6121-4.4.2-1", "RFC6121-4.4.2-2", "RFC6121-4.4.3-1"],
    accounts: 2,
    async run(ctx) {
      const [a] = ctx.accounts;
      const [alice, bob] = await Promise.all(
        ctx.accounts.map((acc) => ctx.login(acc, { roster: true, presence: true })),
      );
      await subscribeTo(bob, alice);
      const other = await ctx.login(a, { roster: true, presence: true });
      const full = alice.jid!.toString();
      const isUpdate = (el: Element) => availableFrom(full)(el) && el.getChild("show") !== undefined;
      const at = [bob, other].map((s) => s.expect(isUpdate));
      const echo = alice.expect(isUpdate);
      await alice.send(xml("presence", { id: "upd-1" }, ...fullPresence()));
      for (const [who, p] of [
        ["the subscriber", at[0]],
        ["the user's other resource", at[1]],
        ["the sending resource", echo],
      ] as const) {
        const missing = hasFullXml(await p);
        ctx.expect(missing, `the update as received by ${who} lacks`).to.equal(undefined);
      }
    },
  },
  {
    id: "rfc6121/4.4.2/subsequent-presence-not-to-non-subscribers",
    title: "a presence update does not reach a stranger or a contact without a 'from' subscription",
    requirements: ["RFC6121-4.4.2-1", "RFC6121-11-3"],
    accounts: 3,
    async run(ctx) {
      const [alice, bob, carol] = await Promise.all(
        ctx.accounts.map((acc) => ctx.login(acc, { roster: true, presence: true })),
      );
      await subscribeTo(alice, bob); // alice's roster: bob 'to' only
      const full = alice.jid!.toString();
      await sendPresence(alice, xml("status", {}, "secret"));
      for (const other of [bob, carol]) {
        await markerBarrier(alice, other);
        await other.expectNothing(
          (el) => availableFrom(full)(el) && el.getChildText("status") === "secret",
          "a presence update reached an entity not subscribed to the user",
        );
      }
    },
  },
]);

// RFC 6121 §4.4: a subsequent presence broadcast reaches subscribers ('from'/'both') and every available
// resource of the user, as full XML, and nobody else.
import {
  broadcastSkips,
  type Element,
  presenceFromFull,
  section,
  subscribe,
  withSubscriber,
  xml,
} from "../kit/index.ts";

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

export default section("rfc6121", "4.4", "Subsequent Presence Broadcast", [
  withSubscriber({
    id: "rfc6121/4.4.2/subsequent-presence-full-xml",
    title: "a presence update goes, as full XML, to subscribers and to all the user's available resources",
    requirements: ["RFC6121-4.4.2-1", "RFC6121-4.4.2-2", "RFC6121-4.4.3-1"],
    async run(ctx, { alice, bob }) {
      const other = await ctx.login("alice", "online");
      const isUpdate = { ...presenceFromFull(alice.full), child: "show" };
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
  }),
  {
    id: "rfc6121/4.4.2/subsequent-presence-not-to-non-subscribers",
    title: "a presence update does not reach a stranger or a contact without a 'from' subscription",
    requirements: ["RFC6121-4.4.2-1", "RFC6121-11-3"],
    users: ["alice:online", "bob:online", "carol:online"],
    async run(ctx, { alice, bob, carol }) {
      await ctx.setUp("alice subscribes to bob's presence", () => subscribe(alice, bob, { settle: false })); // alice's roster: bob 'to' only
      const what = "a presence update reached an entity not subscribed to the user";
      await broadcastSkips(alice, "secret", [bob, carol], what);
    },
  },
]);

// XEP-0163 §4.3.2 Number of Notifications: one to a full-JID subscriber; to a bare-JID subscriber one per
// available resource that announced interest (or, without such presence, at most one to the bare JID).
import { Violation } from "../../harness/errors.ts";
import {
  announceInterest,
  arrived,
  clip,
  exactlyOne,
  openNodeSubscribed,
  pepBetween,
  pepItemEvent,
  published,
  section,
  sendPresence,
} from "../kit/index.ts";

export default section("xep0163", "4.3.2", "Number of Notifications", [
  {
    id: "xep0163/4.3.2/full-jid-subscriber-one-notification",
    title:
      "an entity that subscribed its full JID gets one notification of a publish, at that JID, and its other resource none",
    requirements: ["XEP0163-4.3.2-1"],
    users: ["alice:online", "carol:online"],
    async run(ctx, { alice, carol }) {
      const other = await ctx.setUp("carol logs in a second session", () => ctx.login("carol", "online"));
      const node = await openNodeSubscribed(ctx, alice, carol, carol.full);
      const id = await published(ctx, alice, node, "once");
      const got = await exactlyOne(carol, pepItemEvent(node, id), "carol's notifications of one publish");
      if ((got.attrs.to ?? "").toLowerCase() !== carol.full.toLowerCase())
        throw new Violation(`the notification is not addressed to the subscribed full JID: ${clip(got)}`);
      const stray = await arrived(other, pepItemEvent(node, id));
      if (stray.length) throw new Violation(`carol's other resource got the notification: ${clip(stray[0])}`);
    },
  },
  {
    id: "xep0163/4.3.2/each-interested-resource-once",
    title: "each of a contact's two available resources that announced +notify gets exactly one notification",
    requirements: ["XEP0163-4.3.2-3"],
    users: ["alice:online", "bob:online"],
    async run(ctx, { alice, bob }) {
      const node = await pepBetween(ctx, alice, bob);
      const bob2 = await ctx.setUp("bob logs in a second session", () => ctx.login("bob", "interested"));
      await announceInterest(ctx, bob, [node]);
      await announceInterest(ctx, bob2, [node]);
      const id = await published(ctx, alice, node, "to each");
      for (const [who, s] of [
        ["bob's first resource", bob],
        ["bob's second resource", bob2],
      ] as const) {
        await exactlyOne(s, pepItemEvent(node, id), `${who}'s notifications of one publish`);
      }
    },
  },
  {
    id: "xep0163/4.3.2/only-interested-resources",
    title:
      "of a contact's two available resources, only the one that announced +notify gets the notification",
    requirements: ["XEP0163-4.3.2-3", "XEP0163-4.2-1"],
    users: ["alice:online", "bob:online"],
    async run(ctx, { alice, bob }) {
      const node = await pepBetween(ctx, alice, bob);
      const bob2 = await ctx.setUp("bob logs in a second session", () => ctx.login("bob", "interested"));
      await announceInterest(ctx, bob2, []);
      await announceInterest(ctx, bob, [node]);
      const id = await published(ctx, alice, node, "to one");
      await bob.expect(pepItemEvent(node, id));
      await bob2.expectNothing(pepItemEvent(node, id), "bob's resource without +notify got the notification");
    },
  },
  {
    id: "xep0163/4.3.2/no-caps-at-most-one-to-bare",
    title:
      "a contact whose presence carries no caps gets at most one notification of a publish, addressed to its bare JID",
    requirements: ["XEP0163-4.3.2-2"],
    users: ["alice:online", "bob:online"],
    async run(ctx, { alice, bob }) {
      const node = await pepBetween(ctx, alice, bob);
      await ctx.setUp("bob sends presence without caps", () => sendPresence(bob));
      const id = await published(ctx, alice, node, "no caps");
      const got = await arrived(bob, pepItemEvent(node, id));
      const wrong = got.find((m) => (m.attrs.to ?? "").toLowerCase() !== bob.bare.toLowerCase());
      if (wrong)
        throw new Violation(`bob announced no caps, yet got a notification at a full JID: ${clip(wrong)}`);
      if (got.length > 1) throw new Violation(`bob got ${got.length} notifications of one publish`);
    },
  },
]);

// XEP-0191 §4: "polite blocking" is RECOMMENDED: the block neither cancels the presence subscriptions
// between the user and the blocked contact nor tells the contact anything.
import { blockSubscribedContact, itemFor, rosterGet, section } from "../kit/index.ts";

export default section("xep0191", "4", "Implementation Notes", [
  {
    id: "xep0191/4/polite-blocking",
    title: "a block should leave the subscription in place and send the blocked contact no notice",
    requirements: ["XEP0191-4-1"],
    users: ["alice:online", "bob:online"],
    async run(ctx, { alice, bob }) {
      await blockSubscribedContact(ctx, alice, bob);
      const got = (await bob.barrier()).filter(
        (el) =>
          el.name === "message" ||
          (el.name === "presence" && ["unsubscribe", "unsubscribed"].includes(el.attrs.type ?? "")),
      );
      ctx.should(
        got.length === 0,
        `the blocked contact should hear nothing of the block, got ${got.map(String).join(" ")}`,
      );
      const roster = await alice.iqResult(rosterGet(), "alice's roster");
      const item = itemFor(roster, bob.bare);
      ctx.should(
        item?.attrs.subscription === "both",
        `the block should not cancel the subscription: alice's roster item for bob is ${item ? item.toString() : "gone"}`,
      );
    },
  },
]);

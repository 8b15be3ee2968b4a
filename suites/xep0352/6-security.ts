// XEP-0352 §6: the server tells nobody whether a client is active or inactive: a contact who sees the
// user's presence sees nothing at all when the user's client goes inactive and active again.
import { Violation } from "../../harness/errors.ts";
import { indicate, lc, markerBarrier, requireCsi, section, subscribe } from "../kit/index.ts";

export default section("xep0352", "6", "Security Considerations", [
  {
    id: "xep0352/6/state-not-revealed",
    title:
      "a contact subscribed to the user's presence gets nothing from the user when the client goes inactive and active",
    requirements: ["XEP0352-6-1"],
    users: ["alice:online", "bob:online"],
    async run(ctx, { alice, bob }) {
      requireCsi(ctx, alice);
      await ctx.setUp("bob subscribes to alice's presence", () => subscribe(bob, alice));
      await markerBarrier(alice, bob);
      bob.inbox.splice(0);
      await indicate(alice, "inactive");
      await indicate(alice, "active");
      await markerBarrier(alice, bob);
      const told = bob.inbox.find(
        (el) => lc(el.attrs.from).split("/")[0] === lc(alice.bare) && !el.attrs.id?.startsWith("marker-"),
      );
      if (told)
        throw new Violation(`the contact learnt of the CSI state change: ${told.toString().slice(0, 200)}`);
    },
  },
]);

// RFC 6121 §3.2: the contact cancels the user's subscription, or denies a pending request, with
// 'unsubscribed'. The cases that mirror §3.3 are rows of 3.2-3.3-mirror-table.ts.

import { Violation } from "../../harness/errors.ts";
import {
  presenceFrom,
  pushWhere,
  rosterItem,
  section,
  subOf,
  subscription,
  withPendingRequest,
} from "../kit/index.ts";
import { mirroredCases } from "./3.2-3.3-mirror-table.ts";

export default section("rfc6121", "3.2", "Canceling a Subscription", [
  ...mirroredCases("3.2"),
  withPendingRequest({
    id: "rfc6121/3.2/deny",
    title: "denying a request ('unsubscribed') reaches the user and leaves the subscription at none",
    requirements: ["RFC6121-A.2.4-NonePPendingIn", "RFC6121-A.3.4-NonePPendingOut", "RFC6121-3.2.3-1"],
    async run(_ctx, { alice, bob }) {
      const push = alice.expect(
        pushWhere(bob.bare, "subscription none, no 'ask'", (i) => subOf(i) === "none" && !i.attrs.ask),
      );
      const denied = alice.expect(presenceFrom(bob.bare, "unsubscribed"));
      await bob.send(subscription("unsubscribed", alice.bare));
      await denied;
      await push;
      if ((await rosterItem(bob, alice.bare))?.attrs.subscription === "from")
        throw new Violation("the contact's roster shows 'from' after denying");
    },
  }),
]);

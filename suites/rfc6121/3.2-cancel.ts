// RFC 6121 §3.2: the contact cancels the user's subscription, or denies a pending request, with
// 'unsubscribed'. The cases that mirror §3.3 are rows of 3.2-3.3-mirror-table.ts.

import { Violation } from "../../harness/errors.ts";
import { matches } from "../../harness/match.ts";
import {
  clip,
  markerBarrier,
  presenceFrom,
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
    title:
      "denying a request ('unsubscribed'): the user gets it and 'ask' goes (A.3.4), or neither (§3.2.3); no approval",
    requirements: [
      "RFC6121-A.2.4-NonePPendingIn",
      "RFC6121-A.3.4-NonePPendingOut",
      "RFC6121-3.2.3-1",
      "RFC6121-3.2.3-6",
    ],
    async run(ctx, { alice, bob }) {
      ctx.reading("I-6121-deny-pending");
      await bob.send(subscription("unsubscribed", alice.bare));
      await markerBarrier(bob, alice);
      const delivered = alice.inbox.some((el) => matches(el, presenceFrom(bob.bare, "unsubscribed")));
      const item = await rosterItem(alice, bob.bare);
      const asking = item?.attrs.ask === "subscribe";
      const shows = item ? clip(item) : "no item";
      // A.3.4: delivered, and the state drops to None; §3.2.3: not delivered, and the roster not modified
      if (delivered && (asking || subOf(item) !== "none"))
        throw new Violation(`the denial was delivered, yet alice's roster still shows ${shows}`);
      if (!delivered && !asking)
        throw new Violation(`the denial was not delivered, yet alice's roster changed: ${shows}`);
      // §3.1.3: the request is delivered "until the contact either approves or denies" it
      if ((await rosterItem(bob, alice.bare))?.attrs.subscription === "from")
        throw new Violation("the contact's roster shows 'from' after denying");
    },
  }),
]);

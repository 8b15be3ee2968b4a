// RFC 6121 §3.2 with the other party at a remote domain the harness plays: the contact cancelling a remote
// user's subscription routes 'unsubscribed' (after 'unavailable') stamped with the contact's bare JID and
// pushes the updated item (§3.2.2); a remote contact's cancellation is delivered to the user before the
// roster push that applies it (§3.2.3).
import { Violation } from "../../../harness/errors.ts";
import {
  type CaseSpec,
  crossDomainMs,
  deliveredBeforePush,
  presenceFrom,
  remoteContact,
  remoteSubscribesTo,
  routedAndPushed,
  routedSubscription,
  s2sIn,
  section,
  subscribesToRemote,
  subscription,
} from "../../kit/index.ts";

const CASES: CaseSpec[] = [
  {
    id: "rfc6121/3.2.2/outbound-cancel-routed",
    title:
      "cancelling a remote user's subscription routes 'unsubscribed' from the contact's bare JID and pushes subscription 'none'",
    requirements: ["RFC6121-3.2.2-4", "RFC6121-3.2.2-6", "RFC6121-3.2.2-7"],
    needs: ["s2s", "s2s-outbound"],
    users: ["alice:online"],
    async run(ctx, { alice }) {
      const inbound = await s2sIn(ctx);
      await remoteSubscribesTo(ctx, inbound, alice);
      await routedAndPushed(ctx, inbound, alice, "unsubscribed", "none");
    },
  },
  {
    id: "rfc6121/3.2.2/outbound-cancel-unavailable-first",
    title:
      "cancelling a remote user's subscription routes the contact's unavailable presence to that user before 'unsubscribed'",
    requirements: ["RFC6121-3.2.2-5", "RFC6121-3.2.2-4"],
    needs: ["s2s", "s2s-outbound"],
    users: ["alice:online"],
    async run(ctx, { alice }) {
      const inbound = await s2sIn(ctx);
      await remoteSubscribesTo(ctx, inbound, alice);
      const romeo = remoteContact(inbound);
      const order: string[] = [];
      const { listener } = ctx.federation;
      const gone = listener.expect(
        inbound.domain,
        presenceFrom(alice.bare, "unavailable"),
        crossDomainMs(ctx),
      );
      void gone.then(() => order.push("unavailable")).catch(() => {});
      const routed = routedSubscription(ctx, inbound, "unsubscribed", romeo);
      await alice.send(subscription("unsubscribed", romeo));
      await routed;
      order.push("unsubscribed");
      await gone;
      if (order[0] !== "unavailable")
        throw new Violation(
          "the contact's server routed 'unsubscribed' before alice's unavailable presence: it MUST send unavailable while the user is still subscribed",
        );
    },
  },
  {
    id: "rfc6121/3.2.3/inbound-cancel-applied",
    title:
      "a remote contact's 'unsubscribed' is delivered to the user, then a roster push with subscription 'none'",
    requirements: ["RFC6121-3.2.3-1", "RFC6121-3.2.3-2", "RFC6121-3.2.3-3"],
    needs: ["s2s", "s2s-outbound"],
    users: ["alice:online"],
    async run(ctx, { alice }) {
      const inbound = await s2sIn(ctx);
      await subscribesToRemote(ctx, inbound, alice);
      await deliveredBeforePush(inbound, alice, "unsubscribed");
    },
  },
];

export default section("rfc6121", "3.2", "Canceling a Subscription (server-to-server)", CASES);

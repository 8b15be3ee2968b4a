// RFC 6121 §3.3 with the other party at a remote domain the harness plays: the user's unsubscribe is routed
// stamped with the user's bare JID and the user's roster pushed (§3.3.2); a remote user's unsubscribe is
// delivered to the contact before the roster push that applies it (§3.3.3).
import { Violation } from "../../../harness/errors.ts";
import {
  assertBareFrom,
  type CaseSpec,
  CROSS_DOMAIN_MS,
  fromRemote,
  presenceFrom,
  remoteContact,
  remoteSubscribesTo,
  routedSubscription,
  s2sIn,
  section,
  settledPush,
  subscribesToRemote,
  subscription,
} from "../../kit/index.ts";

const CASES: CaseSpec[] = [
  {
    id: "rfc6121/3.3.2/outbound-unsubscribe-routed",
    title:
      "unsubscribing from a remote contact routes 'unsubscribe' from the user's bare JID and pushes subscription 'none'",
    requirements: ["RFC6121-3.3.2-1", "RFC6121-3.3.2-3", "RFC6121-3.3.2-4", "RFC6121-3.3.2-5"],
    needs: ["s2s", "s2s-outbound"],
    users: ["alice:online"],
    async run(ctx, { alice }) {
      const inbound = await s2sIn(ctx);
      await subscribesToRemote(ctx, inbound, alice);
      const romeo = remoteContact(inbound);
      const routed = routedSubscription(ctx, inbound, "unsubscribe", romeo);
      const push = alice.expect(settledPush(romeo, "none"), CROSS_DOMAIN_MS);
      await alice.send(subscription("unsubscribe", romeo));
      assertBareFrom(await routed, alice, "the routed 'unsubscribe'");
      await push;
    },
  },
  {
    id: "rfc6121/3.3.3/inbound-unsubscribe-applied",
    title:
      "a remote user's 'unsubscribe' is delivered to the contact, then a roster push with subscription 'none'",
    requirements: ["RFC6121-3.3.3-1", "RFC6121-3.3.3-2", "RFC6121-3.3.3-3"],
    needs: ["s2s", "s2s-outbound"],
    users: ["alice:online"],
    async run(ctx, { alice }) {
      const inbound = await s2sIn(ctx);
      await remoteSubscribesTo(ctx, inbound, alice);
      const romeo = remoteContact(inbound);
      const order: string[] = [];
      const told = alice.expect(presenceFrom(romeo, "unsubscribe"), CROSS_DOMAIN_MS);
      void told.then(() => order.push("unsubscribe")).catch(() => {});
      const push = alice.expect(settledPush(romeo, "none"), CROSS_DOMAIN_MS);
      await inbound.s.send(fromRemote(inbound, subscription("unsubscribe", alice.bare)));
      await push;
      order.push("push");
      await told;
      if (order[0] !== "unsubscribe")
        throw new Violation(
          "the roster push came before the inbound 'unsubscribe' (it MUST occur before the push)",
        );
    },
  },
];

export default section("rfc6121", "3.3", "Unsubscribing (server-to-server)", CASES);

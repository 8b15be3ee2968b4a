// RFC 6121 §3.1.5 with the requesting user at a remote domain the harness plays: the contact's approval is
// routed stamped with the contact's bare JID, pushed to the contact's roster as 'from', and followed by the
// contact's current presence sent to the user.
import {
  assertBareFrom,
  type CaseSpec,
  CROSS_DOMAIN_MS,
  fromRemote,
  presenceFrom,
  remoteContact,
  routedSubscription,
  s2sIn,
  section,
  settledPush,
  subscription,
} from "../../kit/index.ts";

const CASES: CaseSpec[] = [
  {
    id: "rfc6121/3.1.5/outbound-approval-routed",
    title:
      "approving a remote user's request routes 'subscribed' from the contact's bare JID and pushes subscription 'from'",
    requirements: ["RFC6121-3.1.5-1", "RFC6121-3.1.5-2"],
    needs: ["s2s", "s2s-outbound"],
    users: ["alice:online"],
    async run(ctx, { alice }) {
      const inbound = await s2sIn(ctx);
      const romeo = remoteContact(inbound);
      const request = alice.expect(presenceFrom(romeo, "subscribe"), CROSS_DOMAIN_MS);
      await inbound.s.send(fromRemote(inbound, subscription("subscribe", alice.bare)));
      await ctx.setUp("the remote request reaches alice", () => request);
      const push = alice.expect(settledPush(romeo, "from"), CROSS_DOMAIN_MS);
      const routed = routedSubscription(ctx, inbound, "subscribed", romeo);
      await alice.send(subscription("subscribed", romeo));
      assertBareFrom(await routed, alice, "the routed approval");
      await push;
    },
  },
  {
    id: "rfc6121/3.1.5/outbound-approval-sends-presence",
    title: "approving a remote user's request sends the contact's current presence to that user",
    requirements: ["RFC6121-3.1.5-3"],
    needs: ["s2s", "s2s-outbound"],
    users: ["alice:online"],
    async run(ctx, { alice }) {
      const inbound = await s2sIn(ctx);
      const romeo = remoteContact(inbound);
      const request = alice.expect(presenceFrom(romeo, "subscribe"), CROSS_DOMAIN_MS);
      await inbound.s.send(fromRemote(inbound, subscription("subscribe", alice.bare)));
      await ctx.setUp("the remote request reaches alice", () => request);
      const available = ctx.federation.listener.expect(
        inbound.domain,
        presenceFrom(alice.bare),
        CROSS_DOMAIN_MS,
      );
      await alice.send(subscription("subscribed", romeo));
      await available;
    },
  },
];

export default section("rfc6121", "3.1.5", "Approving a Subscription Request (server-to-server)", CASES);

// RFC 6121 §3.1.5 with the requesting user at a remote domain the harness plays: the contact's approval is
// routed stamped with the contact's bare JID, pushed to the contact's roster as 'from', and followed by the
// contact's current presence sent to the user.
import {
  type CaseSpec,
  crossDomainMs,
  presenceFrom,
  remoteContact,
  requestReaches,
  routedAndPushed,
  s2sIn,
  section,
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
      await ctx.setUp("the remote request reaches alice", () => requestReaches(inbound, alice));
      await routedAndPushed(ctx, inbound, alice, "subscribed", "from");
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
      await ctx.setUp("the remote request reaches alice", () => requestReaches(inbound, alice));
      const { listener } = ctx.federation;
      const available = listener.expect(inbound.domain, presenceFrom(alice.bare), crossDomainMs(ctx));
      await alice.send(subscription("subscribed", remoteContact(inbound)));
      await available;
    },
  },
];

export default section("rfc6121", "3.1.5", "Approving a Subscription Request (server-to-server)", CASES);

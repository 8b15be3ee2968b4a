// RFC 6121 §4.4.2 with a contact at a remote domain the harness plays: the user's subsequent presence is
// broadcast, full XML, to a remote contact with a 'from' subscription.
import {
  type CaseSpec,
  crossBarrier,
  crossDomainMs,
  presenceFrom,
  presenceWithStatus,
  remoteSubscribesTo,
  s2sIn,
  section,
  takeArrived,
  uid,
  xml,
} from "../../kit/index.ts";

const CASES: CaseSpec[] = [
  {
    id: "rfc6121/4.4.2/outbound-broadcast-to-remote-subscriber",
    title: "a presence update is broadcast, full XML, to a remote contact with a 'from' subscription",
    requirements: ["RFC6121-4.4.2-1"],
    needs: ["s2s", "s2s-outbound"],
    users: ["alice:online"],
    async run(ctx, { alice }) {
      const inbound = await s2sIn(ctx);
      await remoteSubscribesTo(ctx, inbound, alice);
      // the presence sent on approval (§3.1.5) must not stand in for the broadcast
      await crossBarrier(ctx, inbound, alice);
      await takeArrived(ctx, inbound.domain, presenceFrom(alice.bare));
      const status = `away-${uid()}`;
      const broadcast = ctx.federation.listener.expect(
        inbound.domain,
        presenceWithStatus(alice.full, status),
        crossDomainMs(ctx),
      );
      await alice.send(xml("presence", {}, xml("show", {}, "away"), xml("status", {}, status)));
      const el = await broadcast;
      ctx.expect(el.getChildText("show"), "the broadcast's <show/>").to.equal("away");
    },
  },
];

export default section("rfc6121", "4.4", "Subsequent Presence Broadcast (server-to-server)", CASES);

// RFC 6121 §4.3.2 with the probing user at a remote domain the harness plays: the contact's server answers a
// probe from a subscribed remote user with the contact's presence, and reveals nothing to an unsubscribed
// one (an 'unsubscribed' reply, if any, from the contact's bare JID).
import {
  assertBareFrom,
  type CaseSpec,
  crossBarrier,
  crossDomainMs,
  fromRemote,
  presenceFrom,
  remoteContact,
  remoteSubscribesTo,
  s2sIn,
  section,
  takeArrived,
  xml,
} from "../../kit/index.ts";

const CASES: CaseSpec[] = [
  {
    id: "rfc6121/4.3.2/inbound-probe-answered",
    title: "a probe from a remote user with a subscription is answered with the contact's available presence",
    requirements: ["RFC6121-4.3.2-1"],
    needs: ["s2s", "s2s-outbound"],
    users: ["alice:online"],
    async run(ctx, { alice }) {
      const inbound = await s2sIn(ctx);
      await remoteSubscribesTo(ctx, inbound, alice);
      const available = presenceFrom(alice.bare);
      // the presence sent on approval (§3.1.5) must not stand in for the probe's answer
      await crossBarrier(ctx, inbound, alice);
      await takeArrived(ctx, inbound.domain, available);
      const answer = ctx.federation.listener.expect(inbound.domain, available, crossDomainMs(ctx));
      await inbound.s.send(fromRemote(inbound, xml("presence", { type: "probe", to: alice.bare })));
      await answer;
    },
  },
  {
    id: "rfc6121/4.3.2/inbound-probe-unsubscribed",
    title:
      "a probe from a remote user without a subscription reveals no presence ('unsubscribed' from the bare JID, or nothing)",
    requirements: ["RFC6121-4.3.2-2", "RFC6121-4.3.2-3"],
    needs: ["s2s", "s2s-outbound"],
    users: ["alice:online"],
    async run(ctx, { alice }) {
      const inbound = await s2sIn(ctx);
      const romeo = remoteContact(inbound);
      await inbound.s.send(fromRemote(inbound, xml("presence", { type: "probe", to: alice.bare })));
      await crossBarrier(ctx, inbound, alice);
      const { listener } = ctx.federation;
      await listener.expectNothing(
        inbound.domain,
        presenceFrom(alice.bare),
        `the contact's server MUST NOT reveal alice's presence to ${romeo}, who has no subscription`,
        { quietMs: 0 },
      );
      const unsubscribed = await takeArrived(ctx, inbound.domain, { name: "presence", type: "unsubscribed" });
      for (const el of unsubscribed) assertBareFrom(el, alice, "the 'unsubscribed' answer to the probe");
    },
  },
];

export default section("rfc6121", "4.3", "Presence Probes (server-to-server)", CASES);

// RFC 6121 §4.2.2 with a contact at a remote domain the harness plays: when the user sends initial
// presence, the user's server probes the contacts whose presence the user is subscribed to, there too.
import {
  type CaseSpec,
  crossBarrier,
  crossDomainMs,
  presence,
  remoteContact,
  s2sIn,
  section,
  subscribesToRemote,
  takeArrived,
} from "../../kit/index.ts";

const CASES: CaseSpec[] = [
  {
    id: "rfc6121/4.2.2/outbound-initial-presence-probes",
    title: "initial presence makes the user's server probe a remote contact the user is subscribed to",
    requirements: ["RFC6121-4.2.2-3"],
    needs: ["s2s", "s2s-outbound"],
    users: ["alice:interested"],
    async run(ctx, { alice }) {
      const inbound = await s2sIn(ctx);
      await subscribesToRemote(ctx, inbound, alice);
      const romeo = remoteContact(inbound);
      const probe = { name: "presence", type: "probe", to: romeo };
      // a probe the approval itself may have caused must not stand in for the one initial presence owes
      await crossBarrier(ctx, inbound, alice);
      await takeArrived(ctx, inbound.domain, probe);
      const probed = ctx.federation.listener.expect(inbound.domain, probe, crossDomainMs(ctx));
      await alice.send(presence());
      await probed;
    },
  },
];

export default section("rfc6121", "4.2", "Initial Presence (server-to-server)", CASES);

// RFC 6121 §4.5.2 with a contact at a remote domain the harness plays: when the user's resource becomes
// unavailable, gracefully (full XML) or by its stream ending, unavailable presence is routed to a remote
// contact with a 'from' subscription.
import {
  type CaseSpec,
  type Client,
  crossDomainMs,
  presenceFromFull,
  type Row,
  remoteSubscribesTo,
  s2sIn,
  section,
  tableCases,
  uid,
  xml,
} from "../../kit/index.ts";

interface LeaveRow extends Row {
  /** How alice's resource becomes unavailable; returns the <status/> it sent, if any. */
  leave: (alice: Client) => Promise<string | undefined>;
}

const CASES: CaseSpec[] = tableCases<LeaveRow>(
  [
    {
      id: "rfc6121/4.5.2/outbound-unavailable-graceful",
      title:
        "graceful unavailable presence is routed, full XML, to a remote contact with a 'from' subscription",
      requirements: ["RFC6121-4.5.2-2", "RFC6121-4.5.2-4"],
      async leave(alice) {
        const status = `gone-${uid()}`;
        await alice.send(xml("presence", { type: "unavailable" }, xml("status", {}, status)));
        return status;
      },
    },
    {
      id: "rfc6121/4.5.2/outbound-unavailable-on-stream-close",
      title:
        "a resource whose session ends without unavailable presence is announced unavailable to a remote contact",
      requirements: ["RFC6121-4.5.2-2", "RFC6121-4.5.2-6", "RFC6121-4.5.2-1"],
      async leave(alice) {
        await alice.close();
        return undefined;
      },
    },
  ],
  {
    needs: ["s2s", "s2s-outbound"],
    users: ["alice:online"],
    async run(row, ctx, { alice }) {
      const inbound = await s2sIn(ctx);
      await remoteSubscribesTo(ctx, inbound, alice);
      const gone = ctx.federation.listener.expect(
        inbound.domain,
        presenceFromFull(alice.full, "unavailable"),
        crossDomainMs(ctx),
      );
      const status = await row.leave(alice);
      const el = await gone;
      if (status !== undefined)
        ctx.expect(el.getChildText("status"), "the routed unavailable presence's <status/>").to.equal(status);
    },
  },
);

export default section("rfc6121", "4.5", "Unavailable Presence (server-to-server)", CASES);

// RFC 6121 §4.6.3 with the recipient at a remote domain the harness plays: directed presence to a remote
// entity outside the user's 'from' subscribers is routed, full XML, from the user's full JID; the entity is
// left out of later broadcasts of available presence, but gets the unavailable presence when the resource
// that sent it becomes unavailable.
import {
  type CaseContext,
  type CaseSpec,
  type Client,
  crossBarrier,
  crossDomainMs,
  type Inbound,
  presenceFromFull,
  presenceWithStatus,
  remoteContact,
  s2sIn,
  section,
  uid,
  xml,
} from "../../kit/index.ts";

/** alice sends directed presence with a fresh <status/> to romeo@D/r; resolves when it was routed there. */
async function directed(ctx: CaseContext, inbound: Inbound, alice: Client): Promise<void> {
  const status = `here-${uid()}`;
  const to = `${remoteContact(inbound)}/r`;
  const m = { ...presenceWithStatus(alice.full, status), to };
  const routed = ctx.federation.listener.expect(inbound.domain, m, crossDomainMs(ctx));
  await alice.send(xml("presence", { to }, xml("status", {}, status)));
  await routed;
}

/** Set-up: an inbound stream, and alice's directed presence routed to romeo@D/r. */
async function afterDirected(ctx: CaseContext, alice: Client): Promise<Inbound> {
  const inbound = await s2sIn(ctx);
  await ctx.setUp("alice sends directed presence to the remote entity", () => directed(ctx, inbound, alice));
  return inbound;
}

const CASES: CaseSpec[] = [
  {
    id: "rfc6121/4.6.3/outbound-directed-presence-routed",
    title: "directed presence to a remote entity is routed there, full XML, from the user's full JID",
    requirements: ["RFC6121-4.6.3-3"],
    needs: ["s2s", "s2s-outbound"],
    users: ["alice:online"],
    async run(ctx, { alice }) {
      await directed(ctx, await s2sIn(ctx), alice);
    },
  },
  {
    id: "rfc6121/4.6.3/outbound-directed-not-in-broadcast",
    title:
      "a remote entity that got directed presence is left out of the user's next broadcast of available presence",
    requirements: ["RFC6121-4.6.3-3"],
    needs: ["s2s", "s2s-outbound"],
    users: ["alice:online"],
    async run(ctx, { alice }) {
      const inbound = await afterDirected(ctx, alice);
      const status = `update-${uid()}`;
      await alice.send(xml("presence", {}, xml("status", {}, status)));
      await crossBarrier(ctx, inbound, alice);
      await ctx.federation.listener.expectNothing(
        inbound.domain,
        presenceWithStatus(alice.full, status),
        "the user's server MUST NOT include the entity's JID in subsequent broadcasts of available presence",
        { quietMs: 0 },
      );
    },
  },
  {
    id: "rfc6121/4.6.3/outbound-directed-then-unavailable",
    title:
      "a remote entity that got directed presence gets unavailable presence when the sending resource goes",
    requirements: ["RFC6121-4.6.3-3"],
    needs: ["s2s", "s2s-outbound"],
    users: ["alice:online"],
    async run(ctx, { alice }) {
      const inbound = await afterDirected(ctx, alice);
      const unavailable = presenceFromFull(alice.full, "unavailable");
      const gone = ctx.federation.listener.expect(inbound.domain, unavailable, crossDomainMs(ctx));
      await alice.send(xml("presence", { type: "unavailable" }));
      await gone;
    },
  },
];

export default section("rfc6121", "4.6", "Directed Presence (server-to-server)", CASES);

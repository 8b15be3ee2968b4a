// RFC 6120 §10.4 (Remote Domain) seen from both ends: a stanza for a remote domain is routed there, and when
// routing fails the sender gets the error §10.4.3 names: <remote-server-not-found/> when resolution fails,
// <remote-server-timeout/> when it succeeds but no stream can be negotiated; a stanza the target cannot
// deliver comes back to the remote sender as an error, by way of the sender's server.

import { conditionsOf } from "../../../harness/error-conditions.ts";
import { Violation } from "../../../harness/errors.ts";
import {
  assertStanzaError,
  bounceOf,
  type CaseContext,
  type CaseSpec,
  type Client,
  clip,
  closedLoopbackPort,
  countStreams,
  crossDomainMs,
  type Element,
  lookedUp,
  outcomeOf,
  s2sIn,
  section,
  steerableDns,
  uid,
  xml,
} from "../../kit/index.ts";

function chat(to: string, id: string): Element {
  return xml("message", { to, id, type: "chat" }, xml("body", {}, `routing check ${id}`));
}

/** alice sends a message to `to`; the error she gets, or SKIP when none comes within the bound. */
async function bounceOrSkip(ctx: CaseContext, alice: Client, to: string, id: string): Promise<Element> {
  const bounce = bounceOf(alice, id);
  await alice.send(chat(to, id));
  const reply = await bounce;
  if (!reply)
    return ctx.skip(
      `no error within ${crossDomainMs(ctx) / 1000} s: the target's own retries or timeout run longer (§10.4.3 sets none)`,
    );
  return reply;
}

const CASES: CaseSpec[] = [
  {
    id: "rfc6120/10.4/outbound-routed",
    title: "a message to a user at a remote domain is routed there, or its sender gets an error",
    requirements: ["RFC6120-10.4-1", "RFC6120-10.4.3-1"],
    needs: ["s2s-outbound"],
    users: ["alice"],
    async run(ctx, { alice }) {
      const domain = ctx.federation.domain();
      const streams = countStreams(ctx, domain);
      const id = `r-${uid()}`;
      const to = `someone@${domain}`;
      const outcome = outcomeOf(ctx, alice, domain, id);
      await alice.send(chat(to, id));
      const o = await outcome;
      if ("neither" in o)
        throw new Violation(
          `the message to ${to} was neither routed to ${domain} nor returned to alice as an error within ${crossDomainMs(ctx) / 1000} s (§10.4.3: "MUST return an error to the sender")`,
        );
      if ("bounced" in o) {
        // an attempt that failed (a stream opened to the domain) is what §10.4 asks, and the error §10.4.3
        ctx.should(
          streams.opened > 0,
          `the server SHOULD attempt to route the stanza to ${domain}, but never connected; alice got ${clip(o.bounced)}`,
        );
        return;
      }
      if (o.routed.attrs.to !== to)
        throw new Violation(`the routed message's 'to' is '${o.routed.attrs.to ?? ""}', not '${to}'`);
      if (o.routed.getChildText("body") !== `routing check ${id}`)
        throw new Violation(`the routed message lost its body: ${clip(o.routed)}`);
    },
  },
  {
    id: "rfc6120/10.4.3/remote-server-not-found-nxdomain",
    title:
      "a stanza to a domain that does not resolve comes back to its sender with <remote-server-not-found/>",
    requirements: ["RFC6120-10.4.3-2", "RFC6120-10.4.3-1"],
    needs: ["s2s-outbound"],
    users: ["alice"],
    async run(ctx, { alice }) {
      steerableDns(ctx);
      const domain = ctx.federation.unknownDomain();
      const id = `nx-${uid()}`;
      const bounce = bounceOf(alice, id);
      await alice.send(chat(`someone@${domain}`, id));
      const reply = await bounce;
      if (!reply) {
        // the responder answers NXDOMAIN at once: a target that asked has all it needs to answer
        if (!lookedUp(ctx, domain))
          ctx.skip(`the target never asked the harness's DNS about ${domain}: resolution not exercised`);
        throw new Violation(
          `the target looked ${domain} up (NXDOMAIN) and returned no error to alice within ${crossDomainMs(ctx) / 1000} s`,
        );
      }
      assertStanzaError(reply, ["remote-server-not-found"], id);
    },
  },
  {
    id: "rfc6120/10.4.3/remote-server-timeout-refused-stream",
    title:
      "a stanza to a domain that resolves but whose server refuses every stream comes back with <remote-server-timeout/>",
    requirements: ["RFC6120-10.4.3-3", "RFC6120-10.4.3-1"],
    needs: ["s2s-outbound"],
    users: ["alice"],
    async run(ctx, { alice }) {
      const { listener } = ctx.federation;
      const domain = ctx.federation.domain();
      // our header, then a stream error: the stream cannot be negotiated (this stream and every retry)
      listener.policy(domain, { behaviour: "refuse", refuseWith: "internal-server-error" });
      const reached = ctx.federation.claim(domain, crossDomainMs(ctx)).then((ps) => {
        void listener.serve(ps);
        return true;
      });
      const id = `to-${uid()}`;
      const reply = await bounceOrSkip(ctx, alice, `someone@${domain}`, id);
      if (!(await reached.catch(() => false)))
        ctx.skip(`the target never connected to ${domain}: "resolution succeeds" not exercised`);
      assertStanzaError(reply, ["remote-server-timeout"], id);
    },
  },
  {
    id: "rfc6120/10.4.3/remote-server-timeout-closed-port",
    title:
      "a stanza to a domain whose SRV record points at a port that refuses connections comes back with <remote-server-timeout/> (or <remote-server-not-found/>)",
    requirements: ["RFC6120-10.4.3-3", "RFC6120-10.4.3-2", "RFC6120-10.4.3-1"],
    needs: ["s2s-outbound"],
    users: ["alice"],
    async run(ctx, { alice }) {
      ctx.reading("I-6120-connect-refused");
      const dns = steerableDns(ctx);
      const domain = ctx.federation.domain();
      // only the SRV record (no address of the domain itself, so no fallback lands anywhere)
      dns.set(domain, { srv: [{ port: await closedLoopbackPort(), target: "localhost" }] });
      const id = `cp-${uid()}`;
      const reply = await bounceOrSkip(ctx, alice, `someone@${domain}`, id);
      assertStanzaError(reply, ["remote-server-timeout", "remote-server-not-found"], id);
    },
  },
  {
    id: "rfc6120/10.4.3/inbound-undeliverable-error-returned",
    title:
      "an IQ from a peer server to a local account that does not exist comes back to the remote sender as an error",
    requirements: ["RFC6120-10.4.3-4"],
    needs: ["s2s", "s2s-outbound"],
    users: [],
    async run(ctx) {
      // an iq, not a message: RFC 6121 §8.5.2.2 lets a server ignore a message to a missing account
      ctx.reading("I-6120-remote-undeliverable-message");
      const inbound = await s2sIn(ctx);
      const sender = `romeo@${inbound.domain}/r`;
      const id = `ud-${uid()}`;
      // by way of the sender's server: on a stream the target opens to it, or on ours (XEP-0288)
      const overOurs = inbound.s.expect({ id }, crossDomainMs(ctx)).catch(() => undefined);
      const overTheirs = ctx.federation.listener
        .expect(inbound.domain, { id }, crossDomainMs(ctx))
        .catch(() => undefined);
      const nobody = `nobody-${uid()}@${ctx.federation.targetDomain}/x`;
      await inbound.s.send(
        xml(
          "iq",
          { type: "get", id, from: sender, to: nobody },
          xml("query", { xmlns: "jabber:iq:version" }),
        ),
      );
      const reply = await Promise.race([
        overOurs.then((el) => el ?? overTheirs),
        overTheirs.then((el) => el ?? overOurs),
      ]);
      if (!reply)
        throw new Violation(
          `no reply to the iq for ${nobody} reached ${inbound.domain} within ${crossDomainMs(ctx) / 1000} s`,
        );
      if (reply.attrs.to !== sender)
        throw new Violation(
          `the error is addressed to '${reply.attrs.to ?? ""}', not to the sender '${sender}'`,
        );
      assertStanzaError(reply, conditionsOf("stanza"), id);
    },
  },
];

export default section("rfc6120", "10.4", "Remote Domain", CASES);

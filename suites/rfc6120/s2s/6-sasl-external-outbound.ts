// RFC 6120 §6 over server-to-server streams, the target as initiating server (XEP-0178 §3): a local user's
// message makes it connect to a domain the harness plays, which offers SASL EXTERNAL after TLS and reads
// the target's <auth/>, answers it, and watches what follows.
import { StreamClosed, Violation } from "../../../harness/errors.ts";
import type { CaseContext } from "../../kit/index.ts";
import {
  type AnsweredOutbound,
  type CaseSpec,
  type Client,
  type Element,
  isDialbackKey,
  isSaslAuth,
  NS,
  s2sOutbound,
  section,
  xml,
} from "../../kit/index.ts";

/** Set-up: the target's stream to a domain of the case, up to its SASL EXTERNAL <auth/> (else SKIP). */
async function externalAttempt(ctx: CaseContext, alice: Client): Promise<AnsweredOutbound> {
  const out = await s2sOutbound(ctx, alice, "external");
  ctx.require(
    isSaslAuth(out.next) && out.next.attrs.mechanism === "EXTERNAL",
    `the target did not attempt SASL EXTERNAL when it was the only mechanism offered (it sent <${out.next.name}/>)`,
  );
  return out;
}

/** Is `h` a stream header (RFC 6120 §4.7), not some other element the target sent in its place? */
function isStreamHeader(h: Element): boolean {
  return h.getName() === "stream" && h.getNS() === NS.stream;
}

const cases: CaseSpec[] = [
  {
    id: "rfc6120/6.3.4/s2s-outbound-external-first",
    title: "as initiating server, offered SASL EXTERNAL first and dialback too, the target attempts EXTERNAL",
    requirements: ["RFC6120-6.3.4-4"],
    needs: ["s2s-outbound"],
    targetInitiates: true,
    users: ["alice"],
    async run(ctx, { alice }) {
      const { next } = await s2sOutbound(ctx, alice, "external+dialback");
      const external = isSaslAuth(next) && next.attrs.mechanism === "EXTERNAL";
      ctx.should(
        external,
        `offered EXTERNAL first, the target sent <${next.name}/> instead of an EXTERNAL <auth/>`,
      );
    },
  },
  {
    id: "rfc6120/6.3.8/s2s-outbound-authzid",
    title:
      "as initiating server, the target's SASL EXTERNAL authorization identity is absent or its own domain (a domainpart only)",
    requirements: ["RFC6120-6.3.8-5", "RFC6120-4.3.6-7", "XEP0178-3-5"],
    needs: ["s2s-outbound"],
    targetInitiates: true,
    users: ["alice"],
    async run(ctx, { alice }) {
      const { next } = await externalAttempt(ctx, alice);
      ctx.reading("I-6120-s2s-authzid");
      const payload = next.getText().trim();
      if (payload === "" || payload === "=") return;
      const authzid = Buffer.from(payload, "base64").toString("utf8");
      if (authzid !== ctx.federation.targetDomain)
        throw new Violation(
          `the target asserted the authorization identity '${authzid}', not its own domain '${ctx.federation.targetDomain}'`,
        );
    },
  },
  {
    id: "rfc6120/6.4.6/s2s-outbound-restart",
    title:
      "as initiating server, after SASL <success/> the target opens a new stream over the same connection before any stanza",
    requirements: ["RFC6120-6.4.6-4", "RFC6120-4.3.3-2"],
    needs: ["s2s-outbound"],
    targetInitiates: true,
    users: ["alice"],
    async run(ctx, { alice }) {
      const { ps, message } = await externalAttempt(ctx, alice);
      // after a reset, the first element the target sends is read as its header, whatever it is
      const header = await ps.saslSuccess();
      if (!isStreamHeader(header))
        throw new Violation(`after <success/> the target sent <${header.name}/>, not a new stream header`);
      await ps.sendHeader();
      await ps.sendFeatures();
      await ps.expect({ name: "message", id: message.attrs.id });
    },
  },
  {
    id: "rfc6120/6.5/s2s-outbound-unknown-failure",
    title:
      "as initiating server, the target treats a SASL failure condition it does not know as a failure: no new stream, no stanza",
    requirements: ["RFC6120-6.5-3"],
    needs: ["s2s-outbound"],
    targetInitiates: true,
    users: ["alice"],
    async run(ctx, { alice }) {
      const { ps, message } = await externalAttempt(ctx, alice);
      // a restart would start with a new header: expect one, so a header (or whatever comes first) is seen
      ps.session.expectRestart();
      const failure = xml("failure", { xmlns: NS.sasl }, xml("x-future-condition"));
      await ps.send(failure);
      const first = await ps.readHeader(3000).catch(() => undefined);
      if (first && isStreamHeader(first))
        throw new Violation("the target opened a new stream after a SASL <failure/>, as after <success/>");
      if (first?.getName() === message.name)
        throw new Violation(`the target sent its ${message.name} after a SASL <failure/>`);
    },
  },
  {
    id: "rfc6120/6.4.5/s2s-outbound-close-when-exhausted",
    title:
      "as initiating server, when SASL EXTERNAL fails and nothing else is offered, the target closes the stream instead of waiting",
    requirements: ["RFC6120-6.4.5-4"],
    needs: ["s2s-outbound"],
    targetInitiates: true,
    users: ["alice"],
    async run(ctx, { alice }) {
      const { ps } = await externalAttempt(ctx, alice);
      await ps.send(xml("failure", { xmlns: NS.sasl }, xml("not-authorized")));
      // what it must not do is sit on the stream until a timeout
      const next = await ps.expect(() => true, 3000).catch((err: Error) => err);
      if (!(next instanceof Error) && isDialbackKey(next))
        ctx.skip("after the SASL <failure/> the target falls back to dialback, which was not offered");
      const closed = next instanceof StreamClosed;
      ctx.should(
        closed,
        "after a SASL <failure/> with no mechanism left, the stream was not closed within 3 s",
      );
    },
  },
];

export default section("rfc6120", "6", "SASL EXTERNAL (server-to-server, outbound)", cases, {
  generated: true,
});

// RFC 6120 §5 (STARTTLS) over server-to-server streams: the target as initiating server negotiates the TLS
// a peer requires and uses the TLS a peer offers, and forgets what it learnt in the clear; as receiving
// server it offers STARTTLS, sends nothing after <proceed/> but the handshake, and forgets the clear 'from'.
// §4.3.2's "MUST negotiate further features" is checked with STARTTLS's own <required/> flag: for a feature
// the target does not know, <required/> "is not a generic format" (reading I-6120-unknown-required-feature),
// so no case offers one.
import { HarnessError, SaslFailure, Violation } from "../../../harness/errors.ts";
import {
  authExternal,
  type CaseContext,
  type CaseSpec,
  type Client,
  type Element,
  firstAnswerTo,
  isElement,
  NS,
  NS_DIALBACK,
  NS_DIALBACK_FEATURE,
  nextFrom,
  presentCertificate,
  section,
  starttls,
  xml,
} from "../../kit/index.ts";

/** What the target sent (or why nothing), for a message. */
function shown(el: Element | string): string {
  return typeof el === "string" ? el : el.toString().slice(0, 200);
}

/** A case where the target is the initiating server, dialing a domain of the case because alice wrote there. */
function outbound(
  c: Pick<CaseSpec, "id" | "title" | "requirements">,
  run: (ctx: CaseContext, alice: Client) => Promise<void>,
): CaseSpec {
  return {
    ...c,
    needs: ["s2s-outbound"],
    targetInitiates: true,
    users: ["alice"],
    run: (ctx, u) => run(ctx, u.alice),
  };
}

const outboundRequired = outbound(
  {
    id: "rfc6120/5.3.1/outbound-negotiates-required-tls",
    title: "the target, as initiating server, negotiates STARTTLS when the peer marks it <required/>",
    requirements: ["RFC6120-5.3.1-1", "RFC6120-4.3.2-3"],
  },
  async (ctx, alice) => {
    const { first } = await firstAnswerTo(ctx, alice, xml("starttls", { xmlns: NS.tls }, xml("required")));
    if (isElement(first, NS.tls, "starttls")) return;
    // closing is no negotiation, but it sends nothing unprotected either
    if (typeof first === "string" && !/within/.test(first)) return ctx.note(`the target left: ${first}`);
    throw new Violation(
      `with only <starttls><required/></starttls> on offer ("the parties MUST consider TLS as mandatory-to-negotiate", §5.3.1) the target sent: ${shown(first)}`,
    );
  },
);

const outboundVoluntary = outbound(
  {
    id: "rfc6120/13.14/outbound-uses-offered-tls",
    title: "the target, as initiating server, uses STARTTLS when the peer offers it beside dialback",
    requirements: ["RFC6120-13.14-3", "RFC6120-5.2-3"],
  },
  async (ctx, alice) => {
    const { first } = await firstAnswerTo(
      ctx,
      alice,
      xml("starttls", { xmlns: NS.tls }),
      xml("dialback", { xmlns: NS_DIALBACK_FEATURE }),
    );
    if (typeof first === "string") ctx.skip(`the target sent nothing after our features: ${first}`);
    ctx.should(
      isElement(first, NS.tls, "starttls"),
      `with STARTTLS offered "the parties SHOULD protect the channel using TLS before proceeding" (§13.14), but the target sent: ${shown(first)}`,
    );
  },
);

const outboundDiscardsFeatures = outbound(
  {
    id: "rfc6120/5.4.3.3/outbound-discards-pre-tls-features",
    title:
      "the target, as initiating server, authenticates by the features offered over TLS, not those before",
    requirements: ["RFC6120-5.4.3.3-2"],
  },
  async (ctx, alice) => {
    // before TLS: STARTTLS, EXTERNAL and dialback; over TLS: dialback alone
    const { ps, first } = await firstAnswerTo(
      ctx,
      alice,
      xml("starttls", { xmlns: NS.tls }),
      xml("mechanisms", { xmlns: NS.sasl }, xml("mechanism", {}, "EXTERNAL")),
      xml("dialback", { xmlns: NS_DIALBACK_FEATURE }),
    );
    if (!isElement(first, NS.tls, "starttls"))
      ctx.skip(`the target did not use the TLS on offer: ${shown(first)}`);
    await ctx.setUp("TLS with a valid certificate", () => ps.proceedTls());
    await ps.sendHeader();
    await ps.sendFeatures(xml("dialback", { xmlns: NS_DIALBACK_FEATURE }));
    const next = await nextFrom(ps, 10_000);
    if (isElement(next, NS.sasl, "auth"))
      throw new Violation(
        `over TLS only dialback was on offer, but the target sent ${shown(next)}: "The initiating entity MUST discard any information ... obtained from the receiving entity in an insecure manner before TLS took effect (e.g., ... the stream features)" (§5.4.3.3)`,
      );
    if (isElement(next, NS_DIALBACK, "result"))
      await ps.send(
        xml("db:result", { from: next.attrs.to ?? "", to: next.attrs.from ?? "", type: "valid" }),
      );
    ctx.note(`over TLS the target sent: ${shown(next)}`);
  },
);

const outboundTlsFirst = outbound(
  {
    id: "rfc6120/5.3.4/outbound-tls-before-sasl",
    title: "the target, as initiating server, completes STARTTLS before it starts SASL",
    requirements: ["RFC6120-5.3.4-1", "RFC6120-5.2-3"],
  },
  async (ctx, alice) => {
    const { ps, first } = await firstAnswerTo(
      ctx,
      alice,
      xml("starttls", { xmlns: NS.tls }),
      xml("mechanisms", { xmlns: NS.sasl }, xml("mechanism", {}, "EXTERNAL")),
    );
    if (typeof first === "string") ctx.skip(`the target sent nothing after our features: ${first}`);
    const sasl = `"If the initiating entity chooses to use TLS, STARTTLS negotiation MUST be completed before proceeding to SASL negotiation" (§5.3.4)`;
    if (isElement(first, NS.sasl, "auth")) {
      // SASL with no TLS chosen breaks only the SHOULD; TLS asked for after it breaks the MUST
      await ps.send(xml("failure", { xmlns: NS.sasl }, xml("not-authorized")));
      const next = await nextFrom(ps, 2000);
      if (isElement(next, NS.tls, "starttls"))
        throw new Violation(`the target sent <auth/> and then <starttls/>: ${sasl}`);
      ctx.should(
        false,
        `"An initiating entity SHOULD use TLS to secure its stream ... before proceeding with SASL authentication" (§5.2), but the target sent ${shown(first)} with STARTTLS on offer`,
      );
      return;
    }
    if (!isElement(first, NS.tls, "starttls")) return ctx.note(`the target chose neither: ${shown(first)}`);
    // we hold <proceed/> back a moment: an <auth/> now would be SASL before TLS is complete
    const early = await nextFrom(ps, 500);
    if (isElement(early, NS.sasl, "auth"))
      throw new Violation(`the target sent ${shown(early)} behind <starttls/>, before TLS: ${sasl}`);
  },
);

const outboundRestarts = outbound(
  {
    id: "rfc6120/5.4.3.3/outbound-new-header-over-tls",
    title:
      "the target, as initiating server, opens a new stream over TLS at once, without closing the old one",
    requirements: ["RFC6120-5.4.3.3-4"],
  },
  async (ctx, alice) => {
    const { ps, first } = await firstAnswerTo(
      ctx,
      alice,
      xml("starttls", { xmlns: NS.tls }, xml("required")),
    );
    if (!isElement(first, NS.tls, "starttls")) ctx.skip(`the target did not start TLS: ${shown(first)}`);
    const failed = await ps.proceedTls().then(
      () => undefined,
      (err: Error) => err,
    );
    if (!failed) return;
    // the handshake itself failing is not this case's matter; what came over TLS instead of a header is
    if (!ps.tls) await ctx.setUp("TLS with a valid certificate", () => Promise.reject(failed));
    throw new Violation(
      `over TLS the target sent no new stream header first (${failed.message}): "The initiating entity MUST send a new initial stream header to the receiving entity over the encrypted connection (... MUST NOT send a closing </stream> tag before sending the new initial stream header)" (§5.4.3.3)`,
    );
  },
);

const inboundDiscardsFrom: CaseSpec = {
  id: "rfc6120/5.4.3.3/inbound-discards-pre-tls-from",
  title: "the target, as receiving server, takes the 'from' of the header sent over TLS, not the one before",
  requirements: ["RFC6120-5.4.3.3-3"],
  needs: ["s2s"],
  async run(ctx) {
    const before = ctx.federation.domain("pre");
    const domain = ctx.federation.domain();
    const s = await ctx.setUp("open a server-to-server stream naming another domain in the clear", () =>
      ctx.federation.dial({ from: domain, header: { from: before } }),
    );
    if (!s.features?.getChild("starttls", NS.tls)) ctx.skip("the target offers no STARTTLS on s2s streams");
    s.streamDefaults.from = domain; // over TLS: the domain our certificate names
    const clear = s.header;
    const failed = await starttls(s).then(
      () => undefined,
      (err: Error) => err,
    );
    // the response header over TLS, whatever came after it (a stream error may follow)
    const to = s.header !== clear ? s.header?.attrs.to : undefined;
    if (to === before)
      throw new Violation(
        `the response header over TLS says to='${to}', the 'from' we sent in the clear${failed ? ` (then: ${failed.message})` : ""}: "The receiving entity MUST discard any information ... obtained from the initiating entity in an insecure manner before TLS took effect (e.g., the initiating entity's 'from' address)" (§5.4.3.3)`,
      );
    if (failed) await ctx.setUp("STARTTLS with a valid certificate", () => Promise.reject(failed));
    if (!s.offeredMechanisms().includes("EXTERNAL"))
      return ctx.note("EXTERNAL not offered: the header was the check");
    const refused = await authExternal(s).then(
      () => undefined,
      (err: Error) => err,
    );
    if (!refused) return;
    if (!(refused instanceof SaslFailure)) throw refused;
    await ctx.setUp("EXTERNAL succeeds with a valid certificate and one 'from' throughout", async () => {
      const outcome = await presentCertificate(ctx);
      if (outcome !== "external-accepted") throw new HarnessError(`it ended ${outcome}`);
    });
    throw new Violation(
      `SASL EXTERNAL for ${domain}, the domain our certificate names and our header over TLS says, failed (${refused.message}) after a header in the clear named ${before}`,
    );
  },
};

const inboundSilent: CaseSpec = {
  id: "rfc6120/5.4.3.1/inbound-silent-until-tls",
  title: "the target, as receiving server, sends no XML after <proceed/> until the TLS handshake is done",
  requirements: ["RFC6120-5.4.3.1-2"],
  needs: ["s2s"],
  async run(ctx) {
    const s = await ctx.setUp("open a server-to-server stream", () => ctx.federation.dial());
    if (!s.features?.getChild("starttls", NS.tls)) ctx.skip("the target offers no STARTTLS on s2s streams");
    await s.send(xml("starttls", { xmlns: NS.tls }));
    await ctx.setUp("the target answers <starttls/> with <proceed/>", async () => {
      const answer = await s.expect({ ns: NS.tls });
      if (answer.name !== "proceed") throw new HarnessError(`STARTTLS answered with <${answer.name}/>`);
    });
    // we hold our ClientHello back a moment: anything but a handshake record now is XML data
    const early = await s
      .expect(() => true, 500)
      .then(
        (el) => el,
        () => undefined,
      );
    if (early)
      throw new Violation(
        `after <proceed/> and before the TLS handshake the target sent ${early.toString().slice(0, 200)}: "The entities MUST NOT send any further XML data until the TLS negotiation is complete" (§5.4.3.1)`,
      );
  },
};

const inboundOffers: CaseSpec = {
  id: "rfc6120/13.14/inbound-offers-starttls",
  title: "the target offers STARTTLS on its server-to-server port",
  requirements: ["RFC6120-13.14-2"],
  needs: ["s2s"],
  async run(ctx) {
    const s = await ctx.setUp("open a server-to-server stream", () => ctx.federation.dial());
    ctx.should(
      s.features?.getChild("starttls", NS.tls) !== undefined,
      `no STARTTLS among the first features: "If a particular server enables federation, it SHOULD enable strong security ...; compliant implementations SHOULD support TLS and SASL for this purpose" (§13.14)`,
    );
  },
};

/** The receiving side of a stream restart over TLS, with the initiating server's certificate presented. */
const inboundRestarts: CaseSpec = {
  id: "rfc6120/5.4.3.3/inbound-new-header-over-tls",
  title:
    "the target, as receiving server, answers the new stream header sent over TLS (the initiating server presenting its certificate) with a new response header, a new stream id and features without STARTTLS",
  requirements: ["RFC6120-5.4.3.3-5", "RFC6120-5.4.3.3-6"],
  needs: ["s2s"],
  async run(ctx) {
    const s = await ctx.setUp("open a server-to-server stream", () => ctx.federation.dial());
    if (!s.features?.getChild("starttls", NS.tls)) ctx.skip("the target offers no STARTTLS on s2s streams");
    const clear = s.header;
    const failed = await starttls(s).then(
      () => undefined,
      (err: Error) => err,
    );
    // a handshake that never completed is the trust set-up's trouble; after it, the restart is the target's
    if (failed && !s.transport.secure)
      await ctx.setUp("TLS handshake with a valid certificate", () => Promise.reject(failed));
    if (failed || !s.header || s.header === clear)
      throw new Violation(
        `after a completed TLS handshake the target sent no response header to our new stream header (${failed?.message ?? "none"}): "The receiving entity MUST respond with a new response stream header over the encrypted connection" (§5.4.3.3)`,
      );
    ctx
      .expect(s.header.attrs.id, 'a new stream id (§5.4.3.3: "it MUST generate a new stream ID")')
      .to.not.equal(clear?.attrs.id);
    ctx
      .expect(
        s.features?.getChild("starttls", NS.tls),
        'the features after TLS (§5.4.3.3: they "MUST NOT include the STARTTLS feature")',
      )
      .to.equal(undefined);
  },
};

export default section("rfc6120", "5.4", "STARTTLS Process (server-to-server)", [
  outboundRequired,
  outboundVoluntary,
  outboundDiscardsFeatures,
  outboundRestarts,
  outboundTlsFirst,
  inboundDiscardsFrom,
  inboundRestarts,
  inboundSilent,
  inboundOffers,
]);

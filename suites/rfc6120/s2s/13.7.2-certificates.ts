// RFC 6120 §13.7.2 over server-to-server streams, both ways: a certificate that fails validation (dates,
// chain, purpose, name) must not let the peer that presented it in. Inbound, the target is the receiving
// entity judging our client certificate (§5.4.3.1: "the receiving entity too MUST attempt to validate the
// initiating entity's certificate"); outbound, it is the initiating entity judging our server certificate
// (§5.4.3.1, §13.9.5). §13.14 lets a session go on over such a TLS channel with Server Dialback, so only
// what trusts the certificate fails: SASL EXTERNAL succeeding inbound, stanzas after EXTERNAL outbound.
// A certificate with the name only in its CN ("no-san") is no case: RFC 6125 §6.4.4 lets a peer accept it.
import { Violation } from "../../../harness/errors.ts";
import {
  type CaseContext,
  type CaseSpec,
  type CertFlaw,
  type Client,
  goodCertificateWorks,
  offerStarttls,
  presentCertificate,
  provokeOutbound,
  routesToGoodPeer,
  section,
  untilStanza,
} from "../../kit/index.ts";

interface Flaw {
  flaw: CertFlaw;
  /** What is wrong, for titles and messages. */
  what: string;
  /** The validation rule it breaks beyond §13.7.2's MUSTs (name checks: §13.9.5, tls-certs). */
  extra: string[];
}

const FLAWS: Flaw[] = [
  { flaw: "expired", what: "an expired certificate", extra: [] },
  { flaw: "not-yet-valid", what: "a certificate not yet valid", extra: [] },
  { flaw: "self-signed", what: "a self-signed certificate", extra: [] },
  { flaw: "untrusted-ca", what: "a certificate from a CA it does not trust", extra: [] },
  { flaw: "wrong-name", what: "a certificate for another domain", extra: ["RFC6120-15-49"] },
  { flaw: "wrong-eku", what: "a certificate whose extended key usage excludes TLS", extra: [] },
];

const VALIDATES = ["RFC6120-13.7.2-1", "RFC6120-13.7.2-2", "RFC6120-13.7.2-3"];

function readings(ctx: CaseContext, f: Flaw): void {
  ctx.reading("I-6120-s2s-cert-dialback");
  if (f.flaw === "wrong-eku") ctx.reading("I-6120-wrong-eku");
}

function inboundCase(f: Flaw): CaseSpec {
  return {
    id: `rfc6120/13.7.2/inbound-refuses-${f.flaw}`,
    title: `the target, as receiving server, does not authenticate a peer presenting ${f.what}`,
    requirements: ["RFC6120-5.4.3.1-7", ...VALIDATES, ...f.extra],
    needs: ["s2s"],
    async run(ctx) {
      readings(ctx, f);
      const outcome = await presentCertificate(ctx, f.flaw);
      ctx.note(`with ${f.what}: ${outcome}`);
      if (outcome === "external-accepted")
        throw new Violation(
          `SASL EXTERNAL succeeded with ${f.what}: "If any of those validation attempts fail, the validating entity MUST unilaterally terminate the session" (RFC 6120 §13.7.2)`,
        );
      // a refused handshake only counts if a good certificate gets through
      if (outcome === "tls-refused") await goodCertificateWorks(ctx);
    },
  };
}

/** The target's outbound stream meets our flawed server certificate; EXTERNAL only after TLS. */
async function outboundMeets(ctx: CaseContext, alice: Client, f: Flaw): Promise<void> {
  const { ps, domain } = await provokeOutbound(ctx, alice, "cert");
  await offerStarttls(ctx, ps, true);
  const up = await ps.proceedTls({ flaw: f.flaw }).then(
    () => true,
    (err: Error) => {
      ctx.note(`TLS with ${f.what} for ${domain} ended: ${err.message}`);
      return false;
    },
  );
  if (!up) {
    await routesToGoodPeer(ctx, alice);
    return;
  }
  // no dialback on offer: §13.14's path over an untrusted channel does not arise
  const after = await untilStanza(ps, { external: true, dialback: false }, 3000);
  if ("stanza" in after)
    throw new Violation(
      `the target sent a stanza to ${domain}, whose server presented ${f.what}: ${after.stanza.toString().slice(0, 200)}`,
    );
  ctx.note(`no stanza over the flawed channel: ${after.none}`);
}

function outboundCase(f: Flaw): CaseSpec {
  return {
    id: `rfc6120/13.7.2/outbound-refuses-${f.flaw}`,
    title: `the target, as initiating server, sends nothing to a peer presenting ${f.what}`,
    requirements: ["RFC6120-5.4.3.1-6", "RFC6120-13.9.5-2", ...VALIDATES, ...f.extra],
    needs: ["s2s-outbound"],
    targetInitiates: true,
    users: ["alice"],
    async run(ctx, { alice }) {
      readings(ctx, f);
      await outboundMeets(ctx, alice, f);
    },
  };
}

/** The usual certificate of older servers: the domain as DNS-ID and as XmppAddr. */
const xmppAddrCase: CaseSpec = {
  id: "rfc6120/13.7.2/inbound-accepts-dns-id-with-xmppaddr",
  title: "the target authenticates a peer whose certificate names its domain as DNS-ID and also as XmppAddr",
  requirements: ["RFC6120-13.7.1.2.1-2", "RFC6120-15-49"],
  needs: ["s2s"],
  async run(ctx) {
    const outcome = await presentCertificate(ctx, undefined, { xmppAddr: true });
    if (outcome === "external-accepted") return;
    const plain = await ctx.setUp("present a certificate with the DNS-ID alone", () =>
      presentCertificate(ctx),
    );
    if (plain !== "external-accepted")
      ctx.skip(`the target does not authenticate peers by certificate (with the DNS-ID alone: ${plain})`);
    throw new Violation(
      `with the DNS-ID alone SASL EXTERNAL succeeds, with an XmppAddr beside it: ${outcome}. "Support for the DNS-ID identifier type ... is REQUIRED" (§13.7.1.2.1) and "the XmppAddr identifier ... is allowed as a reference identifier" (§13.7.2.1)`,
    );
  },
};

/** The positive side: a certificate naming the dialed domain as DNS-ID alone is one the target goes on with. */
const outboundDnsId: CaseSpec = {
  id: "rfc6120/13.7.2/outbound-accepts-dns-id",
  title: "the target, as initiating server, accepts a peer certificate that names the domain as DNS-ID alone",
  requirements: ["RFC6120-13.7.1.2.1-2", "RFC6120-15-49"],
  needs: ["s2s-outbound"],
  targetInitiates: true,
  users: ["alice"],
  async run(ctx, { alice }) {
    const { ps, domain } = await provokeOutbound(ctx, alice, "dns");
    await offerStarttls(ctx, ps, true);
    const refused = await ps.proceedTls().then(
      () => undefined,
      (err: Error) => err,
    );
    if (refused)
      throw new Violation(
        `the target refused TLS with a valid certificate naming ${domain} as DNS-ID (${refused.message}): "Support for the DNS-ID identifier type [PKIX] is REQUIRED in XMPP client and server software implementations" (§13.7.1.2.1)`,
      );
    const after = await untilStanza(ps, { external: true, dialback: true }, 10_000);
    if ("none" in after)
      throw new Violation(
        `over TLS with a valid DNS-ID certificate for ${domain} (EXTERNAL and dialback on offer) the target sent no stanza: ${after.none}`,
      );
  },
};

export default section("rfc6120", "13.7.2", "Certificate Validation (server-to-server)", [
  ...FLAWS.map(inboundCase),
  ...FLAWS.map(outboundCase),
  xmppAddrCase,
  outboundDnsId,
]);

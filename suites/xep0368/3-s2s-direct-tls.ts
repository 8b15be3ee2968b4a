// XEP-0368 §3 with the target as initiating server: a fresh domain published only with `_xmpps-server._tcp`
// records (directTlsOut), so the target's stream to it is TLS from the first byte. It must name the domain
// in SNI, should offer ALPN "xmpp-server", must not use STARTTLS there, and must validate our certificate
// "the same way as for STARTTLS" (RFC 6120 §13.7.2; §13.14's dialback-over-untrusted reading is allowed,
// so only a stanza after SASL EXTERNAL over a flawed certificate fails). XEP-0368 is optional: a target
// that never dials direct TLS SKIPs.
import { Violation } from "../../harness/errors.ts";
import {
  type CaseContext,
  type CaseSpec,
  type CertFlaw,
  type Client,
  directTlsOut,
  section,
  untilStanza,
} from "../kit/index.ts";

/** The target's direct TLS stream to a fresh domain (SKIP when it gave up: it does not dial direct TLS). */
async function stream(ctx: CaseContext, alice: Client) {
  const out = await directTlsOut(ctx, alice);
  if (!out.ps)
    return ctx.skip(
      `the target does not dial XEP-0368 direct TLS; ${alice.bare} got ${out.bounce ?? "no error"}`,
    );
  const tls = out.ps.tls;
  if (!tls) throw new Violation(`the stream to ${out.domain} came to the direct TLS port without TLS`);
  return { ...out, ps: out.ps, tls };
}

const FLAWS: { flaw: CertFlaw; what: string }[] = [
  { flaw: "expired", what: "an expired certificate" },
  { flaw: "untrusted-ca", what: "a certificate from a CA it does not trust" },
  { flaw: "wrong-name", what: "a certificate for another domain" },
];

function refusesCase({ flaw, what }: { flaw: CertFlaw; what: string }): CaseSpec {
  return {
    id: `xep0368/3/outbound-refuses-${flaw}`,
    title: `the target sends nothing over direct TLS to a peer presenting ${what}`,
    requirements: ["XEP0368-3-5", "RFC6120-13.7.2-3"],
    needs: ["s2s-outbound"],
    targetInitiates: true,
    users: ["alice"],
    async run(ctx, { alice }) {
      ctx.reading("I-6120-s2s-cert-dialback");
      const out = await directTlsOut(ctx, alice, flaw);
      if (!out.ps) {
        // it gave up: fine if it does dial direct TLS to a peer with a good certificate (else SKIP there)
        ctx.note(`with ${what}: ${alice.bare} got ${out.bounce ?? "no error"}`);
        await ctx.setUp("the target dials direct TLS to a peer with a good certificate", async () => {
          const good = await directTlsOut(ctx, alice);
          if (!good.ps)
            return ctx.skip(
              `the target does not dial XEP-0368 direct TLS; ${alice.bare} got ${good.bounce ?? "no error"}`,
            );
          const arrived = ctx.federation.listener.expect(good.domain, (el) => el.attrs.id === good.id);
          void ctx.federation.listener.serve(good.ps);
          await arrived;
        });
        return;
      }
      // no dialback on offer: §13.14's path over an untrusted channel does not arise
      const after = await untilStanza(out.ps, { external: true, dialback: false }, 3000);
      if ("stanza" in after)
        throw new Violation(
          `over direct TLS the target sent a stanza to ${out.domain}, whose server presented ${what}: "TLS certificates MUST be validated the same way as for STARTTLS" (XEP-0368 §3): ${after.stanza.toString().slice(0, 200)}`,
        );
      ctx.note(`no stanza over the flawed channel: ${after.none}`);
    },
  };
}

export default section("xep0368", "3", "Direct TLS: the target as initiating server", [
  {
    id: "xep0368/3/outbound-direct-tls-delivers",
    title: "the target reaches a domain published only with _xmpps-server over direct TLS, without STARTTLS",
    requirements: ["XEP0368-3-3", "XEP0368-3-6"],
    needs: ["s2s-outbound"],
    targetInitiates: true,
    users: ["alice"],
    async run(ctx, { alice }) {
      const { ps, domain, id, tls } = await stream(ctx, alice);
      ctx.note(`direct TLS from the first byte (${tls.protocol ?? "?"})`);
      // the listener's policy answers a <starttls/> here with <failure/> (XEP-0368 §3: "STARTTLS MUST NOT
      // be used over direct TLS connections"), so the message then never arrives
      const arrived = ctx.federation.listener.expect(domain, (el) => el.attrs.id === id);
      void ctx.federation.listener.serve(ps);
      await arrived.catch((err: Error) => {
        throw new Violation(
          `the message ${id} never arrived over the direct TLS stream to ${domain}: ${err.message}`,
        );
      });
    },
  },
  {
    id: "xep0368/3/outbound-sni-names-domain",
    title: "the target's direct TLS ClientHello names the remote domain in SNI",
    requirements: ["XEP0368-3-7"],
    needs: ["s2s-outbound"],
    targetInitiates: true,
    users: ["alice"],
    async run(ctx, { alice }) {
      const { ps, domain, bounce, handshakes } = await directTlsOut(ctx, alice);
      if (ps) void ctx.federation.listener.serve(ps);
      // without SNI the listener cannot pick the domain's certificate, so the target may give up: the
      // handshake it made meanwhile (none named another case's domain) still shows what it sent
      const tls =
        ps?.tls ??
        handshakes.find((h) => h.servername === domain) ??
        handshakes.find((h) => h.servername === undefined);
      if (!tls)
        return ctx.skip(`no direct TLS handshake for ${domain}; ${alice.bare} got ${bounce ?? "no error"}`);
      if (tls.servername !== domain)
        throw new Violation(
          `"Client or server MUST set SNI TLS extension to the JID's domain part" (XEP-0368 §3): SNI was ${tls.servername === undefined ? "absent" : `'${tls.servername}'`}, not '${domain}'`,
        );
    },
  },
  {
    id: "xep0368/3/outbound-alpn-xmpp-server",
    title: "the target's direct TLS ClientHello offers ALPN 'xmpp-server'",
    requirements: ["XEP0368-3-8", "XEP0368-3-10"],
    needs: ["s2s-outbound"],
    targetInitiates: true,
    users: ["alice"],
    async run(ctx, { alice }) {
      // we offer only "xmpp-server": a client offering other protocols alone fails the handshake (RFC 7301
      // §3.2), so an agreed protocol can only be that one; none agreed is no ALPN offer (the SHOULD)
      const { ps, tls } = await stream(ctx, alice);
      void ctx.federation.listener.serve(ps);
      ctx.should(
        tls.alpn === "xmpp-server",
        `"Client or server SHOULD set the ALPN (RFC 7301) TLS extension" (XEP-0368 §3): no ALPN protocol was agreed`,
      );
    },
  },
  ...FLAWS.map(refusesCase),
  {
    id: "xep0368/3/outbound-xmpp-srv-not-direct-tls",
    title: "the target does not dial direct TLS to the target of an _xmpp-server record",
    requirements: ["XEP0368-3-4"],
    needs: ["s2s-outbound"],
    targetInitiates: true,
    users: ["alice"],
    async run(ctx, { alice }) {
      // the record points at our direct TLS port: a plaintext stream header fails there (and the target
      // gives up on the domain), a TLS ClientHello naming the domain shows it dialed direct TLS
      const { ps, domain, bounce, handshakes } = await directTlsOut(ctx, alice, undefined, "xmpp");
      if (ps) void ctx.federation.listener.serve(ps);
      const tls = ps?.tls ?? handshakes.find((h) => h.servername === domain);
      if (tls)
        throw new Violation(
          `"Where 'service' starts with 'xmpp-' the client or server MUST NOT connect with direct TLS enabled" (XEP-0368 §3): the target dialed the _xmpp-server target of ${domain} with a TLS ClientHello${tls.servername ? ` (SNI '${tls.servername}')` : ""}`,
        );
      ctx.note(`no direct TLS to ${domain}; ${alice.bare} got ${bounce ?? "no error"}`);
    },
  },
]);

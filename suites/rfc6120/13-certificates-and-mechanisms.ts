// RFC 6120 §13: more security checks — the server certificate (§13.7.1), the MTI SASL mechanism (§13.8.1)
// and stanzas before authentication (§13.12).
import { Violation } from "../../harness/errors.ts";
import { section } from "../../harness/runner/case.ts";
import type { CaseContext } from "../../harness/runner/context.ts";
import { nextId } from "../../harness/session.ts";
import type { PeerCertificate } from "../../harness/transport/transport.ts";
import { NS, xml } from "../../harness/xml/element.ts";
import { clip } from "../helpers.ts";

/**
 * The certificate the server presents over STARTTLS (or direct TLS). Any certificate is accepted here
 * (insecure trust): these cases judge its contents, not whether we trust it.
 */
export async function presentedCertificate(ctx: CaseContext): Promise<PeerCertificate> {
  const s = await ctx.openSecured({ tls: "required", trust: { insecure: true } });
  const cert = s.transport.tls?.peerCertificate;
  if (!cert) throw new Violation("the server presented no certificate in the TLS handshake");
  return cert;
}

export default section("rfc6120", "13", "Security Considerations", [
  {
    id: "rfc6120/13.7.1.1/certificate-is-pkix",
    title: "the server certificate parses as X.509 and, with an empty subject, carries a subjectAltName",
    requirements: ["RFC6120-13.7.1.1-1"],
    needs: ["tls"],
    async run(ctx) {
      const cert = await presentedCertificate(ctx);
      if (!cert.parsed) throw new Violation("the server certificate does not parse as an X.509 certificate");
      // RFC 5280 §4.1.2.6: an empty subject requires the subjectAltName extension.
      if (cert.subject === "" && !cert.subjectAltName)
        throw new Violation("the certificate has an empty subject and no subjectAltName (RFC 5280 §4.1.2.6)");
      if (!(Date.parse(cert.validFrom) <= Date.parse(cert.validTo)))
        throw new Violation(`the validity period is empty: ${cert.validFrom} .. ${cert.validTo}`);
    },
  },
  {
    id: "rfc6120/13.7.1.1/certificate-not-ca",
    title: "the server certificate has no basicConstraints with cA set to TRUE",
    requirements: ["RFC6120-13.7.1.1-2"],
    needs: ["tls"],
    async run(ctx) {
      const cert = await presentedCertificate(ctx);
      if (cert.ca) throw new Violation("the server's end-entity certificate says basicConstraints cA=TRUE");
    },
  },
  {
    id: "rfc6120/13.7.1.1/certificate-subject-not-null",
    title: "the server certificate's subject field is not empty",
    requirements: ["RFC6120-13.7.1.1-3"],
    needs: ["tls"],
    async run(ctx) {
      const cert = await presentedCertificate(ctx);
      if (cert.subject.trim() === "") throw new Violation("the server certificate has an empty subject");
    },
  },
  {
    id: "rfc6120/13.7.1.2.1/certificate-names-a-domain",
    title:
      "the server certificate carries an XMPP address (domain) in its subjectAltName (or, legacy, its CN)",
    requirements: ["RFC6120-13.7.1.2.1-1"],
    needs: ["tls"],
    async run(ctx) {
      const cert = await presentedCertificate(ctx);
      // §13.7.1.2.1 and RFC 6125: SRVName, id-on-xmppAddr, dNSName, or (not recommended) the CN.
      const names = [
        ...(cert.subjectAltName ?? "").split(/,\s*/).map((n) => n.replace(/^[^:]*:/, "").trim()),
        ...cert.subject.split("\n").flatMap((l) => (l.startsWith("CN=") ? [l.slice(3)] : [])),
      ].map((n) => n.replace(/^_xmpp-client\./i, "").toLowerCase());
      const domain = ctx.domain.toLowerCase();
      const covers = (n: string) => n === domain || (n.startsWith("*.") && domain.endsWith(n.slice(1)));
      if (!names.some(covers)) {
        throw new Violation(
          `the certificate names no XMPP address of ${domain} (subjectAltName ${cert.subjectAltName ?? "absent"}, subject ${JSON.stringify(cert.subject)})`,
          true,
        );
      }
    },
  },
  {
    id: "rfc6120/13.8.1/scram-sha-1-offered",
    title: "after TLS the server offers SCRAM-SHA-1, and a login with it succeeds",
    requirements: ["RFC6120-13.8.1-1", "RFC6120-6.3.4-5", "RFC6120-15-10"],
    accounts: 1,
    async run(ctx) {
      const s = await ctx.openSecured();
      const offered = s.offeredMechanisms();
      if (!offered.includes("SCRAM-SHA-1"))
        throw new Violation(`SCRAM-SHA-1 is not among the offered mechanisms: ${offered.join(", ")}`);
      const a = ctx.accounts[0];
      await s.authenticate({ username: a.username, password: a.password }, "SCRAM-SHA-1");
    },
  },
  {
    id: "rfc6120/13.12/no-stanza-processing-before-auth",
    title: "an IQ to the server sent over TLS before SASL is not answered with a result",
    requirements: ["RFC6120-13.12-1"],
    async run(ctx) {
      const s = await ctx.openSecured();
      const id = nextId("early");
      await s.send(xml("iq", { type: "get", id, to: ctx.domain }, xml("ping", { xmlns: NS.ping })));
      const el = await s
        .expect((e) => e.name === "stream:error" || (e.name === "iq" && e.attrs.id === id))
        .catch(() => undefined); // silence (or a closed stream) means it was not processed
      if (el?.name === "iq" && el.attrs.type === "result")
        throw new Violation(`an IQ from an unauthenticated client was processed: ${clip(el)}`);
    },
  },
]);

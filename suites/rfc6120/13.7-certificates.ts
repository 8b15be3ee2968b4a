// RFC 6120 §13.7.1: the certificate the server presents — PKIX, not a CA, a subject, and an XMPP
// address of its domain.

import { Violation } from "../../harness/errors.ts";
import type { PeerCertificate } from "../../harness/transport/transport.ts";
import { type CaseContext, section } from "../kit/index.ts";

/**
 * The certificate the server presents over STARTTLS (or direct TLS). Any certificate is accepted here
 * (insecure trust): these cases judge its contents, not whether we trust it.
 */
async function presentedCertificate(ctx: CaseContext): Promise<PeerCertificate> {
  const s = await ctx.openSecured({ tls: "required", trust: { insecure: true } });
  const cert = s.transport.tls?.peerCertificate;
  if (!cert) throw new Violation("the server presented no certificate in the TLS handshake");
  return cert;
}

export default section("rfc6120", "13.7", "Certificates", [
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
      ctx.should(
        names.some(covers),
        `the certificate names no XMPP address of ${domain} (subjectAltName ${cert.subjectAltName ?? "absent"}, subject ${JSON.stringify(cert.subject)})`,
      );
    },
  },
]);

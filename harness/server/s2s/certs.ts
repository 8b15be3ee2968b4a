// Judging the certificate a peer server presented on an s2s stream (RFC 6120 §13.7.2, RFC 6125): does it
// chain to the trusted CA, is it valid now and for this use, and does it name the domain the peer claims.
// Checked here rather than read from the TLS layer: a TLSSocket made for STARTTLS on an accepted socket
// reports no verdict of its own for the client certificate.
import { X509Certificate } from "node:crypto";
import type tls from "node:tls";
import type { S2sFaultHooks } from "./fault-hooks-s2s.ts";

const EKU = { server: "1.3.6.1.5.5.7.3.1", client: "1.3.6.1.5.5.7.3.2" } as const;

/** The peer's leaf certificate, if it presented one. */
export function peerCertificate(sock: tls.TLSSocket): X509Certificate | undefined {
  return sock.getPeerX509Certificate();
}

/** The trusted CA (PEM) as a certificate. */
export function trustAnchor(pem: string): X509Certificate {
  return new X509Certificate(pem);
}

/**
 * Why the certificate is not acceptable (§13.7.2 (1)-(2): integrity, validity period, trust chain,
 * purpose), named as OpenSSL names it, or undefined when it is acceptable. The harness CA signs leaf
 * certificates directly, so the chain is one link.
 */
export function chainProblem(
  cert: X509Certificate,
  anchor: X509Certificate,
  role: "server" | "client",
  hooks: S2sFaultHooks,
): string | undefined {
  const problem = rawProblem(cert, anchor, role);
  return problem !== undefined && hooks.certificateErrorIgnored(problem) ? undefined : problem;
}

function rawProblem(
  cert: X509Certificate,
  anchor: X509Certificate,
  role: "server" | "client",
): string | undefined {
  if (cert.checkIssued(cert) && cert.verify(cert.publicKey)) return "DEPTH_ZERO_SELF_SIGNED_CERT";
  if (!cert.checkIssued(anchor) || !cert.verify(anchor.publicKey)) return "UNABLE_TO_VERIFY_LEAF_SIGNATURE";
  const now = Date.now();
  if (now < Date.parse(cert.validFrom)) return "CERT_NOT_YET_VALID";
  if (now > Date.parse(cert.validTo)) return "CERT_HAS_EXPIRED";
  const eku = cert.keyUsage;
  if (eku && eku.length > 0 && !eku.includes(EKU[role])) return "INVALID_PURPOSE";
  return undefined;
}

/** Does the certificate identify `domain` (DNS-ID, RFC 6125 §6.4; no CN fallback)? */
export function namesDomain(cert: X509Certificate, domain: string, hooks: S2sFaultHooks): boolean {
  if (hooks.anyCertificateName()) return true;
  if (hooks.tls.refusesXmppAddr(cert.subjectAltName)) return false;
  if (hooks.tls.xmppAddrOnly()) return (cert.subjectAltName ?? "").includes(`othername:XmppAddr:${domain}`);
  return cert.checkHost(domain, { subject: "never" }) !== undefined;
}

// Self-signed certificates for the reference server and the tests (EC P-256: ~20 ms, RSA 2048: ~170 ms).
import net from "node:net";
import { generate } from "selfsigned";

export interface CertificateOptions {
  /** Default "ec" (P-256); "rsa" (2048 bits) for peers that cannot do ECDSA. */
  keyType?: "ec" | "rsa";
  /** Validity from now, in days. Default 365. */
  days?: number;
  /** Faults only: mark the certificate as a CA's (basicConstraints cA=TRUE), against RFC 6120 §13.7.1.1. */
  ca?: boolean;
  /** Faults only: an empty subject and no subjectAltName (no XMPP address), against RFC 6120 §13.7.1. */
  anonymous?: boolean;
}

/**
 * A self-signed server certificate whose subjectAltName holds every name in `names`
 * (DNS names; IP literals become IP entries) plus 127.0.0.1 and ::1. The first name is the CN.
 */
export async function generateCertificate(
  names: string[],
  opts: CertificateOptions = {},
): Promise<{ key: string; cert: string }> {
  const dns = [...new Set(names.map((n) => n.toLowerCase()).filter((n) => !net.isIP(n)))];
  const ips = [...new Set([...names.filter((n) => net.isIP(n)), "127.0.0.1", "::1"])];
  const keyType = opts.keyType ?? "ec";
  const now = Date.now();
  const subject = opts.anonymous ? [] : [{ name: "commonName", value: dns[0] ?? "localhost" }];
  const altNames = [
    ...dns.map((value) => ({ type: 2 as const, value })),
    ...ips.map((ip) => ({ type: 7 as const, ip })),
  ];
  const pems = await generate(subject, {
    keyType,
    ...(keyType === "rsa" ? { keySize: 2048 } : { curve: "P-256" as const }),
    algorithm: "sha256",
    // An hour of slack for clocks that disagree.
    notBeforeDate: new Date(now - 3_600_000),
    notAfterDate: new Date(now + (opts.days ?? 365) * 86_400_000),
    extensions: [
      { name: "basicConstraints", cA: opts.ca === true, critical: true },
      // ECDSA keys only sign; RSA keys may also encipher (RSA key exchange in TLS 1.2).
      { name: "keyUsage", digitalSignature: true, keyEncipherment: keyType === "rsa", critical: true },
      { name: "extKeyUsage", serverAuth: true, clientAuth: true },
      ...(opts.anonymous ? [] : [{ name: "subjectAltName" as const, altNames }]),
    ],
  });
  return { key: pems.private, cert: pems.cert };
}

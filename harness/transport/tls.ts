// The client side of TLS: our trust settings as tls.connect options, and what a finished handshake tells
// (protocol, cipher, the peer's certificate).
import { X509Certificate } from "node:crypto";
import net from "node:net";
import tls from "node:tls";
import type { PeerCertificate, TlsInfo, TlsTrust } from "./transport.ts";

/** Options for tls.connect built from our trust settings. */
export function tlsOptions(host: string, trust: TlsTrust): tls.ConnectionOptions {
  // SNI must be a host name, never an IP literal (RFC 6066 §3); the identity check still uses `host`.
  const servername = trust.servername ?? (net.isIP(host) ? undefined : host);
  const secureContext = contextFor(trust.ca, trust.maxVersion, trust.certificate);
  return { host, servername, secureContext, rejectUnauthorized: !trust.insecure };
}

// A secure context per trusted CA, shared by all connections: building one (loading the CA store) costs
// more than the handshake itself, and a suite opens thousands of connections.
const contexts = new Map<string, tls.SecureContext>();

function contextFor(
  ca: string | Buffer | undefined,
  maxVersion?: tls.SecureVersion,
  certificate?: { cert: string; key: string },
): tls.SecureContext {
  const key = `${maxVersion ?? ""}|${ca === undefined ? "" : ca.toString()}|${certificate?.cert ?? ""}`;
  let ctx = contexts.get(key);
  if (!ctx) {
    ctx = tls.createSecureContext({
      ...(ca === undefined ? {} : { ca }),
      ...(maxVersion ? { maxVersion } : {}),
      ...(certificate ?? {}),
    });
    contexts.set(key, ctx);
  }
  return ctx;
}

export function tlsInfoOf(sock: tls.TLSSocket): TlsInfo {
  const info: TlsInfo = {
    protocol: sock.getProtocol() ?? null,
    cipher: sock.getCipher()?.name ?? null,
    authorized: sock.authorized,
  };
  // Node types this as Error, but at runtime it is a code string such as "DEPTH_ZERO_SELF_SIGNED_CERT".
  if (sock.authorizationError) info.authorizationError = String(sock.authorizationError);
  if (sock.alpnProtocol) info.alpn = sock.alpnProtocol;
  const sni = (sock as { servername?: string | false }).servername;
  if (sni) info.servername = sni;
  // Parsing the certificate costs more than the rest of a handshake, and only the certificate cases read
  // it: parse on first read (the socket may be gone by then, so the raw bytes are taken now).
  const raw = sock.getPeerX509Certificate()?.raw;
  if (!raw || raw.length === 0) return info;
  let peer: PeerCertificate | undefined;
  Object.defineProperty(info, "peerCertificate", {
    enumerable: true,
    get: () => (peer ??= peerCertificateOf(raw)),
  });
  return info;
}

/**
 * Does the DER certificate carry basicConstraints with cA=TRUE? (Node's `ca` is OpenSSL's X509_check_ca,
 * which also wants keyCertSign; RFC 6120 §13.7.1.1 is about the flag alone.)
 */
export function basicConstraintsCa(der: Buffer): boolean {
  const oid = Buffer.from([0x06, 0x03, 0x55, 0x1d, 0x13]); // id-ce-basicConstraints
  let i = der.indexOf(oid);
  if (i < 0) return false;
  i += oid.length;
  if (der[i] === 0x01) i += 3; // critical BOOLEAN
  if (der[i] !== 0x04) return false; // extnValue OCTET STRING, then the BasicConstraints SEQUENCE
  i += 2;
  if (der[i] !== 0x30) return false;
  return der[i + 2] === 0x01 && der[i + 3] === 0x01 && der[i + 4] !== 0x00;
}

/** The leaf certificate the peer presented, from its DER bytes. */
function peerCertificateOf(raw: Buffer): PeerCertificate {
  try {
    const x = new X509Certificate(raw);
    return {
      subject: x.subject ?? "",
      issuer: x.issuer ?? "",
      subjectAltName: x.subjectAltName,
      ca: x.ca || basicConstraintsCa(raw),
      validFrom: x.validFrom,
      validTo: x.validTo,
      raw,
      parsed: true,
    };
  } catch {
    // not parseable as X.509: keep the bytes, the checks report it
    return { subject: "", issuer: "", ca: false, validFrom: "", validTo: "", raw, parsed: false };
  }
}

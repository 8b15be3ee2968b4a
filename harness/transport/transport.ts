// One small interface over every way of carrying an XMPP stream.
import type { EventEmitter } from "node:events";

export type TransportKind = "tcp" | "tls" | "ws" | "wss";

export interface TlsTrust {
  /** PEM CA certificate(s) to trust besides the system store. */
  ca?: string | Buffer;
  /** Accept any certificate (self-signed test servers). */
  insecure?: boolean;
  /** Server name for SNI and certificate checks (the XMPP domain). */
  servername?: string;
  /** Offer no TLS version above this one (a TLS 1.2 renegotiation attempt needs TLS 1.2). */
  maxVersion?: "TLSv1.2" | "TLSv1.3";
  /** A client certificate and its key (PEM) to present: a server authenticating with SASL EXTERNAL (XEP-0178). */
  certificate?: { cert: string; key: string };
  /** ALPN protocols direct TLS offers (XEP-0368 §3); default ["xmpp-client"]. */
  alpn?: string[];
}

/** How a client-initiated TLS renegotiation ended: completed, or refused by the peer's TLS layer. */
export type Renegotiation = { done: true } | { done: false; error: string };

export interface TlsInfo {
  protocol: string | null;
  cipher: string | null;
  authorized: boolean;
  authorizationError?: string;
  /** The ALPN protocol agreed on (RFC 7301), when both sides offered one in common. */
  alpn?: string;
  /** The SNI name of the handshake (RFC 6066): on a server socket, what the client asked for. */
  servername?: string;
  /** The certificate the peer presented, when it presented one (RFC 6120 §13.7.1). */
  peerCertificate?: PeerCertificate;
}

export interface PeerCertificate {
  /** Subject distinguished name, one "key=value" per line; "" when the subject is empty. */
  subject: string;
  issuer: string;
  /** "DNS:a, IP Address:b, othername:..." as Node prints it; undefined without the extension. */
  subjectAltName?: string;
  /** basicConstraints cA is TRUE. */
  ca: boolean;
  validFrom: string;
  validTo: string;
  /** The DER encoding. */
  raw: Buffer;
  /** It parses as an X.509 certificate (false: the other fields are empty). */
  parsed: boolean;
}

/**
 * A byte pipe to a peer. Events: "data" (Buffer), "close" (error?: Error).
 * `framed` transports (RFC 7395 WebSocket) carry one whole element per message and
 * use <open/>/<close/> instead of <stream:stream>; byte-stream transports do not.
 */
export interface Transport extends EventEmitter {
  readonly kind: TransportKind;
  readonly framed: boolean;
  readonly secure: boolean;
  readonly tls: TlsInfo | undefined;
  readonly closed: boolean;
  /** Send bytes (or one frame, for framed transports). Resolves once handed to the OS. */
  write(data: string | Buffer): Promise<void>;
  /** Attempt a TLS renegotiation (TLS 1.2 and byte streams only); absent where it cannot be tried. */
  renegotiate?(): Promise<Renegotiation>;
  /** Upgrade in place (STARTTLS). Rejects on framed or already-secure transports. */
  startTls(trust: TlsTrust): Promise<void>;
  /** Graceful close: TLS close_notify / WebSocket close / TCP FIN, then wait for the peer. */
  end(): Promise<void>;
  /** Abrupt close (TCP reset where possible). */
  destroy(): void;
}

export interface Endpoint {
  kind: TransportKind;
  host: string;
  port: number;
  /** WebSocket path, e.g. "/xmpp-websocket". */
  path?: string;
}

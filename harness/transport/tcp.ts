// TCP transport (RFC 6120 §3) with in-place STARTTLS (§5) and direct TLS (XEP-0368).
import { X509Certificate } from "node:crypto";
import { EventEmitter } from "node:events";
import net from "node:net";
import tls from "node:tls";
import type { PeerCertificate, TlsInfo, TlsTrust, Transport } from "./transport.ts";

export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
export const DEFAULT_CLOSE_TIMEOUT_MS = 2_000;

/** What went wrong, for callers that map failures to verdicts (ERROR vs FAIL). */
export type TransportErrorReason =
  | "refused"
  | "timeout"
  | "dns"
  | "unreachable"
  | "reset"
  | "closed"
  | "tls-untrusted"
  | "tls-name"
  | "tls-handshake"
  | "websocket-handshake"
  | "subprotocol"
  | "protocol"
  | "state"
  | "other";

/** A transport failure whose message is one line fit for a CLI or a report. */
export class TransportError extends Error {
  override readonly name = "TransportError";
  /** The underlying Node/OpenSSL error code, when there is one (e.g. ECONNREFUSED). */
  readonly code?: string;

  constructor(
    message: string,
    readonly reason: TransportErrorReason,
    cause?: unknown,
  ) {
    super(message, cause === undefined ? undefined : { cause });
    const code = (cause as { code?: unknown } | undefined)?.code;
    if (typeof code === "string") this.code = code;
  }
}

const TRUST_HINT = "(use --tls-ca FILE or --insecure)";

// OpenSSL verification failures: the chain is fine as TLS but not trusted by us.
const UNTRUSTED_CODES = new Set([
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_ISSUER_CERT",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "CERT_UNTRUSTED",
  "CERT_REJECTED",
  "CERT_HAS_EXPIRED",
  "CERT_NOT_YET_VALID",
  "CERT_SIGNATURE_FAILURE",
  "CERT_CHAIN_TOO_LONG",
  "INVALID_CA",
  "INVALID_PURPOSE",
]);

/** "host:port", with brackets around IPv6 literals. */
export function formatAddress(host: string, port: number): string {
  return host.includes(":") ? `[${host}]:${port}` : `${host}:${port}`;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/**
 * Turn a socket/TLS/DNS error into a one-line TransportError.
 * `where` names the peer ("127.0.0.1:5222" or a URL); `stage`: connecting, in a TLS handshake, or over an
 * established TLS session.
 */
export function toTransportError(
  err: unknown,
  where: string,
  stage: "connect" | "tls" | "secure",
): TransportError {
  if (err instanceof TransportError) return err;
  const e = (err ?? {}) as { code?: unknown; message?: unknown; reason?: unknown; hostname?: unknown };
  const code = typeof e.code === "string" ? e.code : "";
  const detail = oneLine(
    typeof e.reason === "string" && e.reason
      ? e.reason
      : typeof e.message === "string"
        ? e.message
        : String(err),
  );
  const tlsFailed = `TLS handshake with ${where} failed`;
  switch (code) {
    case "ECONNREFUSED":
      return new TransportError(`connection refused by ${where}`, "refused", err);
    case "ENOTFOUND":
    case "EAI_NONAME":
    case "EAI_FAIL":
      return new TransportError(`cannot resolve host ${e.hostname ?? where}`, "dns", err);
    case "EAI_AGAIN":
      return new TransportError(
        `cannot resolve host ${e.hostname ?? where} (temporary DNS failure)`,
        "dns",
        err,
      );
    case "ETIMEDOUT":
      return new TransportError(`connection to ${where} timed out`, "timeout", err);
    case "EHOSTUNREACH":
    case "ENETUNREACH":
    case "EADDRNOTAVAIL":
      return new TransportError(`${where} is unreachable (${code})`, "unreachable", err);
    case "ECONNRESET":
    case "EPIPE":
      return stage === "tls"
        ? new TransportError(`${tlsFailed}: connection closed by peer`, "reset", err)
        : new TransportError(`connection reset by ${where}`, "reset", err);
    case "ERR_TLS_CERT_ALTNAME_INVALID":
      return new TransportError(
        `${tlsFailed}: ${detail} (use --insecure to skip the check)`,
        "tls-name",
        err,
      );
    case "ERR_SSL_WRONG_VERSION_NUMBER":
    case "ERR_SSL_PACKET_LENGTH_TOO_LONG":
      return new TransportError(`${tlsFailed}: ${detail} (is it a plaintext port?)`, "tls-handshake", err);
  }
  if (UNTRUSTED_CODES.has(code)) {
    return new TransportError(`${tlsFailed}: ${detail} ${TRUST_HINT}`, "tls-untrusted", err);
  }
  const tlsError = code.startsWith("ERR_SSL_") || code.startsWith("ERR_TLS_");
  if (stage === "secure" && tlsError) {
    return new TransportError(`TLS error on the connection to ${where}: ${detail}`, "protocol", err);
  }
  if (stage === "tls" || tlsError) {
    return new TransportError(`${tlsFailed}: ${detail}`, "tls-handshake", err);
  }
  return new TransportError(`connection to ${where} failed: ${detail}`, "other", err);
}

/** Options for tls.connect built from our trust settings. */
export function tlsOptions(host: string, trust: TlsTrust): tls.ConnectionOptions {
  // SNI must be a host name, never an IP literal (RFC 6066 §3); the identity check still uses `host`.
  const servername = trust.servername ?? (net.isIP(host) ? undefined : host);
  return { host, servername, secureContext: contextFor(trust.ca), rejectUnauthorized: !trust.insecure };
}

// A secure context per trusted CA, shared by all connections: building one (loading the CA store) costs
// more than the handshake itself, and a suite opens thousands of connections.
const contexts = new Map<string, tls.SecureContext>();

function contextFor(ca: string | Buffer | undefined): tls.SecureContext {
  const key = ca === undefined ? "" : ca.toString();
  let ctx = contexts.get(key);
  if (!ctx) {
    ctx = tls.createSecureContext(ca === undefined ? {} : { ca });
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

export interface TcpConnectOptions {
  host: string;
  port: number;
  /** Direct TLS from the first byte (XEP-0368); otherwise plaintext, STARTTLS later. */
  directTls?: boolean;
  /** Trust settings for direct TLS (STARTTLS takes its own in startTls). */
  trust?: TlsTrust;
  /** Bound on TCP connect plus direct-TLS handshake, and on each STARTTLS handshake. Default 10 s. */
  connectTimeoutMs?: number;
  /** How long end() waits for the peer to close before destroying. Default 2 s. */
  closeTimeoutMs?: number;
}

function tcpConnect(host: string, port: number, timeoutMs: number): Promise<net.Socket> {
  const where = formatAddress(host, port);
  return new Promise((resolve, reject) => {
    const sock = net.connect({ host, port });
    const timer = setTimeout(() => {
      sock.destroy();
      reject(new TransportError(`connection to ${where} timed out after ${timeoutMs} ms`, "timeout"));
    }, timeoutMs);
    const onError = (err: Error) => {
      clearTimeout(timer);
      sock.destroy();
      reject(toTransportError(err, where, "connect"));
    };
    sock.once("error", onError);
    sock.once("connect", () => {
      clearTimeout(timer);
      sock.removeListener("error", onError);
      sock.setNoDelay(true);
      resolve(sock);
    });
  });
}

const ignore = () => {};

/**
 * A byte-stream transport over one TCP connection. Events: "data" (Buffer), "close" (error?: TransportError).
 * Reading starts when the first "data" listener is added, so nothing is lost before the caller listens.
 */
export class TcpTransport extends EventEmitter implements Transport {
  readonly framed = false;
  /** "host:port" of the peer, for messages. */
  readonly address: string;
  private socket: net.Socket;
  private tlsInfo: TlsInfo | undefined;
  private reading = false;
  private upgrading = false;
  private isClosed = false;
  private destroying = false;
  private error: TransportError | undefined;

  private constructor(
    readonly kind: "tcp" | "tls",
    private readonly raw: net.Socket,
    private readonly host: string,
    port: number,
    private readonly connectTimeoutMs: number,
    private readonly closeTimeoutMs: number,
  ) {
    super();
    this.address = formatAddress(host, port);
    this.socket = raw;
    this.attach(raw);
    this.on("newListener", (event) => {
      if (event === "data" && !this.reading) {
        this.reading = true;
        // Safe to attach synchronously: a stream emits buffered data on a later tick.
        this.socket.on("data", this.onData);
      }
    });
  }

  static async connect(opts: TcpConnectOptions): Promise<TcpTransport> {
    const connectTimeoutMs = opts.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
    const started = Date.now();
    const raw = await tcpConnect(opts.host, opts.port, connectTimeoutMs);
    const t = new TcpTransport(
      opts.directTls ? "tls" : "tcp",
      raw,
      opts.host,
      opts.port,
      connectTimeoutMs,
      opts.closeTimeoutMs ?? DEFAULT_CLOSE_TIMEOUT_MS,
    );
    if (opts.directTls) {
      const left = Math.max(1, connectTimeoutMs - (Date.now() - started));
      // XEP-0368 §3: direct TLS clients offer ALPN "xmpp-client".
      await t.handshake(opts.trust ?? {}, left, connectTimeoutMs, ["xmpp-client"]);
    }
    return t;
  }

  get secure(): boolean {
    return this.tlsInfo !== undefined;
  }

  get tls(): TlsInfo | undefined {
    return this.tlsInfo;
  }

  get closed(): boolean {
    return this.isClosed;
  }

  write(data: string | Buffer): Promise<void> {
    const sock = this.socket;
    if (this.isClosed || sock.destroyed || sock.writableEnded) {
      return Promise.reject(
        new TransportError(`cannot write: connection to ${this.address} is closed`, "closed"),
      );
    }
    return new Promise((resolve, reject) => {
      sock.write(data, (err) => (err ? reject(toTransportError(err, this.address, "connect")) : resolve()));
    });
  }

  async startTls(trust: TlsTrust): Promise<void> {
    if (this.isClosed) {
      throw new TransportError(`cannot start TLS: connection to ${this.address} is closed`, "closed");
    }
    if (this.secure || this.upgrading) {
      throw new TransportError(`cannot start TLS: connection to ${this.address} is already secured`, "state");
    }
    await this.handshake(trust, this.connectTimeoutMs, this.connectTimeoutMs);
  }

  async end(): Promise<void> {
    if (this.isClosed) return;
    const closed = new Promise<void>((resolve) => this.once("close", () => resolve()));
    // For TLS, end() sends close_notify before the FIN; some servers misbehave without it.
    this.socket.end();
    const timer = setTimeout(() => {
      this.destroying = true;
      this.socket.destroy();
    }, this.closeTimeoutMs);
    await closed;
    clearTimeout(timer);
  }

  destroy(): void {
    if (this.isClosed || this.destroying) return;
    this.destroying = true;
    // Already going down (e.g. after an error): resetting now as well would race the TLS teardown.
    if (this.socket.destroyed || this.raw.destroyed) return;
    // After end() a shutdown may be pending, and Node 20's reset then fails and never closes the
    // handle: the descriptor leaks and the process spins at exit. A plain destroy is right then.
    if (this.socket.writableEnded || this.raw.writableEnded) {
      this.socket.destroy();
      return;
    }
    // Reset the TCP connection underneath any TLS layer (a TLSSocket has no resetAndDestroy of its own).
    // The TLS socket closes when the raw one does; destroying both at once crashes Node 20.
    try {
      this.raw.resetAndDestroy();
    } catch {
      this.socket.destroy();
    }
  }

  private readonly onData = (chunk: Buffer) => {
    this.emit("data", chunk);
  };

  private readonly onError = (err: Error) => {
    if (this.destroying) return;
    const stage = this.upgrading ? "tls" : this.secure ? "secure" : "connect";
    this.error ??= toTransportError(err, this.address, stage);
    // A TLS socket stays open after an error once the handshake is done; nothing sensible can follow.
    if (!this.socket.destroyed) this.socket.destroy();
  };

  private readonly onClose = () => {
    if (this.isClosed) return;
    this.isClosed = true;
    this.emit("close", this.destroying ? undefined : this.error);
  };

  private attach(sock: net.Socket): void {
    sock.on("error", this.onError);
    sock.on("close", this.onClose);
    if (this.reading) sock.on("data", this.onData);
  }

  private detach(sock: net.Socket): void {
    sock.removeListener("error", this.onError);
    sock.removeListener("close", this.onClose);
    sock.removeListener("data", this.onData);
  }

  /** Wrap the current plaintext socket in TLS, in place. `budgetMs` is the whole connect budget, for the message. */
  private handshake(trust: TlsTrust, timeoutMs: number, budgetMs: number, alpn?: string[]): Promise<void> {
    this.upgrading = true;
    const plain = this.socket;
    // From here on, bytes belong to TLS: no plaintext "data" may reach the caller.
    this.detach(plain);
    // The TLS socket reports failures of the connection underneath; keep the old one from throwing.
    plain.on("error", ignore);
    const sock = tls.connect({ ...tlsOptions(this.host, trust), socket: plain, ALPNProtocols: alpn });
    this.socket = sock;
    this.attach(sock);
    return new Promise((resolve, reject) => {
      const done = (err?: TransportError) => {
        clearTimeout(timer);
        sock.removeListener("secureConnect", onSecure);
        sock.removeListener("error", onFail);
        sock.removeListener("close", onClosed);
        this.upgrading = false;
        if (!err) return resolve();
        this.error = err;
        sock.destroy();
        reject(err);
      };
      const onSecure = () => {
        this.tlsInfo = tlsInfoOf(sock);
        done();
      };
      const onFail = (err: Error) => done(toTransportError(err, this.address, "tls"));
      const onClosed = () =>
        done(
          new TransportError(`TLS handshake with ${this.address} failed: connection closed by peer`, "reset"),
        );
      const timer = setTimeout(
        () =>
          done(
            new TransportError(
              `TLS handshake with ${this.address} timed out after ${budgetMs} ms`,
              "timeout",
            ),
          ),
        timeoutMs,
      );
      sock.once("secureConnect", onSecure);
      sock.once("error", onFail);
      sock.once("close", onClosed);
    });
  }
}

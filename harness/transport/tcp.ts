// TCP transport (RFC 6120 §3) with in-place STARTTLS (§5) and direct TLS (XEP-0368).
import { EventEmitter } from "node:events";
import net from "node:net";
import tls from "node:tls";
import { tlsInfoOf, tlsOptions } from "./tls.ts";
import { acceptTlsSocket, type TlsServerOptions } from "./tls-server.ts";
import type { Renegotiation, TlsInfo, TlsTrust, Transport } from "./transport.ts";
import { TransportError, toTransportError } from "./transport-error.ts";

// Callers import these from here: the TLS helpers and the error type live in their own modules.
export { basicConstraintsCa, tlsInfoOf, tlsOptions } from "./tls.ts";
export type { TlsServerOptions } from "./tls-server.ts";
export { TransportError, type TransportErrorReason, toTransportError } from "./transport-error.ts";

export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
export const DEFAULT_CLOSE_TIMEOUT_MS = 2_000;

/** "host:port", with brackets around IPv6 literals. */
export function formatAddress(host: string, port: number): string {
  return host.includes(":") ? `[${host}]:${port}` : `${host}:${port}`;
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
      // XEP-0368 §3: direct TLS clients offer ALPN "xmpp-client" (servers "xmpp-server").
      const alpn = opts.trust?.alpn ?? ["xmpp-client"];
      await t.handshake(opts.trust ?? {}, left, connectTimeoutMs, alpn);
    }
    return t;
  }

  /** A connection a listener of the harness accepted (the harness as a server, harness/peer). */
  static accept(
    sock: net.Socket,
    opts: { kind?: "tcp" | "tls"; connectTimeoutMs?: number; closeTimeoutMs?: number } = {},
  ): TcpTransport {
    sock.setNoDelay(true);
    return new TcpTransport(
      opts.kind ?? "tcp",
      sock,
      sock.remoteAddress ?? "?",
      sock.remotePort ?? 0,
      opts.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
      opts.closeTimeoutMs ?? DEFAULT_CLOSE_TIMEOUT_MS,
    );
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

  /** The server side of STARTTLS, in place: the peer's handshake, answered with `opts`' certificate. */
  async acceptTls(opts: TlsServerOptions): Promise<void> {
    if (this.isClosed || this.secure || this.upgrading) {
      throw new TransportError(
        `cannot accept TLS: connection to ${this.address} is closed or secured`,
        "state",
      );
    }
    this.upgrading = true;
    const plain = this.socket;
    this.detach(plain);
    plain.on("error", ignore);
    try {
      const sock = await acceptTlsSocket(plain, opts, this.connectTimeoutMs);
      this.socket = sock;
      this.attach(sock);
      this.tlsInfo = tlsInfoOf(sock);
    } catch (err) {
      this.error = toTransportError(err as Error, this.address, "tls");
      if (plain.closed) this.onClose();
      else {
        plain.once("close", this.onClose);
        plain.destroy();
      }
      throw this.error;
    } finally {
      this.upgrading = false;
    }
    // the connection may have gone while nobody listened
    if (this.socket.closed) this.onClose();
  }

  /**
   * RFC 6120 §5.3.5: a TLS renegotiation started by us. A refusal (a no_renegotiation alert) is an error
   * of our TLS layer, which must not tear the connection down: whether the peer closes it is the point.
   */
  renegotiate(): Promise<Renegotiation> {
    const sock = this.socket;
    if (!(sock instanceof tls.TLSSocket) || sock.getProtocol() !== "TLSv1.2") {
      return Promise.reject(
        new TransportError(`no TLS 1.2 connection to ${this.address} to renegotiate`, "state"),
      );
    }
    this.destroying = true; // onError keeps its hands off while the attempt runs
    return new Promise((resolve) => {
      let settled = false;
      // a refusal comes as the socket's 'error' rather than as the callback's argument
      const done = (err: Error | null) => {
        if (settled) return;
        settled = true;
        sock.removeListener("error", done);
        clearTimeout(timer);
        this.destroying = false;
        resolve(err ? { done: false, error: err.message } : { done: true });
      };
      // a peer that neither completes nor refuses it leaves the handshake hanging: a refusal too
      const timer = setTimeout(
        () => done(new Error(`no end to the renegotiation within ${this.connectTimeoutMs} ms`)),
        this.connectTimeoutMs,
      );
      sock.once("error", done);
      if (!sock.renegotiate({ rejectUnauthorized: false }, done))
        done(new Error("renegotiation not started"));
    });
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

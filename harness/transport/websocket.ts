// WebSocket transport (RFC 7395): one XML element per text message, subprotocol "xmpp".
import { EventEmitter } from "node:events";
import type { IncomingMessage } from "node:http";
import { TLSSocket } from "node:tls";
import WebSocket from "ws";
import { DEFAULT_CLOSE_TIMEOUT_MS, DEFAULT_CONNECT_TIMEOUT_MS } from "./tcp.ts";
import { tlsInfoOf } from "./tls.ts";
import type { TlsInfo, TlsTrust, Transport } from "./transport.ts";
import { TransportError, toTransportError } from "./transport-error.ts";

export const XMPP_SUBPROTOCOL = "xmpp";

export interface WebSocketConnectOptions {
  /** Trust settings for wss:// (ignored for ws://). */
  trust?: TlsTrust;
  /** Bound on TCP connect, TLS and the HTTP upgrade together. Default 10 s. */
  connectTimeoutMs?: number;
  /** How long end() waits for the peer's close frame before terminating. Default 2 s. */
  closeTimeoutMs?: number;
}

/** Close codes that mean an orderly end (RFC 6455 §7.4.1); others are reported as an error. */
const CLEAN_CLOSE_CODES = new Set([1000, 1001, 1005]);

function describeHandshakeError(err: Error, url: string, timeoutMs: number): TransportError {
  const msg = err.message;
  if (msg === "Server sent no subprotocol" || msg === "Server sent an invalid subprotocol") {
    return new TransportError(
      `WebSocket server at ${url} did not select the "${XMPP_SUBPROTOCOL}" subprotocol (RFC 7395 §3.1)`,
      "subprotocol",
      err,
    );
  }
  if (msg === "Opening handshake has timed out") {
    return new TransportError(
      `WebSocket connection to ${url} timed out after ${timeoutMs} ms`,
      "timeout",
      err,
    );
  }
  const status = /^Unexpected server response: (\d+)/.exec(msg);
  if (status) {
    return new TransportError(
      `WebSocket handshake with ${url} failed: HTTP status ${status[1]}`,
      "websocket-handshake",
      err,
    );
  }
  if (typeof (err as { code?: unknown }).code === "string") {
    return toTransportError(err, url, url.startsWith("wss:") ? "tls" : "connect");
  }
  return new TransportError(`WebSocket handshake with ${url} failed: ${msg}`, "websocket-handshake", err);
}

/**
 * A framed transport over one WebSocket. Events: "data" (Buffer, { binary: boolean }) — one per message;
 * binary messages break RFC 7395 §3.2 and are flagged so a case can tell — and "close" (error?: TransportError).
 * Messages are held until the first "data" listener is added.
 */
export class WebSocketTransport extends EventEmitter implements Transport {
  readonly framed = true;
  /** Close code and reason from the peer's close frame (or 1006 when there was none). */
  closeCode: number | undefined;
  closeReason: string | undefined;
  private isClosed = false;
  private destroying = false;
  private error: TransportError | undefined;
  private held: [Buffer, { binary: boolean }][] = [];

  private constructor(
    readonly kind: "ws" | "wss",
    readonly url: string,
    private readonly ws: WebSocket,
    readonly tls: TlsInfo | undefined,
    private readonly closeTimeoutMs: number,
  ) {
    super();
    ws.on("message", (data: Buffer, isBinary: boolean) => {
      if (this.listenerCount("data") > 0 && this.held.length === 0)
        this.emit("data", data, { binary: isBinary });
      else this.held.push([data, { binary: isBinary }]);
    });
    ws.on("error", (err) => {
      if (this.destroying) return;
      this.error ??= new TransportError(`WebSocket error from ${url}: ${err.message}`, "protocol", err);
    });
    ws.on("close", (code: number, reason: Buffer) => {
      this.closeCode = code;
      this.closeReason = reason.toString();
      this.isClosed = true;
      if (!this.error && !this.destroying && !CLEAN_CLOSE_CODES.has(code)) {
        const why = this.closeReason ? `: ${this.closeReason}` : "";
        this.error = new TransportError(
          `WebSocket connection to ${url} closed with code ${code}${why}`,
          code === 1006 ? "reset" : "protocol",
        );
      }
      this.emit("close", this.destroying ? undefined : this.error);
    });
    this.on("newListener", (event) => {
      if (event === "data" && this.held.length > 0) queueMicrotask(() => this.flush());
    });
  }

  static connect(url: string, opts: WebSocketConnectOptions = {}): Promise<WebSocketTransport> {
    const kind = url.startsWith("wss:") ? "wss" : "ws";
    const timeoutMs = opts.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
    const trust = opts.trust ?? {};
    return new Promise((resolve, reject) => {
      let ws: WebSocket;
      try {
        ws = new WebSocket(url, XMPP_SUBPROTOCOL, {
          handshakeTimeout: timeoutMs,
          // Compression would make wire transcripts differ from what the peer parsed.
          perMessageDeflate: false,
          followRedirects: false,
          ...(kind === "wss"
            ? { ca: trust.ca, rejectUnauthorized: !trust.insecure, servername: trust.servername }
            : {}),
        });
      } catch (err) {
        reject(new TransportError(`invalid WebSocket URL ${url}: ${(err as Error).message}`, "other", err));
        return;
      }
      let tlsSocket: TLSSocket | undefined;
      const onUpgrade = (res: IncomingMessage) => {
        if (res.socket instanceof TLSSocket) tlsSocket = res.socket;
      };
      const onError = (err: Error) => {
        cleanup();
        ws.terminate();
        reject(describeHandshakeError(err, url, timeoutMs));
      };
      const onOpen = () => {
        cleanup();
        // ws already refuses a missing or different subprotocol; this keeps the guarantee explicit.
        if (ws.protocol !== XMPP_SUBPROTOCOL) {
          ws.terminate();
          reject(describeHandshakeError(new Error("Server sent no subprotocol"), url, timeoutMs));
          return;
        }
        const info = tlsSocket ? tlsInfoOf(tlsSocket) : undefined;
        resolve(new WebSocketTransport(kind, url, ws, info, opts.closeTimeoutMs ?? DEFAULT_CLOSE_TIMEOUT_MS));
      };
      const cleanup = () => {
        ws.removeListener("upgrade", onUpgrade);
        ws.removeListener("error", onError);
        ws.removeListener("open", onOpen);
      };
      ws.on("upgrade", onUpgrade);
      ws.on("error", onError);
      ws.on("open", onOpen);
    });
  }

  get secure(): boolean {
    return this.kind === "wss";
  }

  get closed(): boolean {
    return this.isClosed;
  }

  /** Send one text message (RFC 7395 §3.2). Buffers are sent as text frames without UTF-8 checks. */
  write(data: string | Buffer): Promise<void> {
    if (this.isClosed || this.ws.readyState !== WebSocket.OPEN) {
      return Promise.reject(new TransportError(`cannot write: WebSocket to ${this.url} is closed`, "closed"));
    }
    return new Promise((resolve, reject) => {
      this.ws.send(data, { binary: false }, (err) =>
        err
          ? reject(new TransportError(`write to ${this.url} failed: ${err.message}`, "closed", err))
          : resolve(),
      );
    });
  }

  startTls(_trust: TlsTrust): Promise<void> {
    return Promise.reject(
      new TransportError("STARTTLS does not apply to WebSocket; use wss:// (RFC 7395 §3.9)", "state"),
    );
  }

  async end(): Promise<void> {
    if (this.isClosed) return;
    const closed = new Promise<void>((resolve) => this.once("close", () => resolve()));
    if (this.ws.readyState === WebSocket.OPEN) this.ws.close(1000);
    const timer = setTimeout(() => {
      this.destroying = true;
      this.ws.terminate();
    }, this.closeTimeoutMs);
    await closed;
    clearTimeout(timer);
  }

  /** Abrupt close: drops the TCP connection without a close frame. */
  destroy(): void {
    if (this.isClosed || this.destroying) return;
    this.destroying = true;
    this.ws.terminate();
  }

  private flush(): void {
    while (this.held.length > 0 && this.listenerCount("data") > 0) {
      const [data, meta] = this.held.shift()!;
      this.emit("data", data, meta);
    }
  }
}

// The reference server's sockets: c2s TCP with STARTTLS, direct TLS (XEP-0368) and WebSocket (RFC 7395),
// each connection wrapped as a Link, the one byte pipe the connection layer talks to.
import http from "node:http";
import net from "node:net";
import tls from "node:tls";
import { WebSocket, WebSocketServer } from "ws";

/** Output a client has not read yet; beyond this the client is not reading and is dropped. */
const MAX_PENDING_OUTPUT = 16 * 1024 * 1024;
/** A TLS handshake that has not finished by then is abandoned. */
const TLS_HANDSHAKE_TIMEOUT_MS = 10_000;
export const WS_PATH = "/xmpp-websocket";

export interface LinkHandlers {
  /** Bytes (byte-stream links) or one whole message (framed links); `binary` only for WebSocket. */
  data(chunk: Buffer, binary: boolean): void;
  /** The STARTTLS handshake finished. */
  secure(): void;
  /** The connection is gone (called once). */
  closed(): void;
}

export interface Link {
  readonly kind: "tcp" | "tls" | "ws";
  /** One element per message (RFC 7395) instead of one XML document over a byte stream. */
  readonly framed: boolean;
  readonly secure: boolean;
  /** Plain TCP that can still be upgraded with STARTTLS. */
  readonly canStartTls: boolean;
  readonly closed: boolean;
  attach(handlers: LinkHandlers): void;
  send(data: string | Buffer): void;
  /**
   * Upgrade in place (after <proceed/> was sent); `secure` follows, or `closed` if the handshake fails.
   * `onFailure` (a fault only) is written in plaintext before the connection drops on a failed handshake.
   */
  startTls(onFailure?: string): void;
  /** Orderly close (TLS close_notify, TCP FIN, WebSocket close frame); forced after `graceMs`. */
  end(graceMs: number): void;
  /** Abrupt close. */
  destroy(): void;
}

const NO_HANDLERS: LinkHandlers = { data() {}, secure() {}, closed() {} };

class SocketLink implements Link {
  readonly framed = false;
  closed = false;
  private handlers = NO_HANDLERS;
  private graceTimer: NodeJS.Timeout | undefined;
  private readonly onData = (chunk: Buffer) => this.handlers.data(chunk, false);

  constructor(
    private socket: net.Socket,
    readonly kind: "tcp" | "tls",
    public secure: boolean,
    private readonly secureContext: tls.SecureContext,
  ) {
    socket.setNoDelay(true);
    this.watch(socket);
  }

  get canStartTls(): boolean {
    return this.kind === "tcp" && !this.secure;
  }

  private watch(socket: net.Socket): void {
    socket.on("data", this.onData);
    socket.on("error", () => this.destroy());
    socket.on("close", () => this.gone());
  }

  private gone(): void {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.graceTimer);
    this.handlers.closed();
  }

  attach(handlers: LinkHandlers): void {
    this.handlers = handlers;
  }

  send(data: string | Buffer): void {
    if (this.closed || this.socket.writableEnded) return;
    this.socket.write(data);
    if (this.socket.writableLength > MAX_PENDING_OUTPUT) this.destroy();
  }

  startTls(onFailure?: string): void {
    const raw = this.socket;
    raw.removeListener("data", this.onData);
    const secured = new tls.TLSSocket(raw, { isServer: true, secureContext: this.secureContext });
    if (onFailure !== undefined)
      secured.once("error", () => {
        if (!this.secure && !raw.destroyed) raw.write(onFailure);
      });
    const timer = setTimeout(() => secured.destroy(), TLS_HANDSHAKE_TIMEOUT_MS);
    secured.once("secure", () => {
      clearTimeout(timer);
      this.secure = true;
      this.handlers.secure();
    });
    secured.on("close", () => clearTimeout(timer));
    this.socket = secured;
    // RFC 6120 §5.4.3.2: a TLS failure terminates the TCP connection, with no closing stream tag.
    this.watch(secured);
  }

  end(graceMs: number): void {
    if (this.closed) return;
    // Keep reading (and discarding) until the peer closes: closing with unread input would reset the
    // connection, and the peer could lose the stream error still in flight.
    if (!this.socket.writableEnded) this.socket.end();
    this.graceTimer ??= setTimeout(() => this.destroy(), graceMs);
  }

  destroy(): void {
    this.socket.destroy();
    // 'close' follows asynchronously; report it now so the connection is released at once.
    this.gone();
  }
}

class WsLink implements Link {
  readonly kind = "ws";
  readonly framed = true;
  readonly secure = false;
  readonly canStartTls = false;
  closed = false;
  private handlers = NO_HANDLERS;
  private graceTimer: NodeJS.Timeout | undefined;

  constructor(private readonly ws: WebSocket) {
    ws.on("message", (data: Buffer, binary: boolean) => this.handlers.data(data, binary));
    ws.on("error", () => this.destroy());
    ws.on("close", () => this.gone());
  }

  private gone(): void {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.graceTimer);
    this.handlers.closed();
  }

  attach(handlers: LinkHandlers): void {
    this.handlers = handlers;
  }

  send(data: string | Buffer): void {
    if (this.closed || this.ws.readyState !== WebSocket.OPEN) return;
    this.ws.send(data);
    if (this.ws.bufferedAmount > MAX_PENDING_OUTPUT) this.destroy();
  }

  startTls(): void {
    // RFC 7395 §3.9: TLS belongs to the WebSocket layer; STARTTLS is never offered here.
    throw new Error("STARTTLS over WebSocket");
  }

  end(graceMs: number): void {
    if (this.closed) return;
    // RFC 7395 §3.6: after <close/>, the closing party starts the WebSocket closing handshake.
    if (this.ws.readyState === WebSocket.OPEN) this.ws.close(1000);
    this.graceTimer ??= setTimeout(() => this.destroy(), graceMs);
  }

  destroy(): void {
    this.ws.terminate();
    this.gone();
  }
}

/** Only loopback addresses: the reference server is a test target, never a service. */
export function isLoopbackHost(host: string): boolean {
  if (host === "localhost" || host === "::1") return true;
  return net.isIPv4(host) && host.startsWith("127.");
}

export interface ListenerOptions {
  host: string;
  port: number;
  tlsPort: number | null;
  wsPort: number | null;
  secureContext: tls.SecureContext;
  /** PEM key and certificate (for the direct TLS listener). */
  credentials: tls.SecureContextOptions & { key: string; cert: string };
  /** Largest WebSocket message accepted at all (bigger ones end the connection with close code 1009). */
  maxWsMessageBytes: number;
  /** May another connection be served? (WebSocket upgrades are refused with HTTP 503 when not.) */
  admit(): boolean;
  onLink(link: Link): void;
}

export interface Listeners {
  tcp: { host: string; port: number };
  tls?: { host: string; port: number };
  ws?: { url: string };
  /** Stops listening; sockets still open after `graceMs` (default 0) are destroyed. */
  close(graceMs?: number): Promise<void>;
}

function listen(server: net.Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen({ host, port }, () => {
      server.off("error", reject);
      resolve((server.address() as net.AddressInfo).port);
    });
  });
}

/** Every socket a server accepted and that is still open (TLS handshakes and HTTP upgrades included). */
function track(server: net.Server): Set<net.Socket> {
  const sockets = new Set<net.Socket>();
  server.on("connection", (socket: net.Socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
  });
  return sockets;
}

function refuseUpgrade(socket: net.Socket, status: string): void {
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

function webSocketServer(opts: ListenerOptions): http.Server {
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: opts.maxWsMessageBytes,
    perMessageDeflate: false,
    handleProtocols: () => "xmpp",
  });
  const server = http.createServer((_req, res) => {
    res.writeHead(426, { "Content-Type": "text/plain", Upgrade: "websocket" });
    res.end(`XMPP over WebSocket (RFC 7395) at ${WS_PATH}\n`);
  });
  server.on("upgrade", (req, socket, head) => {
    const path = (req.url ?? "").split("?")[0];
    if (path !== WS_PATH) return refuseUpgrade(socket as net.Socket, "404 Not Found");
    const protocols = (req.headers["sec-websocket-protocol"] ?? "").split(",").map((p) => p.trim());
    // RFC 7395 §3.1: the connection only exists with the "xmpp" subprotocol on both sides.
    if (!protocols.includes("xmpp")) return refuseUpgrade(socket as net.Socket, "400 Bad Request");
    if (!opts.admit()) return refuseUpgrade(socket as net.Socket, "503 Service Unavailable");
    wss.handleUpgrade(req, socket, head, (ws) => opts.onLink(new WsLink(ws)));
  });
  server.on("clientError", (_err, socket) => socket.destroy());
  return server;
}

export async function openListeners(opts: ListenerOptions): Promise<Listeners> {
  if (!isLoopbackHost(opts.host)) {
    throw new Error(`the reference server listens on loopback only, not on '${opts.host}'`);
  }
  const opened: { server: net.Server; sockets: Set<net.Socket> }[] = [];
  const open = (server: net.Server) => opened.push({ server, sockets: track(server) });
  const closeAll = async (graceMs = 0) => {
    const closing = opened.map(({ server }) => new Promise<void>((resolve) => server.close(() => resolve())));
    // Connections are closed gracefully by their owners meanwhile; whatever is left then is dropped.
    const timer = setTimeout(() => {
      for (const { sockets } of opened) for (const socket of sockets) socket.destroy();
    }, graceMs);
    await Promise.all(closing);
    clearTimeout(timer);
  };
  try {
    const tcpServer = net.createServer({ noDelay: true }, (socket) =>
      opts.onLink(new SocketLink(socket, "tcp", false, opts.secureContext)),
    );
    open(tcpServer);
    const result: Listeners = {
      tcp: { host: opts.host, port: await listen(tcpServer, opts.host, opts.port) },
      close: closeAll,
    };
    if (opts.tlsPort !== null) {
      const tlsServer = tls.createServer(
        { ...opts.credentials, handshakeTimeout: TLS_HANDSHAKE_TIMEOUT_MS },
        (socket) => opts.onLink(new SocketLink(socket, "tls", true, opts.secureContext)),
      );
      tlsServer.on("tlsClientError", () => {});
      open(tlsServer);
      result.tls = { host: opts.host, port: await listen(tlsServer, opts.host, opts.tlsPort) };
    }
    if (opts.wsPort !== null) {
      const wsServer = webSocketServer(opts);
      open(wsServer);
      const port = await listen(wsServer, opts.host, opts.wsPort);
      const host = opts.host.includes(":") ? `[${opts.host}]` : opts.host;
      result.ws = { url: `ws://${host}:${port}${WS_PATH}` };
    }
    return result;
  } catch (err) {
    await closeAll();
    throw err;
  }
}

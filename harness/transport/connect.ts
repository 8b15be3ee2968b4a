// One entry point from an Endpoint to a connected Transport.
import { formatTarget } from "./target-url.ts";
import { TcpTransport } from "./tcp.ts";
import type { Endpoint, TlsTrust, Transport } from "./transport.ts";
import { WebSocketTransport } from "./websocket.ts";

export { TransportError, type TransportErrorReason } from "./transport-error.ts";

export interface ConnectOptions {
  /** For direct TLS and wss://; STARTTLS passes its trust to startTls(). */
  trust?: TlsTrust;
  /** Bound on connecting, including any TLS and WebSocket handshake. Default 10 s. */
  connectTimeoutMs?: number;
  /** How long end() waits for the peer to close. Default 2 s. */
  closeTimeoutMs?: number;
}

export function connectTransport(ep: Endpoint, opts: ConnectOptions = {}): Promise<Transport> {
  const { trust, connectTimeoutMs, closeTimeoutMs } = opts;
  switch (ep.kind) {
    case "tcp":
    case "tls":
      return TcpTransport.connect({
        host: ep.host,
        port: ep.port,
        directTls: ep.kind === "tls",
        trust,
        connectTimeoutMs,
        closeTimeoutMs,
      });
    case "ws":
    case "wss":
      return WebSocketTransport.connect(formatTarget(ep), { trust, connectTimeoutMs, closeTimeoutMs });
  }
}

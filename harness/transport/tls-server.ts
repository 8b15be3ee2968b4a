// The server side of TLS (the harness as a remote server, harness/peer): answering a peer's handshake on
// an accepted socket, picking the certificate by SNI, asking for and judging the peer's certificate.
import type net from "node:net";
import tls from "node:tls";
import { TransportError } from "./transport-error.ts";

export interface TlsServerOptions {
  /** The certificate and key (PEM) presented when SNI names nothing `sni` knows. */
  certificate: { cert: string; key: string };
  /** Certificates by the server name the peer asks for (SNI, RFC 6066 §3). */
  sni?: (servername: string) => Promise<{ cert: string; key: string } | undefined>;
  /** Ask the peer for a client certificate (XEP-0178) and judge it against `ca`; never refuse for it. */
  requestCert?: boolean;
  /** PEM CA the peer's certificate is judged against (tls info's `authorized`). */
  ca?: string;
  /** ALPN protocols accepted in direct TLS (XEP-0368 §3: "xmpp-server" for s2s). */
  alpn?: string[];
}

/**
 * The TLS socket over `plain` once the peer's handshake is done. A tls.Server that never listens runs it:
 * only a server's socket reports whether the client certificate verified (`authorized`), and one server
 * per handshake keeps its events this socket's own.
 */
export function acceptTlsSocket(
  plain: net.Socket,
  opts: TlsServerOptions,
  timeoutMs: number,
): Promise<tls.TLSSocket> {
  const ca = opts.ca === undefined ? {} : { ca: opts.ca };
  const server = tls.createServer({
    ...opts.certificate,
    ...ca,
    requestCert: opts.requestCert ?? false,
    rejectUnauthorized: false,
    handshakeTimeout: timeoutMs,
    ...(opts.alpn ? { ALPNProtocols: opts.alpn } : {}),
    SNICallback: (name, cb) => {
      (opts.sni?.(name) ?? Promise.resolve(undefined))
        .then((pair) => cb(null, tls.createSecureContext({ ...(pair ?? opts.certificate), ...ca })))
        .catch((err: Error) => cb(err, undefined));
    },
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => fail(new TransportError(`TLS handshake not done within ${timeoutMs} ms`, "timeout")),
      timeoutMs,
    );
    const done = () => {
      clearTimeout(timer);
      server.removeAllListeners();
      plain.removeListener("close", onClosed);
    };
    const fail = (err: Error) => {
      done();
      reject(err);
    };
    const onClosed = () => fail(new TransportError("connection closed during the TLS handshake", "reset"));
    server.once("secureConnection", (sock: tls.TLSSocket) => {
      done();
      resolve(sock);
    });
    server.once("tlsClientError", (err: Error) => fail(err));
    plain.once("close", onClosed);
    server.emit("connection", plain);
  });
}

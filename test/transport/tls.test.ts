// TcpTransport with TLS (harness/transport/tcp.ts): direct TLS (XEP-0368) and STARTTLS, checked on the wire.
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import net from "node:net";
import tls from "node:tls";
import { expect } from "chai";
import { TcpTransport, TransportError } from "../../harness/transport/tcp.ts";
import {
  cleanups,
  echo,
  HOST,
  listen,
  MB,
  type Peer,
  pems,
  Reader,
  track,
  usePeers,
} from "../support/transport-peers.ts";

/** A plaintext server that echoes until it reads <starttls/>, answers <proceed/>, then echoes over TLS. */
async function startTlsServer(
  maxVersion?: tls.SecureVersion,
): Promise<Peer & { nextSecure(): Promise<tls.TLSSocket> }> {
  const secured: ((s: tls.TLSSocket) => void)[] = [];
  const peer = await listen(
    net.createServer((sock) => {
      let seen = "";
      const onData = (d: Buffer) => {
        seen += d.toString("latin1");
        const at = seen.indexOf("<starttls/>");
        if (at < 0) {
          sock.write(d);
          return;
        }
        sock.write(d.subarray(0, d.length - (seen.length - at)));
        sock.removeListener("data", onData);
        sock.write("<proceed/>");
        const secure = new tls.TLSSocket(sock, {
          isServer: true,
          secureContext: tls.createSecureContext({ key: pems.key, cert: pems.cert, maxVersion }),
        });
        secure.on("error", () => {});
        secure.on("secure", () => secured.shift()?.(secure));
        echo(secure);
      };
      sock.on("data", onData);
    }),
    "connection",
  );
  return { ...peer, nextSecure: () => new Promise((resolve) => secured.push(resolve)) };
}

/**
 * A TCP relay in front of 127.0.0.1:`port` that records the client's bytes and how the client's side
 * ended: "fin", or an error code such as "ECONNRESET". Node's TLS sockets report a reset as a plain end,
 * so TLS tests look at the wire through this.
 */
async function relay(
  port: number,
): Promise<{ port: number; fromClient: Buffer[]; ended: Promise<string>; client: Promise<net.Socket> }> {
  const fromClient: Buffer[] = [];
  let accepted!: (c: net.Socket) => void;
  const client = new Promise<net.Socket>((resolve) => (accepted = resolve));
  let ended!: (how: string) => void;
  const endedP = new Promise<string>((resolve) => (ended = resolve));
  const peer = await listen(
    net.createServer({ allowHalfOpen: true }, (c) => {
      accepted(c);
      const up = net.connect({ host: HOST, port, allowHalfOpen: true });
      cleanups.push(() => void up.destroy());
      up.on("error", () => c.destroy());
      c.on("data", (d) => {
        fromClient.push(d);
        up.write(d);
      });
      up.on("data", (d) => c.write(d));
      c.on("end", () => {
        ended("fin");
        up.end();
      });
      up.on("end", () => c.end());
      c.on("error", (e: NodeJS.ErrnoException) => {
        ended(e.code ?? e.message);
        up.destroy();
      });
    }),
    "connection",
  );
  return { port: peer.port, fromClient, ended: endedP, client };
}

/** The content types of the TLS records in `bytes` (21 = alert, 23 = application data). */
function tlsRecordTypes(bytes: Buffer): number[] {
  const types: number[] = [];
  for (let i = 0; i + 5 <= bytes.length; i += 5 + bytes.readUInt16BE(i + 3)) types.push(bytes[i]);
  return types;
}
describe("transport", () => {
  usePeers();

  describe("direct TLS", () => {
    async function tlsPeer(): Promise<Peer> {
      return listen(tls.createServer({ key: pems.key, cert: pems.cert }, echo), "secureConnection");
    }

    it("round-trips bytes with a trusted CA and reports the TLS parameters", async () => {
      const peer = await tlsPeer();
      const t = track(
        await TcpTransport.connect({
          host: HOST,
          port: peer.port,
          directTls: true,
          trust: { ca: pems.cert },
        }),
      );
      expect(t.kind).to.equal("tls");
      expect(t.secure).to.equal(true);
      expect(t.tls?.authorized).to.equal(true);
      expect(t.tls?.protocol).to.equal("TLSv1.3");
      expect(t.tls?.cipher).to.be.a("string").and.not.equal("");
      const r = new Reader(t);
      await t.write("<presence/>");
      expect((await r.bytes(11)).toString()).to.equal("<presence/>");
    });

    it("sends SNI and ALPN xmpp-client, and checks the certificate against the servername", async () => {
      let sni: string | false | null | undefined;
      let alpn: string | false | null | undefined;
      const peer = await listen(
        tls.createServer({ key: pems.key, cert: pems.cert, ALPNProtocols: ["xmpp-client"] }, (s) => {
          sni = s.servername;
          alpn = s.alpnProtocol;
          echo(s);
        }),
        "secureConnection",
      );
      const t = track(
        await TcpTransport.connect({
          host: HOST,
          port: peer.port,
          directTls: true,
          trust: { ca: pems.cert, servername: "xmpp.test" },
        }),
      );
      const r = new Reader(t);
      await t.write("x");
      await r.bytes(1);
      expect(sni).to.equal("xmpp.test");
      expect(alpn).to.equal("xmpp-client");
    });

    it("rejects a certificate not valid for the servername", async () => {
      const peer = await tlsPeer();
      const err = await TcpTransport.connect({
        host: HOST,
        port: peer.port,
        directTls: true,
        trust: { ca: pems.cert, servername: "other.test" },
      }).catch((e: unknown) => e);
      expect(err).to.be.instanceOf(TransportError);
      expect((err as TransportError).reason).to.equal("tls-name");
      expect((err as TransportError).message).to.match(
        new RegExp(
          `^TLS handshake with 127\\.0\\.0\\.1:${peer.port} failed: .*other\\.test.*\\(use --insecure`,
        ),
      );
    });

    it("rejects an untrusted (self-signed) certificate with a clear message", async () => {
      const peer = await tlsPeer();
      const err = await TcpTransport.connect({ host: HOST, port: peer.port, directTls: true }).catch(
        (e: unknown) => e,
      );
      expect(err).to.be.instanceOf(TransportError);
      expect((err as TransportError).reason).to.equal("tls-untrusted");
      expect((err as TransportError).message).to.equal(
        `TLS handshake with 127.0.0.1:${peer.port} failed: self-signed certificate (use --tls-ca FILE or --insecure)`,
      );
      expect(peer.sockets).to.have.length(0);
    });

    it("accepts an untrusted certificate when insecure, and says it is not authorized", async () => {
      const peer = await tlsPeer();
      const t = track(
        await TcpTransport.connect({
          host: HOST,
          port: peer.port,
          directTls: true,
          trust: { insecure: true },
        }),
      );
      expect(t.tls?.authorized).to.equal(false);
      expect(t.tls?.authorizationError).to.equal("DEPTH_ZERO_SELF_SIGNED_CERT");
      const r = new Reader(t);
      await t.write("ok");
      expect((await r.bytes(2)).toString()).to.equal("ok");
    });

    it("says so when the port speaks plaintext", async () => {
      const peer = await listen(
        net.createServer((s) => s.write("<?xml version='1.0'?><stream:stream>")),
        "connection",
      );
      const err = await TcpTransport.connect({
        host: HOST,
        port: peer.port,
        directTls: true,
        trust: { insecure: true },
      }).catch((e: unknown) => e);
      expect(err).to.be.instanceOf(TransportError);
      expect((err as TransportError).message).to.match(
        new RegExp(
          `^TLS handshake with 127\\.0\\.0\\.1:${peer.port} failed: .*\\(is it a plaintext port\\?\\)$`,
        ),
      );
    });

    it("times out a handshake the server never answers", async () => {
      const peer = await listen(
        net.createServer(() => {}),
        "connection",
      );
      const err = await TcpTransport.connect({
        host: HOST,
        port: peer.port,
        directTls: true,
        connectTimeoutMs: 150,
      }).catch((e: unknown) => e);
      expect(err).to.be.instanceOf(TransportError);
      expect((err as TransportError).reason).to.equal("timeout");
      expect((err as TransportError).message).to.equal(
        `TLS handshake with 127.0.0.1:${peer.port} timed out after 150 ms`,
      );
    });

    it("delivers split and 1 MB writes intact and in order", async () => {
      const peer = await tlsPeer();
      const t = track(
        await TcpTransport.connect({
          host: HOST,
          port: peer.port,
          directTls: true,
          trust: { ca: pems.cert },
        }),
      );
      const r = new Reader(t);
      const big = randomBytes(MB);
      const pieces = Array.from({ length: 200 }, (_, i) => randomBytes(1 + (i % 13)));
      await Promise.all([...pieces.map((p) => t.write(p)), t.write(big)]);
      const expected = Buffer.concat([...pieces, big]);
      expect((await r.bytes(expected.length)).equals(expected)).to.equal(true);
    });

    it("end() sends close_notify, then a FIN, and closes cleanly", async () => {
      // TLS 1.2 leaves the alert's record type visible on the wire.
      const server = await listen(
        tls.createServer({ key: pems.key, cert: pems.cert, maxVersion: "TLSv1.2" }, echo),
        "secureConnection",
      );
      const wire = await relay(server.port);
      const accepted = server.next();
      const t = track(
        await TcpTransport.connect({
          host: HOST,
          port: wire.port,
          directTls: true,
          trust: { ca: pems.cert },
        }),
      );
      expect(t.tls?.protocol).to.equal("TLSv1.2");
      const r = new Reader(t);
      const s = await accepted;
      const serverClosed = once(s, "close");
      await t.end();
      expect(await wire.ended).to.equal("fin");
      expect(tlsRecordTypes(Buffer.concat(wire.fromClient)).at(-1)).to.equal(21);
      const [hadError] = await serverClosed;
      expect(hadError).to.equal(false);
      expect(await r.closed).to.equal(undefined);
    });

    it("destroy() gives the peer a reset", async () => {
      const server = await tlsPeer();
      const wire = await relay(server.port);
      const accepted = server.next();
      const t = track(
        await TcpTransport.connect({
          host: HOST,
          port: wire.port,
          directTls: true,
          trust: { ca: pems.cert },
        }),
      );
      const r = new Reader(t);
      await accepted;
      t.destroy();
      expect(await wire.ended).to.equal("ECONNRESET");
      expect(await r.closed).to.equal(undefined);
      expect(t.closed).to.equal(true);
    });

    it("reports a TLS error after the handshake on the close event", async () => {
      const server = await tlsPeer();
      const wire = await relay(server.port);
      const t = track(
        await TcpTransport.connect({
          host: HOST,
          port: wire.port,
          directTls: true,
          trust: { ca: pems.cert },
        }),
      );
      const r = new Reader(t);
      await t.write("x");
      await r.bytes(1);
      // An application-data record that cannot decrypt.
      (await wire.client).write(Buffer.from([23, 3, 3, 0, 32, ...randomBytes(32)]));
      const err = await r.closed;
      expect(err).to.be.instanceOf(TransportError);
      expect((err as TransportError).reason).to.equal("protocol");
      expect(err?.message).to.match(
        new RegExp(`^TLS error on the connection to 127\\.0\\.0\\.1:${wire.port}: \\S`),
      );
    });

    it("refuses a second STARTTLS", async () => {
      const peer = await tlsPeer();
      const t = track(
        await TcpTransport.connect({
          host: HOST,
          port: peer.port,
          directTls: true,
          trust: { ca: pems.cert },
        }),
      );
      const err = await t.startTls({ ca: pems.cert }).catch((e: unknown) => e);
      expect(err).to.be.instanceOf(TransportError);
      expect((err as TransportError).reason).to.equal("state");
    });
  });

  describe("STARTTLS", () => {
    it("upgrades the same socket in place with data before and after", async () => {
      const peer = await startTlsServer();
      const serverSecure = peer.nextSecure();
      const t = track(await TcpTransport.connect({ host: HOST, port: peer.port }));
      const r = new Reader(t);
      await t.write("before");
      await r.text("before");
      await t.write("<starttls/>");
      await r.text("<proceed/>");
      expect(t.secure).to.equal(false);
      await t.startTls({ ca: pems.cert });
      expect(t.secure).to.equal(true);
      expect(t.kind).to.equal("tcp");
      expect(t.tls?.authorized).to.equal(true);
      expect((await serverSecure).getProtocol()).to.equal("TLSv1.3");
      const big = randomBytes(MB);
      await t.write("after");
      await t.write(big);
      const expected = Buffer.concat([Buffer.from("before<proceed/>after"), big]);
      const got = await r.bytes(expected.length);
      // Exactly the echoed bytes: no TLS records leaked as plaintext, nothing lost or repeated.
      expect(got.equals(expected)).to.equal(true);
      expect(peer.sockets).to.have.length(1);
    });

    it("rejects an untrusted certificate and closes with the same error", async () => {
      const peer = await startTlsServer();
      const t = track(await TcpTransport.connect({ host: HOST, port: peer.port }));
      const r = new Reader(t);
      await t.write("<starttls/>");
      await r.text("<proceed/>");
      const err = await t.startTls({}).catch((e: unknown) => e);
      expect(err).to.be.instanceOf(TransportError);
      expect((err as TransportError).message).to.equal(
        `TLS handshake with 127.0.0.1:${peer.port} failed: self-signed certificate (use --tls-ca FILE or --insecure)`,
      );
      expect(await r.closed).to.equal(err);
      expect(t.closed).to.equal(true);
      expect(t.secure).to.equal(false);
    });

    it("accepts an untrusted certificate when insecure", async () => {
      const peer = await startTlsServer();
      const t = track(await TcpTransport.connect({ host: HOST, port: peer.port }));
      const r = new Reader(t);
      await t.write("<starttls/>");
      await r.text("<proceed/>");
      await t.startTls({ insecure: true, servername: "xmpp.test" });
      expect(t.tls?.authorized).to.equal(false);
      await t.write("secret");
      expect((await r.text("secret")).toString()).to.equal("<proceed/>secret");
    });

    it("end() after the upgrade sends close_notify and closes cleanly; destroy() resets", async () => {
      const server = await startTlsServer("TLSv1.2");
      for (const how of ["end", "destroy"] as const) {
        const wire = await relay(server.port);
        const t = track(await TcpTransport.connect({ host: HOST, port: wire.port }));
        const r = new Reader(t);
        await t.write("<starttls/>");
        await r.text("<proceed/>");
        const secured = server.nextSecure();
        await t.startTls({ ca: pems.cert });
        await secured;
        if (how === "end") {
          await t.end();
          expect(await wire.ended).to.equal("fin");
          const sent = Buffer.concat(wire.fromClient);
          const tlsBytes = sent.subarray(sent.indexOf("<starttls/>") + "<starttls/>".length);
          expect(tlsRecordTypes(tlsBytes).at(-1)).to.equal(21);
        } else {
          t.destroy();
          expect(await wire.ended).to.equal("ECONNRESET");
        }
        expect(await r.closed).to.equal(undefined);
      }
    });
  });
});

import { randomBytes, X509Certificate } from "node:crypto";
import { once } from "node:events";
import { readdirSync } from "node:fs";
import https from "node:https";
import net from "node:net";
import tls from "node:tls";
import { expect } from "chai";
import { type WebSocket, WebSocketServer } from "ws";
import { generateCertificate } from "../harness/server/certificate.ts";
import { connectTransport } from "../harness/transport/connect.ts";
import { formatTarget, isLoopback, parseTarget, TargetError } from "../harness/transport/target-url.ts";
import { TcpTransport, TransportError } from "../harness/transport/tcp.ts";
import type { Endpoint, Transport } from "../harness/transport/transport.ts";
import { WebSocketTransport } from "../harness/transport/websocket.ts";

const HOST = "127.0.0.1";
const MB = 1024 * 1024;

/** Accumulates a transport's "data" events and lets a test await a byte count or a substring. */
class Reader {
  chunks: Buffer[] = [];
  private waiters: (() => void)[] = [];
  closed: Promise<Error | undefined>;

  constructor(t: Transport) {
    t.on("data", (chunk: Buffer) => {
      this.chunks.push(chunk);
      for (const w of this.waiters) w();
    });
    this.closed = new Promise((resolve) => t.once("close", (err?: Error) => resolve(err)));
  }

  get all(): Buffer {
    return Buffer.concat(this.chunks);
  }

  until(done: (all: Buffer) => boolean): Promise<Buffer> {
    return new Promise((resolve) => {
      const check = () => {
        if (!done(this.all)) return;
        this.waiters = this.waiters.filter((w) => w !== check);
        resolve(this.all);
      };
      this.waiters.push(check);
      check();
    });
  }

  bytes(n: number): Promise<Buffer> {
    return this.until((all) => all.length >= n);
  }

  text(s: string): Promise<Buffer> {
    return this.until((all) => all.toString("latin1").includes(s));
  }
}

// Everything a test opens, closed in afterEach so a failing test cannot leak sockets.
const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const f of cleanups.splice(0).reverse()) await f();
});

function track<T extends Transport>(t: T): T {
  cleanups.push(() => t.destroy());
  return t;
}

interface Peer {
  port: number;
  /** Server-side sockets in accept order. */
  sockets: net.Socket[];
  /** Resolves with the next accepted server-side socket. */
  next(): Promise<net.Socket>;
}

/** Run `server` on an ephemeral 127.0.0.1 port; `server` must emit `event` with each socket. */
async function listen(server: net.Server, event: string): Promise<Peer> {
  const sockets: net.Socket[] = [];
  const pending: ((s: net.Socket) => void)[] = [];
  server.on(event, (s: net.Socket) => {
    sockets.push(s);
    s.on("error", () => {});
    pending.shift()?.(s);
  });
  server.listen(0, HOST);
  await once(server, "listening");
  cleanups.push(async () => {
    for (const s of sockets) s.destroy();
    await new Promise((resolve) => server.close(resolve));
  });
  return {
    port: (server.address() as net.AddressInfo).port,
    sockets,
    next: () => new Promise((resolve) => pending.push(resolve)),
  };
}

function echo(sock: net.Socket): void {
  sock.on("data", (d) => sock.write(d));
}

let pems: { key: string; cert: string };

before(async () => {
  pems = await generateCertificate(["localhost", "xmpp.test"]);
});

/** Resolve after the event loop has been through its I/O poll phase twice. */
async function afterPoll(): Promise<void> {
  for (let i = 0; i < 2; i++) await new Promise((resolve) => setImmediate(resolve));
}

async function freePort(): Promise<number> {
  const s = net.createServer().listen(0, HOST);
  await once(s, "listening");
  const { port } = s.address() as net.AddressInfo;
  await new Promise((resolve) => s.close(resolve));
  return port;
}

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
  describe("certificate", () => {
    it("generates an EC P-256 certificate for the names plus 127.0.0.1 and ::1", async () => {
      const started = performance.now();
      const { key, cert } = await generateCertificate([
        "example.test",
        "conference.example.test",
        "10.1.2.3",
      ]);
      const ms = performance.now() - started;
      const x = new X509Certificate(cert);
      expect(x.subject).to.equal("CN=example.test");
      expect(x.subjectAltName).to.equal(
        "DNS:example.test, DNS:conference.example.test, IP Address:10.1.2.3, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1",
      );
      expect(x.publicKey.asymmetricKeyType).to.equal("ec");
      expect(x.publicKey.asymmetricKeyDetails?.namedCurve).to.equal("prime256v1");
      expect(x.checkPrivateKey((await import("node:crypto")).createPrivateKey(key))).to.equal(true);
      expect(x.checkHost("example.test")).to.equal("example.test");
      expect(x.checkIP("::1")).to.equal("::1");
      expect(new Date(x.validFrom).getTime()).to.be.below(Date.now());
      expect(ms).to.be.below(5000);
    });

    it("can make an RSA certificate", async () => {
      const { cert } = await generateCertificate(["example.test"], { keyType: "rsa" });
      const x = new X509Certificate(cert);
      expect(x.publicKey.asymmetricKeyType).to.equal("rsa");
      expect(x.publicKey.asymmetricKeyDetails?.modulusLength).to.equal(2048);
    });
  });

  describe("tcp", () => {
    it("round-trips bytes", async () => {
      const peer = await listen(net.createServer(echo), "connection");
      const t = track(await TcpTransport.connect({ host: HOST, port: peer.port }));
      expect(t.kind).to.equal("tcp");
      expect(t.framed).to.equal(false);
      expect(t.secure).to.equal(false);
      expect(t.tls).to.equal(undefined);
      const r = new Reader(t);
      await t.write("<stream:stream>");
      await t.write(Buffer.from([0xc3, 0xa9]));
      expect((await r.bytes(17)).toString("utf8")).to.equal("<stream:stream>é");
    });

    it("keeps data the server sends before the caller listens", async () => {
      let wrote!: () => void;
      const written = new Promise<void>((resolve) => (wrote = resolve));
      const peer = await listen(
        net.createServer((s) => s.write("early", () => wrote())),
        "connection",
      );
      const t = track(await TcpTransport.connect({ host: HOST, port: peer.port }));
      // On loopback the bytes are in our receive buffer once written; one poll phase lets Node read them.
      await written;
      await afterPoll();
      const r = new Reader(t);
      expect((await r.bytes(5)).toString()).to.equal("early");
    });

    it("delivers split and 1 MB writes intact and in order", async () => {
      const peer = await listen(net.createServer(echo), "connection");
      const t = track(await TcpTransport.connect({ host: HOST, port: peer.port }));
      const r = new Reader(t);
      const big = randomBytes(MB);
      const pieces: Buffer[] = [];
      for (let i = 0; i < 300; i++) pieces.push(randomBytes(1 + (i % 17)));
      await Promise.all([...pieces.map((p) => t.write(p)), t.write(big), t.write("end")]);
      const expected = Buffer.concat([...pieces, big, Buffer.from("end")]);
      const got = await r.bytes(expected.length);
      expect(got.equals(expected)).to.equal(true);
    });

    it("end() closes cleanly: the peer sees a FIN, the transport a clean close", async () => {
      const server = net.createServer(echo);
      const peer = await listen(server, "connection");
      const accepted = peer.next();
      const t = track(await TcpTransport.connect({ host: HOST, port: peer.port }));
      const r = new Reader(t);
      const s = await accepted;
      const serverClosed = once(s, "close");
      const serverEnded = once(s, "end");
      await t.end();
      await serverEnded;
      const [hadError] = await serverClosed;
      expect(hadError).to.equal(false);
      expect(await r.closed).to.equal(undefined);
      expect(t.closed).to.equal(true);
      const err = await t.write("x").catch((e: unknown) => e);
      expect(err).to.be.instanceOf(TransportError);
      expect((err as TransportError).message).to.match(
        /^cannot write: connection to 127\.0\.0\.1:\d+ is closed$/,
      );
    });

    it("end() is bounded when the peer never closes", async () => {
      const peer = await listen(
        net.createServer({ allowHalfOpen: true }, () => {}),
        "connection",
      );
      const t = track(await TcpTransport.connect({ host: HOST, port: peer.port, closeTimeoutMs: 100 }));
      const started = Date.now();
      await t.end();
      expect(t.closed).to.equal(true);
      expect(Date.now() - started).to.be.within(90, 2000);
    });

    it("destroy() gives the peer a reset", async () => {
      const peer = await listen(net.createServer(), "connection");
      const accepted = peer.next();
      const t = track(await TcpTransport.connect({ host: HOST, port: peer.port }));
      const r = new Reader(t);
      const s = await accepted;
      const serverError = once(s, "error");
      t.destroy();
      const [err] = await serverError;
      expect((err as NodeJS.ErrnoException).code).to.equal("ECONNRESET");
      expect(await r.closed).to.equal(undefined);
    });

    it("destroy() right after end() closes the descriptor (no leak, no spin at exit)", async () => {
      const peer = await listen(
        net.createServer((s) => s.on("error", () => {})),
        "connection",
      );
      const fds = () => readdirSync("/proc/self/fd").length;
      const before = fds();
      for (let i = 0; i < 20; i++) {
        const t = await TcpTransport.connect({ host: HOST, port: peer.port });
        const r = new Reader(t);
        void t.end();
        t.destroy();
        const closed = await Promise.race([
          r.closed.then(() => true),
          new Promise((resolve) => setTimeout(() => resolve(false), 2000)),
        ]);
        expect(closed, "the transport never closed").to.equal(true);
      }
      // the server side goes on the peer's reset or FIN; give it a moment
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(fds() - before).to.be.below(5);
    });

    it("reports a peer reset on the close event", async () => {
      const peer = await listen(
        net.createServer((s) => s.on("data", () => s.resetAndDestroy())),
        "connection",
      );
      const t = track(await TcpTransport.connect({ host: HOST, port: peer.port }));
      const r = new Reader(t);
      await t.write("x");
      const err = await r.closed;
      expect(err).to.be.instanceOf(TransportError);
      expect(err?.message).to.equal(`connection reset by 127.0.0.1:${peer.port}`);
    });

    it("rejects a refused connection with one clear line", async () => {
      const port = await freePort();
      const err = await TcpTransport.connect({ host: HOST, port }).catch((e: unknown) => e);
      expect(err).to.be.instanceOf(TransportError);
      expect((err as TransportError).message).to.equal(`connection refused by 127.0.0.1:${port}`);
      expect((err as TransportError).reason).to.equal("refused");
      expect((err as TransportError).code).to.equal("ECONNREFUSED");
    });

    it("rejects an unresolvable host", async () => {
      const err = await TcpTransport.connect({ host: "no-such-host.invalid", port: 5222 }).catch(
        (e: unknown) => e,
      );
      expect(err).to.be.instanceOf(TransportError);
      expect((err as TransportError).reason).to.equal("dns");
      expect((err as TransportError).message).to.match(/^cannot resolve host no-such-host\.invalid/);
    });
  });

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

  describe("websocket", () => {
    type WsPeer = { port: number; server: WebSocketServer; next(): Promise<WebSocket> };

    async function wsPeer(
      opts: {
        secure?: boolean;
        select?: (p: Set<string>) => string | false;
        onMessage?: "echo" | "none";
      } = {},
    ): Promise<WsPeer> {
      const select = opts.select ?? ((p: Set<string>) => (p.has("xmpp") ? "xmpp" : false));
      const pending: ((ws: WebSocket) => void)[] = [];
      const httpServer = opts.secure ? https.createServer({ key: pems.key, cert: pems.cert }) : undefined;
      const server = new WebSocketServer({
        ...(httpServer ? { server: httpServer } : { host: HOST, port: 0 }),
        handleProtocols: select,
      });
      server.on("connection", (ws) => {
        ws.on("error", () => {});
        if ((opts.onMessage ?? "echo") === "echo") {
          ws.on("message", (data, isBinary) => ws.send(data, { binary: isBinary }));
        }
        pending.shift()?.(ws);
      });
      if (httpServer) {
        httpServer.listen(0, HOST);
        await once(httpServer, "listening");
      } else {
        await once(server, "listening");
      }
      cleanups.push(async () => {
        for (const c of server.clients) c.terminate();
        await new Promise((resolve) => server.close(resolve));
        if (httpServer) await new Promise((resolve) => httpServer.close(resolve));
      });
      const port = ((httpServer ?? server).address() as net.AddressInfo).port;
      return { port, server, next: () => new Promise((resolve) => pending.push(resolve)) };
    }

    it("round-trips one message per write over ws://", async () => {
      const peer = await wsPeer();
      const t = track(await WebSocketTransport.connect(`ws://127.0.0.1:${peer.port}/xmpp-websocket`));
      expect(t.kind).to.equal("ws");
      expect(t.framed).to.equal(true);
      expect(t.secure).to.equal(false);
      expect(t.tls).to.equal(undefined);
      const frames: string[] = [];
      const got = new Promise<void>((resolve) =>
        t.on("data", (d: Buffer, meta: { binary: boolean }) => {
          expect(Buffer.isBuffer(d)).to.equal(true);
          expect(meta.binary).to.equal(false);
          frames.push(d.toString());
          if (frames.length === 2) resolve();
        }),
      );
      await t.write("<open xmlns='urn:ietf:params:xml:ns:xmpp-framing'/>");
      await t.write(Buffer.from("<presence/>"));
      await got;
      expect(frames).to.deep.equal(["<open xmlns='urn:ietf:params:xml:ns:xmpp-framing'/>", "<presence/>"]);
    });

    it("sends text frames and keeps split and 1 MB messages whole and in order", async () => {
      const peer = await wsPeer({ onMessage: "none" });
      const accepted = peer.next();
      const t = track(await WebSocketTransport.connect(`ws://127.0.0.1:${peer.port}/`));
      const server = await accepted;
      const received: [string, boolean][] = [];
      const big = "x".repeat(MB - 10);
      const all = new Promise<void>((resolve) =>
        server.on("message", (data, isBinary) => {
          received.push([data.toString(), isBinary]);
          if (received.length === 102) resolve();
        }),
      );
      const small = Array.from({ length: 100 }, (_, i) => `<m id='${i}'/>`);
      await Promise.all([...small.map((m) => t.write(m)), t.write(`<b>${big}</b>`), t.write("<last/>")]);
      await all;
      expect(received.map(([m]) => m)).to.deep.equal([...small, `<b>${big}</b>`, "<last/>"]);
      expect(received.every(([, binary]) => !binary)).to.equal(true);
    });

    it("flags binary messages from the server", async () => {
      const peer = await wsPeer({ onMessage: "none" });
      const accepted = peer.next();
      const t = track(await WebSocketTransport.connect(`ws://127.0.0.1:${peer.port}/`));
      (await accepted).send(Buffer.from("<iq/>"), { binary: true });
      const [data, meta] = await once(t, "data");
      expect(data.toString()).to.equal("<iq/>");
      expect(meta).to.deep.equal({ binary: true });
    });

    it("keeps messages the server sends before the caller listens", async () => {
      let sent!: () => void;
      const written = new Promise<void>((resolve) => (sent = resolve));
      const peer = await wsPeer({ onMessage: "none" });
      peer.server.on("connection", (ws) => {
        ws.send("<one/>");
        ws.send("<two/>", () => sent());
      });
      const t = track(await WebSocketTransport.connect(`ws://127.0.0.1:${peer.port}/`));
      await written;
      await afterPoll();
      const frames: string[] = [];
      const done = new Promise<void>((resolve) =>
        t.on("data", (d: Buffer) => {
          frames.push(d.toString());
          if (frames.length === 2) resolve();
        }),
      );
      await done;
      expect(frames).to.deep.equal(["<one/>", "<two/>"]);
    });

    it("round-trips over wss:// with a trusted CA, and refuses an untrusted one", async () => {
      const peer = await wsPeer({ secure: true });
      const url = `wss://127.0.0.1:${peer.port}/ws`;
      const t = track(await WebSocketTransport.connect(url, { trust: { ca: pems.cert } }));
      expect(t.kind).to.equal("wss");
      expect(t.secure).to.equal(true);
      expect(t.tls?.authorized).to.equal(true);
      expect(t.tls?.protocol).to.equal("TLSv1.3");
      await t.write("<a/>");
      const [data] = await once(t, "data");
      expect(data.toString()).to.equal("<a/>");

      const err = await WebSocketTransport.connect(url).catch((e: unknown) => e);
      expect(err).to.be.instanceOf(TransportError);
      expect((err as TransportError).message).to.equal(
        `TLS handshake with ${url} failed: self-signed certificate (use --tls-ca FILE or --insecure)`,
      );

      const insecure = track(await WebSocketTransport.connect(url, { trust: { insecure: true } }));
      expect(insecure.tls?.authorized).to.equal(false);
    });

    it("fails clearly when the server does not select the xmpp subprotocol", async () => {
      for (const select of [() => false as const, () => "other"]) {
        const peer = await wsPeer({ select });
        const url = `ws://127.0.0.1:${peer.port}/`;
        const err = await WebSocketTransport.connect(url).catch((e: unknown) => e);
        expect(err).to.be.instanceOf(TransportError);
        expect((err as TransportError).reason).to.equal("subprotocol");
        expect((err as TransportError).message).to.equal(
          `WebSocket server at ${url} did not select the "xmpp" subprotocol (RFC 7395 §3.1)`,
        );
      }
    });

    it("reports an HTTP error and a refused connection", async () => {
      const peer = await wsPeer();
      peer.server.options.verifyClient = () => false;
      const url = `ws://127.0.0.1:${peer.port}/`;
      const err = await WebSocketTransport.connect(url).catch((e: unknown) => e);
      expect((err as TransportError).message).to.equal(
        `WebSocket handshake with ${url} failed: HTTP status 401`,
      );

      const port = await freePort();
      const refused = await WebSocketTransport.connect(`ws://127.0.0.1:${port}/`).catch((e: unknown) => e);
      expect(refused).to.be.instanceOf(TransportError);
      expect((refused as TransportError).message).to.equal(`connection refused by ws://127.0.0.1:${port}/`);
    });

    it("rejects startTls", async () => {
      const peer = await wsPeer();
      const t = track(await WebSocketTransport.connect(`ws://127.0.0.1:${peer.port}/`));
      const err = await t.startTls({}).catch((e: unknown) => e);
      expect(err).to.be.instanceOf(TransportError);
      expect((err as TransportError).reason).to.equal("state");
    });

    it("end() sends a close frame and closes cleanly", async () => {
      const peer = await wsPeer();
      const accepted = peer.next();
      const t = track(await WebSocketTransport.connect(`ws://127.0.0.1:${peer.port}/`));
      const server = await accepted;
      const serverClose = once(server, "close");
      const closeEvent = once(t, "close");
      await t.end();
      const [code] = await serverClose;
      expect(code).to.equal(1000);
      expect((await closeEvent)[0]).to.equal(undefined);
      expect(t.closed).to.equal(true);
      expect(t.closeCode).to.equal(1000);
    });

    it("destroy() drops the connection without a close frame", async () => {
      const peer = await wsPeer();
      const accepted = peer.next();
      const t = track(await WebSocketTransport.connect(`ws://127.0.0.1:${peer.port}/`));
      const server = await accepted;
      const serverClose = once(server, "close");
      const closeEvent = once(t, "close");
      t.destroy();
      const [code] = await serverClose;
      expect(code).to.equal(1006);
      expect((await closeEvent)[0]).to.equal(undefined);
    });

    it("reports an abnormal close by the server", async () => {
      const peer = await wsPeer();
      const accepted = peer.next();
      const t = track(await WebSocketTransport.connect(`ws://127.0.0.1:${peer.port}/`));
      const closeEvent = once(t, "close");
      (await accepted).close(1011, "boom");
      const [err] = await closeEvent;
      expect(err).to.be.instanceOf(TransportError);
      expect(err.message).to.equal(
        `WebSocket connection to ws://127.0.0.1:${peer.port}/ closed with code 1011: boom`,
      );
    });
  });

  describe("connectTransport", () => {
    it("connects every kind of endpoint", async () => {
      const tcp = await listen(net.createServer(echo), "connection");
      const direct = await listen(
        tls.createServer({ key: pems.key, cert: pems.cert }, echo),
        "secureConnection",
      );
      const wsServer = new WebSocketServer({ host: HOST, port: 0, handleProtocols: () => "xmpp" });
      await once(wsServer, "listening");
      cleanups.push(() => new Promise((resolve) => wsServer.close(() => resolve())));
      wsServer.on("connection", (ws) => ws.on("message", (d) => ws.send(d, { binary: false })));
      const wsPort = (wsServer.address() as net.AddressInfo).port;
      const endpoints: Endpoint[] = [
        { kind: "tcp", host: HOST, port: tcp.port },
        { kind: "tls", host: HOST, port: direct.port },
        { kind: "ws", host: HOST, port: wsPort, path: "/xmpp" },
      ];
      for (const ep of endpoints) {
        const t = track(await connectTransport(ep, { trust: { ca: pems.cert }, connectTimeoutMs: 5000 }));
        expect(t.kind).to.equal(ep.kind);
        const r = new Reader(t);
        await t.write("<ping/>");
        expect((await r.bytes(7)).toString()).to.equal("<ping/>");
        await t.end();
        for (const c of wsServer.clients) c.terminate();
      }
    });
  });

  describe("target URLs", () => {
    it("parses each scheme with its default port", () => {
      expect(parseTarget("xmpp://localhost")).to.deep.equal({
        kind: "tcp",
        host: "localhost",
        port: 5222,
        domain: "localhost",
      });
      expect(parseTarget("xmpps://127.0.0.1")).to.deep.equal({ kind: "tls", host: "127.0.0.1", port: 5223 });
      expect(parseTarget("ws://example.test")).to.deep.equal({
        kind: "ws",
        host: "example.test",
        port: 80,
        path: "/",
        domain: "example.test",
      });
      expect(parseTarget("wss://Example.TEST/xmpp-websocket")).to.deep.equal({
        kind: "wss",
        host: "example.test",
        port: 443,
        path: "/xmpp-websocket",
        domain: "example.test",
      });
    });

    it("takes explicit ports, IPv6 literals, paths and the domain parameter", () => {
      expect(parseTarget("xmpp://127.0.0.1:15222?domain=Example.Test")).to.deep.equal({
        kind: "tcp",
        host: "127.0.0.1",
        port: 15222,
        domain: "example.test",
      });
      expect(parseTarget("xmpps://[::1]:5223/")).to.deep.equal({ kind: "tls", host: "::1", port: 5223 });
      expect(parseTarget("ws://[::1]:5280/ws?token=a&domain=x.test")).to.deep.equal({
        kind: "ws",
        host: "::1",
        port: 5280,
        path: "/ws?token=a",
        domain: "x.test",
      });
      expect(parseTarget("wss://h.test:443/")).to.include({ port: 443 });
      expect(parseTarget("xmpp://bücher.example")).to.include({
        host: "xn--bcher-kva.example",
        domain: "bücher.example",
      });
      expect(parseTarget("wss://bücher.example/")).to.include({
        host: "xn--bcher-kva.example",
        domain: "bücher.example",
      });
    });

    it("round-trips through formatTarget", () => {
      for (const url of ["xmpp://[::1]:5222", "xmpps://h.test:5223", "ws://127.0.0.1:5280/xmpp-websocket"]) {
        expect(formatTarget(parseTarget(url))).to.equal(url);
      }
    });

    it("throws a one-line TargetError for bad URLs", () => {
      const cases: [string, RegExp][] = [
        ["localhost:5222", /expected xmpp:\/\/host:5222/],
        ["http://h.test", /unsupported scheme "http"/],
        ["xmpp://h.test:70000", /port 70000 out of range/],
        ["xmpp://h.test:0", /port 0 out of range/],
        ["xmpp://h.test:52x", /bad port "52x"/],
        ["xmpp://:5222", /missing host/],
        ["xmpp://user:pw@h.test", /credentials/],
        ["xmpp://h.test/path", /only applies to ws/],
        ["xmpp://h.test?foo=1", /unknown parameter "foo"/],
        ["ws://h.test/#frag", /fragment/],
        ["xmpp://[::1", /not a valid URL/],
      ];
      for (const [url, why] of cases) {
        let err: unknown;
        try {
          parseTarget(url);
        } catch (e) {
          err = e;
        }
        expect(err, url).to.be.instanceOf(TargetError);
        const msg = (err as Error).message;
        expect(msg, url).to.match(why);
        expect(msg.startsWith(`invalid target "${url}": `), url).to.equal(true);
        expect(msg.includes("\n"), url).to.equal(false);
      }
    });

    it("recognises loopback hosts without resolving", () => {
      for (const h of [
        "127.0.0.1",
        "127.255.0.9",
        "::1",
        "[::1]",
        "0:0:0:0:0:0:0:1",
        "::ffff:127.0.0.1",
        "localhost",
        "LocalHost",
      ]) {
        expect(isLoopback(h), h).to.equal(true);
      }
      for (const h of [
        "128.0.0.1",
        "10.0.0.1",
        "::2",
        "::",
        "::ffff:10.0.0.1",
        "example.test",
        "localhost.example",
        "127.example",
      ]) {
        expect(isLoopback(h), h).to.equal(false);
      }
    });
  });
});

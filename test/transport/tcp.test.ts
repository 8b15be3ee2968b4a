// TcpTransport over plain TCP (harness/transport/tcp.ts): bytes, closing, errors.
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { readdirSync } from "node:fs";
import net from "node:net";
import { expect } from "chai";
import { TcpTransport, TransportError } from "../../harness/transport/tcp.ts";
import {
  afterPoll,
  echo,
  freePort,
  HOST,
  listen,
  MB,
  Reader,
  track,
  usePeers,
} from "../support/transport-peers.ts";

describe("transport", () => {
  usePeers();

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
});

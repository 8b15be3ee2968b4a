// WebSocketTransport (harness/transport/websocket.ts, RFC 7395): frames, TLS, subprotocol, closing.
import { once } from "node:events";
import https from "node:https";
import type net from "node:net";
import { expect } from "chai";
import { type WebSocket, WebSocketServer } from "ws";
import { TransportError } from "../../harness/transport/tcp.ts";
import { WebSocketTransport } from "../../harness/transport/websocket.ts";
import {
  afterPoll,
  cleanups,
  freePort,
  HOST,
  MB,
  pems,
  track,
  usePeers,
} from "../support/transport-peers.ts";

describe("transport", () => {
  usePeers();

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
});

// connectTransport (harness/transport/connect.ts): one entry point for every kind of endpoint.
import { once } from "node:events";
import net from "node:net";
import tls from "node:tls";
import { expect } from "chai";
import { WebSocketServer } from "ws";
import { connectTransport } from "../../harness/transport/connect.ts";
import type { Endpoint } from "../../harness/transport/transport.ts";
import { cleanups, echo, HOST, listen, pems, Reader, track, usePeers } from "../support/transport-peers.ts";

describe("transport", () => {
  usePeers();

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
});

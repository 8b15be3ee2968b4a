// The reference server as a whole (harness/server/server.ts): start and stop, listeners, and a message
// routed through its own stanza layer.
import net from "node:net";
import { expect } from "chai";
import { ReferenceServer } from "../../harness/server/server.ts";
import { type Element, NS, xml } from "../../harness/xml/element.ts";
import { Raw } from "../support/raw-client.ts";
import { login, newUser, startStub } from "../support/stub-server.ts";

describe("reference server: connection layer", function () {
  this.timeout(30_000);

  describe("start and stop", () => {
    it("starts on loopback, with all three listeners", async () => {
      const s = await ReferenceServer.start();
      try {
        expect(s.endpoints.tcp.host).to.equal("127.0.0.1");
        expect(s.endpoints.tls?.port).to.be.a("number");
        expect(s.endpoints.ws?.url).to.match(/^ws:\/\/127\.0\.0\.1:\d+\/xmpp-websocket$/);
        expect(s.certificate.cert).to.contain("BEGIN CERTIFICATE");
        expect(s.faults.size).to.equal(0);
      } finally {
        await s.stop();
      }
    });

    it("refuses a non-loopback address", async () => {
      let err: Error | undefined;
      await ReferenceServer.start({ host: "0.0.0.0" }).catch((e) => (err = e));
      expect(err?.message).to.match(/loopback/);
    });

    it("refuses an unknown fault in one line that says how to list them", async () => {
      let err: Error | undefined;
      await ReferenceServer.start({ faults: ["no-such-fault"] }).catch((e) => (err = e));
      expect(err?.message)
        .to.match(/no-such-fault/)
        .and.match(/xmppspec faults/);
      expect(err?.message).to.not.contain("\n");
    });

    it("can turn TLS and WebSocket listeners off", async () => {
      const s = await ReferenceServer.start({ tlsPort: null, wsPort: null });
      expect(s.endpoints.tls).to.equal(undefined);
      expect(s.endpoints.ws).to.equal(undefined);
      await s.stop();
    });

    it("stop() closes every stream with <system-shutdown/> and ends bound sessions once", async () => {
      const { server: s, log: l } = await startStub();
      const user = newUser(s);
      const { c } = await login(s, user);
      const waiting = await Raw.tcp(s.endpoints.tcp.port);
      const web = await Raw.websocket(s.endpoints.ws!.url);
      await web.open();
      const handshaking = net.connect(s.endpoints.tls!.port, "127.0.0.1");
      await new Promise((resolve) => handshaking.once("connect", resolve));
      handshaking.on("error", () => {});
      const dropped = new Promise((resolve) => handshaking.once("close", resolve));
      // stop() ends although none of these clients ever closes on its own
      await s.stop();
      expect(await c.streamError()).to.equal("system-shutdown");
      expect(await web.streamError()).to.equal("system-shutdown");
      await waiting.closedWithin();
      await dropped; // a TLS handshake in progress is dropped too
      expect(l.ended).to.have.length(1);
      expect(s.connectionCount).to.equal(0);
    });
  });

  describe("with the reference stanza layer", () => {
    it("routes a message and answers a ping", async () => {
      const s = await ReferenceServer.start();
      try {
        const [a, b] = [newUser(s), newUser(s)];
        const { c: ca, jid: ja } = await login(s, a);
        const { c: cb, jid: jb } = await login(s, b);
        const pong = await ca.iq(
          xml("iq", { type: "get", id: "p", to: "localhost" }, xml("ping", { xmlns: NS.ping })),
        );
        expect(pong.attrs.type).to.equal("result");
        cb.sendEl(xml("presence"));
        ca.sendEl(xml("message", { to: jb, type: "chat" }, xml("body", {}, "hi")));
        let got: Element;
        do got = await cb.next();
        while (got.name !== "message");
        expect(got.attrs.from).to.equal(ja);
        await ca.closeStream();
        await cb.closeStream();
      } finally {
        await s.stop();
      }
    });
  });
});

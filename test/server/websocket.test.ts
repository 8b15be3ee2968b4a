// The reference server's WebSocket listener and framing (RFC 7395).
import { expect } from "chai";
import { NS, xml } from "../../harness/xml/element.ts";
import { frameOpen } from "../../harness/xml/serialize.ts";
import { boundJid, Raw } from "../support/raw-client.ts";
import { clients, newUser, server, useStubServer } from "../support/stub-server.ts";

describe("reference server: connection layer", function () {
  this.timeout(30_000);
  useStubServer();

  describe("WebSocket (RFC 7395)", () => {
    async function ws(): Promise<Raw> {
      const c = await Raw.websocket(server.endpoints.ws!.url);
      clients.push(c);
      return c;
    }

    it("opens with <open/>, offers no STARTTLS, and negotiates SASL and binding in frames", async () => {
      const c = await ws();
      const h = await c.open();
      expect(h.is("open", NS.framing)).to.equal(true);
      expect(h.attrs.from).to.equal("localhost");
      expect(h.attrs.id).to.be.a("string");
      expect(h.attrs.version).to.equal("1.0");
      expect(c.features?.attrs["xmlns:stream"], "self-contained frame").to.equal(NS.stream);
      expect(c.features?.getChild("starttls", NS.tls)).to.equal(undefined);
      const user = newUser(server);
      await c.authenticate(user);
      const bound = await c.bind("web");
      expect(bound.attrs.xmlns, "the bind result frame declares its namespace").to.equal(NS.client);
      expect(boundJid(bound)).to.equal(`${user}@localhost/web`);
      const pong = await c.iq(
        xml("iq", { type: "get", id: "p", xmlns: NS.client }, xml("ping", { xmlns: NS.ping })),
      );
      expect(pong.attrs.xmlns, "every frame declares its namespace").to.equal(NS.client);
      await c.closeStream();
    });

    it("refuses an upgrade without the xmpp subprotocol", async () => {
      let err: Error | undefined;
      await Raw.websocket(server.endpoints.ws!.url, "chat").catch((e) => (err = e));
      expect(err?.message).to.match(/400/);
    });

    it("sends <open/> and then the error, in frames of their own, for a bad header", async () => {
      const c = await ws();
      c.send(frameOpen({ to: "unknown.example", version: "1.0" }));
      expect(await c.streamError()).to.equal("host-unknown");
      expect(c.header?.is("open", NS.framing)).to.equal(true);
    });

    it("closes on a first frame that is not <open/> in the framing namespace with <invalid-namespace/>", async () => {
      const c = await ws();
      c.send(`<open xmlns='${NS.stream}' to='localhost' version='1.0'/>`);
      expect(await c.streamError()).to.equal("invalid-namespace");
    });

    it("closes on a binary message with <bad-format/>", async () => {
      const c = await ws();
      await c.open();
      c.send(Buffer.from("<abort xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>"));
      expect(await c.streamError()).to.equal("bad-format");
    });
  });
});

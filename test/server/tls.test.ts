// STARTTLS and direct TLS on the reference server's connections (RFC 6120 §5, XEP-0368).
import { expect } from "chai";
import type { ReferenceServer } from "../../harness/server/server.ts";
import { NS, xml } from "../../harness/xml/element.ts";
import { Raw, saslCondition } from "../support/raw-client.ts";
import { clients, newUser, server, startStub, tcp, useStubServer } from "../support/stub-server.ts";

describe("reference server: connection layer", function () {
  this.timeout(30_000);
  useStubServer();

  describe("STARTTLS and direct TLS (RFC 6120 §5, XEP-0368)", () => {
    it("offers STARTTLS, mechanisms and registration before TLS", async () => {
      const c = await tcp();
      await c.open();
      const f = c.features!;
      expect(f.getChild("starttls", NS.tls)).to.not.equal(undefined);
      expect(f.getChild("starttls", NS.tls)?.getChild("required")).to.equal(undefined);
      expect(
        f
          .getChild("mechanisms", NS.sasl)
          ?.getChildren("mechanism")
          .map((m) => m.getText()),
      ).to.deep.equal(["SCRAM-SHA-256", "SCRAM-SHA-1", "PLAIN"]);
      expect(f.getChild("register", NS.registerFeature)).to.not.equal(undefined);
      expect(f.getChild("bind", NS.bind)).to.equal(undefined);
    });

    it("upgrades in place and sends fresh features without STARTTLS after the restart", async () => {
      const c = await tcp();
      await c.open();
      await c.starttls(server.certificate.cert);
      await c.open();
      expect(c.features?.getChild("starttls", NS.tls)).to.equal(undefined);
      expect(c.features?.getChild("mechanisms", NS.sasl)).to.not.equal(undefined);
    });

    it("answers STARTTLS after TLS with <failure/> and closes (§5.4.2.2)", async () => {
      const c = await tcp();
      await c.open();
      await c.starttls(server.certificate.cert);
      await c.open();
      c.sendEl(xml("starttls", { xmlns: NS.tls }));
      const el = await c.next();
      expect(el.is("failure", NS.tls)).to.equal(true);
      await c.closedWithin();
      expect(c.streamEnded).to.equal(true);
    });

    it("drops the connection without a closing tag when the TLS handshake fails (§5.4.3.2)", async () => {
      const c = await tcp();
      await c.open();
      c.sendEl(xml("starttls", { xmlns: NS.tls }));
      expect((await c.next()).is("proceed", NS.tls)).to.equal(true);
      c.send("this is not a TLS ClientHello\r\n\r\n");
      await c.closedWithin();
      expect(c.streamEnded).to.equal(false);
    });

    it("serves direct TLS with no STARTTLS on offer", async () => {
      const c = await Raw.directTls(server.endpoints.tls!.port, server.certificate.cert);
      clients.push(c);
      await c.open();
      expect(c.features?.getChild("starttls", NS.tls)).to.equal(undefined);
      await c.authenticate(newUser(server));
      expect(c.features?.getChild("bind", NS.bind)).to.not.equal(undefined);
    });

    describe("with TLS required", () => {
      let strict: ReferenceServer;
      before(async () => {
        ({ server: strict } = await startStub({ tls: "required" }));
      });
      after(() => strict.stop());

      it("offers only STARTTLS, flagged <required/>, before TLS", async () => {
        const c = await Raw.tcp(strict.endpoints.tcp.port);
        clients.push(c);
        await c.open();
        expect(c.features?.getChildElements().map((e) => e.name)).to.deep.equal(["starttls"]);
        expect(c.features?.getChild("starttls", NS.tls)?.getChild("required")).to.not.equal(undefined);
      });

      it("answers <auth/> before TLS with <encryption-required/>", async () => {
        const c = await Raw.tcp(strict.endpoints.tcp.port);
        clients.push(c);
        await c.open();
        c.sendEl(xml("auth", { xmlns: NS.sasl, mechanism: "PLAIN" }, "AGEAYg=="));
        expect(saslCondition(await c.next())).to.equal("encryption-required");
      });

      it("closes on registration before TLS with <not-authorized/>", async () => {
        const c = await Raw.tcp(strict.endpoints.tcp.port);
        clients.push(c);
        await c.open();
        c.sendEl(xml("iq", { type: "get", id: "r1" }, xml("query", { xmlns: NS.register })));
        expect(await c.streamError()).to.equal("not-authorized");
      });

      it("offers mechanisms after TLS", async () => {
        const c = await Raw.tcp(strict.endpoints.tcp.port);
        clients.push(c);
        await c.open();
        await c.starttls(strict.certificate.cert);
        await c.open();
        expect(c.features?.getChild("mechanisms", NS.sasl)).to.not.equal(undefined);
      });
    });
  });
});

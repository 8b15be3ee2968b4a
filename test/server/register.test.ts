// In-band registration before authentication (harness/server/register.ts, XEP-0077).
import { expect } from "chai";
import { type Element, NS, xml } from "../../harness/xml/element.ts";
import { Raw, stanzaErrorCondition } from "../support/raw-client.ts";
import { server, startStub, tcp, useStubServer } from "../support/stub-server.ts";

describe("reference server: connection layer", function () {
  this.timeout(30_000);
  useStubServer();

  describe("in-band registration before authentication (XEP-0077)", () => {
    it("offers the form and creates the account, which can then log in", async () => {
      const c = await tcp();
      await c.open();
      const form = await c.iq(xml("iq", { type: "get", id: "g" }, xml("query", { xmlns: NS.register })));
      const q = form.getChild("query", NS.register)!;
      expect(q.getChild("username")).to.not.equal(undefined);
      expect(q.getChild("password")).to.not.equal(undefined);
      expect(q.getChildText("instructions")).to.be.a("string");
      const name = `reg${Date.now()}`;
      const set = (id: string, fields: Element[]) =>
        c.iq(xml("iq", { type: "set", id }, xml("query", { xmlns: NS.register }, ...fields)));
      const pw = "correct horse";
      const weak = await set("s0", [xml("username", {}, name), xml("password", {}, "pw")]);
      expect(stanzaErrorCondition(weak), "a 2-character password").to.equal("not-acceptable");
      const created = await set("s1", [xml("username", {}, name), xml("password", {}, pw)]);
      expect(created.attrs.type).to.equal("result");
      expect(server.accounts.password(`${name}@localhost`)).to.equal(pw);
      const again = await set("s2", [xml("username", {}, name), xml("password", {}, pw)]);
      expect(stanzaErrorCondition(again)).to.equal("conflict");
      const missing = await set("s3", [xml("username", {}, `${name}x`)]);
      expect(stanzaErrorCondition(missing)).to.equal("not-acceptable");
      expect((await c.sasl("PLAIN", name, pw)).is("success", NS.sasl)).to.equal(true);
    });

    it("neither offers nor serves registration when it is off", async () => {
      const { server: s } = await startStub({ registration: false });
      try {
        const c = await Raw.tcp(s.endpoints.tcp.port);
        await c.open();
        expect(c.features?.getChild("register", NS.registerFeature)).to.equal(undefined);
        const reply = await c.iq(xml("iq", { type: "get", id: "g" }, xml("query", { xmlns: NS.register })));
        expect(stanzaErrorCondition(reply)).to.equal("service-unavailable");
      } finally {
        await s.stop();
      }
    });
  });
});

// Resource binding (harness/server/bind.ts, RFC 6120 §7).
import { expect } from "chai";
import { NS, xml } from "../../harness/xml/element.ts";
import { BAD_RESOURCE, boundJid, type Raw, stanzaErrorCondition } from "../support/raw-client.ts";
import { newUser, server, tcp, useStubServer } from "../support/stub-server.ts";

describe("reference server: connection layer", function () {
  this.timeout(30_000);
  useStubServer();

  describe("resource binding (RFC 6120 §7)", () => {
    async function authed(user = newUser(server)): Promise<Raw> {
      const c = await tcp();
      await c.open();
      await c.starttls(server.certificate.cert);
      await c.open();
      await c.authenticate(user);
      return c;
    }

    it("binds the requested resource", async () => {
      const user = newUser(server);
      const c = await authed(user);
      expect(boundJid(await c.bind("Phone"))).to.equal(`${user}@localhost/Phone`);
    });

    it("generates a random resource when none is asked for", async () => {
      const c = await authed();
      const a = boundJid(await c.bind());
      const d = await authed();
      const b = boundJid(await d.bind());
      expect(a.split("/")[1]).to.have.length.above(8);
      expect(a.split("/")[1]).to.not.equal(b.split("/")[1]);
    });

    it("gives a second session asking for a bound resource another one, keeping the first (§7.7.2.2 #1)", async () => {
      const user = newUser(server);
      const a = await authed(user);
      expect(boundJid(await a.bind("desk"))).to.equal(`${user}@localhost/desk`);
      const b = await authed(user);
      const second = boundJid(await b.bind("desk"));
      expect(second).to.not.equal(`${user}@localhost/desk`);
      expect(second.startsWith(`${user}@localhost/`)).to.equal(true);
      expect(a.closed).to.equal(false);
      const ping = await a.iq(xml("iq", { type: "get", id: "p1" }, xml("ping", { xmlns: NS.ping })));
      expect(ping.attrs.type).to.equal("result");
    });

    it("answers an invalid resourcepart with <bad-request/> of type modify", async () => {
      const c = await authed();
      const reply = await c.bind("bad\u0085resource");
      expect(reply.attrs.type).to.equal("error");
      expect(reply.getChild("error")?.attrs.type).to.equal("modify");
      expect(stanzaErrorCondition(reply)).to.equal("bad-request");
      expect(boundJid(await c.bind("fine"))).to.match(/\/fine$/);
    });

    it("closes with <policy-violation/> after the bind retries (§7.7.3)", async () => {
      const c = await authed();
      for (let i = 0; i < 5; i++)
        expect(stanzaErrorCondition(await c.bind(BAD_RESOURCE))).to.equal("bad-request");
      c.sendEl(
        xml(
          "iq",
          { type: "set", id: "last" },
          xml("bind", { xmlns: NS.bind }, xml("resource", {}, BAD_RESOURCE)),
        ),
      );
      expect(stanzaErrorCondition(await c.next())).to.equal("bad-request");
      expect(await c.streamError()).to.equal("policy-violation");
    });

    it("closes on a stanza to another entity before binding with <not-authorized/> (§7.1)", async () => {
      const c = await authed();
      c.sendEl(xml("message", { to: "someone@localhost" }, xml("body", {}, "hi")));
      expect(await c.streamError()).to.equal("not-authorized");
    });

    it("answers an IQ to the server before binding with <unexpected-request/>", async () => {
      const c = await authed();
      const reply = await c.iq(xml("iq", { type: "get", id: "q1" }, xml("ping", { xmlns: NS.ping })));
      expect(stanzaErrorCondition(reply)).to.equal("unexpected-request");
    });

    it("ignores a message to the own account before binding (§7.1 allows it; there is no route yet)", async () => {
      const user = newUser(server);
      const c = await authed(user);
      c.sendEl(xml("message", { to: `${user}@localhost` }, xml("body", {}, "note to self")));
      const reply = await c.iq(xml("iq", { type: "get", id: "barrier" }, xml("ping", { xmlns: NS.ping })));
      expect(stanzaErrorCondition(reply)).to.equal("unexpected-request");
    });

    it("answers a second bind with <not-allowed/>", async () => {
      const c = await authed();
      await c.bind();
      const reply = await c.bind("again");
      expect(stanzaErrorCondition(reply)).to.equal("not-allowed");
    });
  });
});

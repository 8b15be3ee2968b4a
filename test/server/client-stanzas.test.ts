// What the connection does with a bound client's stanzas before the stanza layer sees them: 'from'
// stamping, xml:lang, namespaces, and telling the layer of each session's end (RFC 6120 §8.1.2.1).
import { expect } from "chai";
import { NS, xml } from "../../harness/xml/element.ts";
import { headerText, PASSWORD } from "../support/raw-client.ts";
import { clients, log, login, newUser, server, tcp, until, useStubServer } from "../support/stub-server.ts";

describe("reference server: connection layer", function () {
  this.timeout(30_000);
  useStubServer();

  describe("stanzas after binding (RFC 6120 §8.1.2.1)", () => {
    it("stamps 'from' with the sender's full JID", async () => {
      const [a, b] = [newUser(server), newUser(server)];
      const { c: ca, jid: ja } = await login(server, a);
      const { c: cb, jid: jb } = await login(server, b);
      clients.push(ca, cb);
      ca.sendEl(xml("message", { to: jb, id: "m1" }, xml("body", {}, "hello")));
      const got = await cb.next();
      expect(got.attrs.from).to.equal(ja);
      expect(got.getChildText("body")).to.equal("hello");
    });

    it("accepts the sender's own full or bare JID as 'from' and stamps the full JID", async () => {
      const [a, b] = [newUser(server), newUser(server)];
      const { c: ca, jid: ja } = await login(server, a);
      const { c: cb, jid: jb } = await login(server, b);
      clients.push(ca, cb);
      ca.sendEl(xml("message", { to: jb, from: `${a}@localhost` }, xml("body", {}, "1")));
      ca.sendEl(xml("message", { to: jb, from: ja }, xml("body", {}, "2")));
      expect((await cb.next()).attrs.from).to.equal(ja);
      expect((await cb.next()).attrs.from).to.equal(ja);
    });

    it("adds the stream's xml:lang to stanzas without one, and keeps theirs (§4.7.4)", async () => {
      const [a, b] = [newUser(server), newUser(server)];
      const ca = await tcp();
      await ca.open();
      await ca.starttls(server.certificate.cert);
      await ca.open();
      expect((await ca.sasl("PLAIN", a, PASSWORD)).is("success", NS.sasl)).to.equal(true);
      await ca.open({ "xml:lang": "de" });
      await ca.bind();
      const { c: cb, jid: jb } = await login(server, b);
      clients.push(cb);
      ca.sendEl(xml("message", { to: jb }, xml("body", {}, "Hallo")));
      ca.sendEl(xml("message", { to: jb, "xml:lang": "fr" }, xml("body", {}, "Salut")));
      expect((await cb.next()).attrs["xml:lang"]).to.equal("de");
      expect((await cb.next()).attrs["xml:lang"]).to.equal("fr");
    });

    it("closes on a forged 'from' with <invalid-from/> and routes nothing", async () => {
      const [a, b] = [newUser(server), newUser(server)];
      const { c: ca } = await login(server, a);
      const { c: cb, jid: jb } = await login(server, b);
      clients.push(ca, cb);
      const before = log.received.length;
      ca.sendEl(xml("message", { to: jb, from: `${b}@localhost/x` }, xml("body", {}, "forged")));
      expect(await ca.streamError()).to.equal("invalid-from");
      expect(log.received.length).to.equal(before);
    });

    it("closes on stanzas in 'jabber:server' with <invalid-namespace/> (§4.8.3)", async () => {
      const { c } = await login(server, newUser(server));
      clients.push(c);
      c.send("<message xmlns='jabber:server' to='a@localhost'/>");
      expect(await c.streamError()).to.equal("invalid-namespace");
    });

    it("closes on an unknown first-level element with <unsupported-stanza-type/>", async () => {
      const { c } = await login(server, newUser(server));
      clients.push(c);
      c.send("<foo/>");
      expect(await c.streamError()).to.equal("unsupported-stanza-type");
    });

    it("closes on an unexpected stream header with <unsupported-stanza-type/>", async () => {
      const { c } = await login(server, newUser(server));
      clients.push(c);
      c.send(`${headerText().slice(21)}</stream:stream>`);
      expect(await c.streamError()).to.equal("unsupported-stanza-type");
    });

    it("tells the stanza layer once of each session's end: clean close, drop, stream error", async () => {
      const ended = () => log.ended.map((s) => s.jid.toString());
      const { c: clean, jid: j1 } = await login(server, newUser(server));
      await clean.closeStream();
      const { c: dropped, jid: j2 } = await login(server, newUser(server));
      dropped.destroy();
      const { c: failed, jid: j3 } = await login(server, newUser(server));
      failed.send("<oops>");
      failed.send("</nope>");
      await failed.streamError();
      await until("three ends", () => [j1, j2, j3].every((j) => ended().includes(j)));
      await new Promise((r) => setTimeout(r, 50));
      for (const j of [j1, j2, j3])
        expect(
          ended().filter((e) => e === j),
          j,
        ).to.have.length(1);
    });
  });
});

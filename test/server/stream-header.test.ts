// The response stream header and the header checks (harness/server/stream-header.ts, RFC 6120 §4.7).
import { expect } from "chai";
import { NS, xml } from "../../harness/xml/element.ts";
import { type Attrs, headerText, saslCondition } from "../support/raw-client.ts";
import { server, tcp, useStubServer } from "../support/stub-server.ts";

describe("reference server: connection layer", function () {
  this.timeout(30_000);
  useStubServer();

  describe("stream header (RFC 6120 §4.7)", () => {
    it("answers with its own header: from, a fresh id, version 1.0, xml:lang, the namespaces", async () => {
      const c = await tcp();
      const h = await c.open();
      expect(h.name).to.equal("stream:stream");
      expect(h.attrs.from).to.equal("localhost");
      expect(h.attrs.id).to.be.a("string").with.length.above(15);
      expect(h.attrs.version).to.equal("1.0");
      expect(h.attrs["xml:lang"]).to.equal("en");
      expect(h.attrs.xmlns).to.equal(NS.client);
      expect(h.attrs["xmlns:stream"]).to.equal(NS.stream);
      expect(h.attrs.to, "no 'to' without the client's 'from' (§4.7.2)").to.equal(undefined);
    });

    it("answers 'to' with the bare JID of the client's 'from'", async () => {
      const c = await tcp();
      const h = await c.open({ from: "Juliet@localhost/balcony" });
      expect(h.attrs.to).to.equal("juliet@localhost");
    });

    it("serves every configured domain, answering from the one asked for", async () => {
      const c = await tcp();
      expect((await c.open({ to: "example.test" })).attrs.from).to.equal("example.test");
    });

    it("gives every stream a different id, across connections and restarts", async () => {
      const [a, b] = [await tcp(), await tcp()];
      const ids = [(await a.open()).attrs.id, (await b.open()).attrs.id];
      await a.starttls(server.certificate.cert);
      ids.push((await a.open()).attrs.id);
      expect(new Set(ids).size).to.equal(3);
    });

    it("accepts a header without content namespace (prefix-free canonicalization, §4.8.2)", async () => {
      const qualified = await tcp();
      await qualified.open({ xmlns: undefined });
      qualified.send("<message xmlns='jabber:client' to='a@localhost'/>");
      expect(await qualified.streamError(), "a stanza, before authentication").to.equal("not-authorized");
      const bare = await tcp();
      await bare.open({ xmlns: undefined });
      bare.send("<message to='a@localhost'/>");
      expect(await bare.streamError(), "in no namespace").to.equal("unsupported-stanza-type");
    });

    it("accepts a higher minor version and answers 1.0", async () => {
      const c = await tcp();
      expect((await c.open({ version: "1.5" })).attrs.version).to.equal("1.0");
    });

    it("ignores whitespace keep-alives between elements", async () => {
      const c = await tcp();
      await c.open();
      c.send("   \n\t  ");
      c.sendEl(xml("abort", { xmlns: NS.sasl }));
      expect(saslCondition(await c.next())).to.equal("aborted");
    });

    const headerErrors: [string, Attrs | string, string][] = [
      ["a wrong stream namespace", { "xmlns:stream": "http://wrong.example/" }, "invalid-namespace"],
      ["a wrong content namespace", { xmlns: "jabber:server" }, "invalid-namespace"],
      ["an unknown 'to'", { to: "unknown.example" }, "host-unknown"],
      ["no 'to' (§4.9.1.3)", { to: undefined }, "host-unknown"],
      ["version 2.0", { version: "2.0" }, "unsupported-version"],
      ["no version (XMPP 0.9)", { version: undefined }, "unsupported-version"],
      [
        "a prefix other than 'stream'",
        `<?xml version='1.0'?><foo:stream xmlns:foo='${NS.stream}' xmlns='jabber:client' to='localhost' version='1.0'>`,
        "bad-namespace-prefix",
      ],
      [
        "an unprefixed stream element",
        `<stream xmlns='${NS.stream}' to='localhost' version='1.0'>`,
        "bad-namespace-prefix",
      ],
      [
        "another namespace declared in the header (§4.8.5)",
        { "xmlns:foo": "urn:example" },
        "invalid-namespace",
      ],
    ];
    for (const [what, attrs, condition] of headerErrors) {
      it(`closes a stream whose header has ${what} with <${condition}/>, after its own header`, async () => {
        const c = await tcp();
        c.send(typeof attrs === "string" ? attrs : headerText(attrs));
        const error = c.streamError();
        expect(await error).to.equal(condition);
        expect(c.header?.name, "a response header first (§4.9.1.2)").to.equal("stream:stream");
        expect(c.header?.attrs.from).to.equal("localhost");
      });
    }

    it("answers an unsupported version with the lower version, 1.0, before the error", async () => {
      const c = await tcp();
      c.send(headerText({ version: "11.0" }));
      expect(await c.streamError()).to.equal("unsupported-version");
      expect(c.header?.attrs.version).to.equal("1.0");
    });

    it("answers a header without version without one (§4.7.5)", async () => {
      const c = await tcp();
      c.send(headerText({ version: undefined }));
      await c.streamError();
      expect(c.header?.attrs.version).to.equal(undefined);
    });
  });
});

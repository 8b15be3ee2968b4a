// Stream errors for bad XML and the closing handshake (harness/server/stream-errors.ts, RFC 6120 §4.4, §4.9, §11).
import { expect } from "chai";
import { headerText, Raw } from "../support/raw-client.ts";
import { startStub, tcp, useStubServer } from "../support/stub-server.ts";

describe("reference server: connection layer", function () {
  this.timeout(30_000);
  useStubServer();

  describe("stream errors for bad XML (RFC 6120 §4.9, §11)", () => {
    const open = headerText();
    const cases: [string, string | Buffer, string][] = [
      ["a comment", `${open}<!-- hi -->`, "restricted-xml"],
      ["a processing instruction", `${open}<?foo bar?>`, "restricted-xml"],
      ["a DTD", `<?xml version='1.0'?><!DOCTYPE x [<!ENTITY a 'b'>]>${open.slice(21)}`, "restricted-xml"],
      ["an entity reference", `${open}<message>&foo;</message>`, "restricted-xml"],
      [
        "invalid UTF-8 (§4.9.3.22)",
        Buffer.concat([Buffer.from(open), Buffer.from([0xc3, 0x28])]),
        "unsupported-encoding",
      ],
      ["a character XML forbids", `${open}<message><body>\u0001</body></message>`, "not-well-formed"],
      ["mismatched tags", `${open}<message><body>x</message>`, "not-well-formed"],
      ["an undeclared prefix", `${open}<message><foo:body/></message>`, "not-well-formed"],
      [
        "an encoding other than UTF-8",
        open.replace("version='1.0'?>", "version='1.0' encoding='ISO-8859-1'?>"),
        "unsupported-encoding",
      ],
      ["a mid-stream XML declaration", `${open}<?xml version='1.0'?>`, "not-well-formed"],
      ["garbage before any header", "hello, world\r\n", "not-well-formed"],
      ["an unknown first-level element", `${open}<foo/>`, "unsupported-stanza-type"],
      [
        "a first-level element in an unknown namespace",
        `${open}<query xmlns='urn:example'/>`,
        "unsupported-stanza-type",
      ],
      [
        "a stanza before authentication",
        `${open}<message to='a@localhost'><body>x</body></message>`,
        "not-authorized",
      ],
      ["a prefixed stanza", `${open}<c:message xmlns:c='jabber:client'/>`, "bad-namespace-prefix"],
    ];
    for (const [what, bytes, condition] of cases) {
      it(`closes the stream on ${what} with <${condition}/>`, async () => {
        const c = await tcp();
        c.send(bytes);
        expect(await c.streamError()).to.equal(condition);
        expect(c.header, "the error comes inside a stream").to.not.equal(undefined);
      });
    }

    it("closes on a stanza over the size limit with <policy-violation/>", async () => {
      const { server: s } = await startStub({ maxStanzaBytes: 4096 });
      try {
        const c = await Raw.tcp(s.endpoints.tcp.port);
        await c.open();
        c.send(`<message><body>${"x".repeat(5000)}</body></message>`);
        expect(await c.streamError()).to.equal("policy-violation");
      } finally {
        await s.stop();
      }
    });

    it("closes on nesting deeper than the limit with <policy-violation/>", async () => {
      const c = await tcp();
      await c.open();
      c.send("<a>".repeat(500));
      expect(await c.streamError()).to.equal("policy-violation");
    });

    it("processes nothing after the offending data", async () => {
      const c = await tcp();
      await c.open();
      c.send("<!-- x --><auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>AGEAYg==</auth>");
      expect(await c.streamError()).to.equal("restricted-xml");
      expect(c.closed).to.equal(true);
    });

    it("answers </stream:stream> with its own and closes the connection (§4.4)", async () => {
      const c = await tcp();
      await c.open();
      await c.closeStream();
    });
  });
});

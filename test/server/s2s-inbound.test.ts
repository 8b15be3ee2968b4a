// The embedded server as receiving server on a raw s2s socket: headers, stream errors, STARTTLS and
// certificates, SASL EXTERNAL, dialback errors, and the addressing of stanzas (RFC 6120 §4.7, §4.9.3, §5,
// §6.3.8, §8.1, §13.7.2; XEP-0178; XEP-0220 §2.4).
import net from "node:net";
import { expect } from "chai";
import type { Pki } from "../../harness/pki/pki.ts";
import { NS_DIALBACK } from "../../harness/s2s/ns.ts";
import { ReferenceServer } from "../../harness/server/server.ts";
import { NS, xml } from "../../harness/xml/element.ts";
import { client, sharedPki } from "../support/federation.ts";
import { type Attrs, Raw, saslCondition, stanzaErrorCondition } from "../support/raw-client.ts";
import { s2sExternal, s2sHeader, s2sOpen, s2sSecure } from "../support/s2s-raw.ts";

describe("reference server: inbound s2s", function () {
  this.timeout(15_000);
  let pki: Pki;
  let server: ReferenceServer;
  const open: Raw[] = [];
  const keep = (c: Raw) => {
    open.push(c);
    return c;
  };

  let closedPort = 0;

  before(async () => {
    const probe = net.createServer();
    await new Promise<void>((r) => probe.listen(0, "127.0.0.1", () => r()));
    closedPort = (probe.address() as net.AddressInfo).port;
    await new Promise<void>((r) => probe.close(() => r()));
    pki = await sharedPki();
    server = await ReferenceServer.start({
      domains: ["localhost"],
      s2s: {
        trust: pki.caCert,
        certificate: await pki.issue("localhost"),
        // closed.test resolves to a port nobody listens on
        resolve: async (d) => (d === "closed.test" ? { host: "127.0.0.1", port: closedPort } : undefined),
        timeouts: { negotiateMs: 1_000 },
      },
    });
  });
  after(async () => {
    for (const c of open) c.destroy();
    await server.stop();
  });

  it("answers with from = the served domain, to = the peer's domain, an id and version 1.0 (§4.7)", async () => {
    const c = keep(await s2sOpen(server));
    expect(c.header?.attrs).to.include({ from: "localhost", to: "remote.test", version: "1.0" });
    expect(c.header?.attrs.id).to.be.a("string").and.not.equal("");
    expect(c.header?.attrs.xmlns).to.equal(NS.server);
    // TLS is required: STARTTLS alone is offered (§5.3.1)
    expect(c.features?.getChildElements().map((e) => e.name)).to.deep.equal(["starttls"]);
  });

  /** The stream error answering a header with these attributes (over remote.test → localhost). */
  async function refusal(attrs: Attrs): Promise<string> {
    const endpoint = server.endpoints.s2s;
    if (!endpoint) throw new Error("s2s is off");
    const c = keep(await Raw.tcp(endpoint.port));
    await c.open(s2sHeader(attrs), false);
    return c.streamError();
  }

  it("refuses a jabber:client stream with <invalid-namespace/> (§4.9.3.10)", async () => {
    expect(await refusal({ xmlns: NS.client })).to.equal("invalid-namespace");
  });

  it("refuses an unknown or a missing 'to' with <host-unknown/> (§4.9.3.6)", async () => {
    expect(await refusal({ to: "elsewhere.test" })).to.equal("host-unknown");
    expect(await refusal({ to: undefined })).to.equal("host-unknown");
  });

  it("closes with <not-authorized/> on a stanza before authentication (§4.9.3.12)", async () => {
    const c = keep(await s2sOpen(server));
    c.sendEl(xml("message", { from: "a@remote.test", to: "b@localhost" }, xml("body", {}, "early")));
    expect(await c.streamError()).to.equal("not-authorized");
  });

  it("answers dialback before the required TLS with a <policy-violation/> dialback error (XEP-0220 §2.4)", async () => {
    const c = keep(await s2sOpen(server));
    c.sendEl(xml("db:result", { "xmlns:db": NS_DIALBACK, from: "remote.test", to: "localhost" }, "k"));
    const answer = await c.next();
    expect(answer.attrs.type).to.equal("error");
    expect(stanzaErrorCondition(answer)).to.equal("policy-violation");
  });

  for (const flaw of ["expired", "not-yet-valid", "untrusted-ca", "self-signed", "wrong-eku"] as const) {
    it(`drops a peer presenting a certificate that is ${flaw}, right after the handshake (§13.7.2)`, async () => {
      const c = keep(await s2sOpen(server));
      await c.starttls(pki.caCert, await pki.issue("remote.test", flaw));
      await c.closedWithin(3_000);
    });
  }

  it("offers EXTERNAL only to a peer that presented a certificate (XEP-0178)", async () => {
    const bare = keep(await s2sSecure(server, pki.caCert));
    expect(bare.features?.getChild("mechanisms", NS.sasl)).to.equal(undefined);
    expect(bare.features?.getChild("dialback", "urn:xmpp:features:dialback")).to.not.equal(undefined);
    const withCert = keep(await s2sSecure(server, pki.caCert, await pki.issue("remote.test")));
    const mechs = withCert.features?.getChild("mechanisms", NS.sasl)?.getChildren("mechanism");
    expect(mechs?.map((m) => m.getText())).to.deep.equal(["EXTERNAL"]);
  });

  it("fails EXTERNAL for another authzid (<invalid-authzid/>, §6.3.8) and a wrong-name certificate", async () => {
    const good = await pki.issue("remote.test");
    const other = await s2sExternal(server, pki.caCert, good, "other.test");
    keep(other.c);
    expect(saslCondition(other.answer)).to.equal("invalid-authzid");
    const wrong = await s2sExternal(server, pki.caCert, await pki.issue("remote.test", "wrong-name"));
    keep(wrong.c);
    expect(saslCondition(wrong.answer)).to.equal("not-authorized");
  });

  it("answers dialback errors (XEP-0220 §2.4): item-not-found, remote-server-not-found, remote-connection-failed", async () => {
    const c = keep(await s2sSecure(server, pki.caCert));
    c.sendEl(xml("db:result", { "xmlns:db": NS_DIALBACK, from: "remote.test", to: "elsewhere.test" }, "k"));
    const unknown = await c.next();
    expect([unknown.attrs.type, stanzaErrorCondition(unknown)]).to.deep.equal(["error", "item-not-found"]);
    c.sendEl(xml("db:result", { "xmlns:db": NS_DIALBACK, from: "remote.test", to: "localhost" }, "k"));
    const unreachable = await c.next();
    expect([unreachable.attrs.type, stanzaErrorCondition(unreachable)]).to.deep.equal([
      "error",
      "remote-server-not-found",
    ]);
    c.sendEl(xml("db:result", { "xmlns:db": NS_DIALBACK, from: "closed.test", to: "localhost" }, "k"));
    const refused = await c.next();
    expect([refused.attrs.type, stanzaErrorCondition(refused)]).to.deep.equal([
      "error",
      "remote-connection-failed",
    ]);
  });

  describe("stanzas on an authenticated stream (§8.1.1.2, §8.1.2.2)", () => {
    async function authenticated(): Promise<Raw> {
      const { c, answer } = await s2sExternal(server, pki.caCert, await pki.issue("remote.test"));
      keep(c);
      expect(answer.is("success", NS.sasl), answer.toString()).to.equal(true);
      return c;
    }

    it("delivers a well-addressed stanza to the local user", async () => {
      const bob = await client(server, "bob-in");
      try {
        const c = await authenticated();
        c.sendEl(xml("message", { from: "a@remote.test/r", to: bob.jid }, xml("body", {}, "hello")));
        let got = await bob.c.next();
        while (got.name !== "message") got = await bob.c.next();
        expect(got.attrs.from).to.equal("a@remote.test/r");
      } finally {
        bob.c.destroy();
      }
    });

    const bad: [string, Record<string, string>, string][] = [
      ["a spoofed 'from'", { from: "a@evil.test", to: "b@localhost" }, "invalid-from"],
      ["no 'from'", { to: "b@localhost" }, "improper-addressing"],
      ["no 'to'", { from: "a@remote.test" }, "improper-addressing"],
      ["a 'to' not served here", { from: "a@remote.test", to: "b@elsewhere.test" }, "host-unknown"],
    ];
    for (const [what, attrs, condition] of bad) {
      it(`closes the stream on ${what} with <${condition}/>`, async () => {
        const c = await authenticated();
        c.sendEl(xml("message", attrs, xml("body", {}, "x")));
        expect(await c.streamError()).to.equal(condition);
      });
    }
  });
});

// RFC 6120 §4: XML streams — headers, ids, versions, namespaces, restarts, close, stream errors.
import { Violation } from "../../harness/errors.ts";
import { section } from "../../harness/runner/case.ts";
import { NS } from "../../harness/xml/element.ts";
import { expectStreamErrorAfter, expectStreamErrorNext } from "../helpers.ts";

const HEADER = (attrs: string) => `<?xml version='1.0'?><stream:stream ${attrs}>`;
const STD = `xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' version='1.0'`;

export default section("rfc6120", "4", "XML Streams", [
  {
    id: "rfc6120/4.7.3/stream-id-present",
    title: "the response stream header carries an 'id'",
    requirements: ["RFC6120-4.7.3-4", "RFC6120-15-39", "RFC6120-4.1-1", "RFC6120-4.5-1"],
    async run(ctx) {
      const s = await ctx.open();
      ctx.expect(s.header!.attrs.id, "stream id").to.be.a("string").and.not.equal("");
    },
  },
  {
    id: "rfc6120/4.7.3/stream-id-unique",
    title: "every stream gets a different id",
    requirements: ["RFC6120-4.7.3-1", "RFC6120-4.7.3-2", "RFC6120-15-40"],
    async run(ctx) {
      const [a, b, c] = await Promise.all([ctx.open(), ctx.open(), ctx.open()]);
      const ids = [a, b, c].map((s) => s.header!.attrs.id);
      ctx.expect(new Set(ids).size, `stream ids ${ids.join(", ")}`).to.equal(3);
    },
  },
  {
    id: "rfc6120/4.7.1/response-from",
    title: "the response stream header carries 'from' set to the domain the client asked for",
    requirements: ["RFC6120-4.7.1-3", "RFC6120-15-38"],
    async run(ctx) {
      const s = await ctx.open();
      ctx
        .expect(s.header!.attrs.from?.toLowerCase(), "'from' of the response header")
        .to.equal(ctx.domain.toLowerCase());
    },
  },
  {
    id: "rfc6120/4.7.2/no-to-without-from",
    title: "without a 'from' in our header, the response header has no 'to'",
    requirements: ["RFC6120-4.7.2-3"],
    async run(ctx) {
      const s = await ctx.open();
      ctx.expect(s.header!.attrs.to, "'to' of the response header").to.equal(undefined);
    },
  },
  {
    id: "rfc6120/4.7.4/response-xml-lang",
    title: "the response stream header carries 'xml:lang'",
    requirements: ["RFC6120-4.7.4-3"],
    async run(ctx) {
      const s = await ctx.open();
      ctx
        .expect(s.header!.attrs["xml:lang"], "xml:lang")
        .to.be.a("string")
        .and.match(/^[A-Za-z0-9._:-]+$/);
    },
  },
  {
    id: "rfc6120/4.7.5/response-version",
    title: "the response header answers version '1.0' to a client offering 1.0",
    requirements: ["RFC6120-4.7.5-5", "RFC6120-4.3.2-1"],
    async run(ctx) {
      const s = await ctx.open();
      ctx.expect(s.header!.attrs.version, "version").to.equal("1.0");
    },
  },
  {
    id: "rfc6120/4.7.5/numeric-minor-version",
    title: "a higher minor version (1.12) is compared numerically and answered with 1.x",
    requirements: ["RFC6120-4.7.5-1", "RFC6120-4.7.5-6", "RFC6120-4.7.5-5"],
    needs: ["tcp"],
    async run(ctx) {
      const s = await ctx.connect();
      await s.openStream({ version: "1.12" });
      const v = s.header!.attrs.version ?? "";
      const m = /^1\.(\d+)$/.exec(v);
      if (!m || Number(m[1]) > 12) throw new Violation(`answered version '${v}' to an offer of 1.12`);
      await s.readFeatures();
    },
  },
  {
    id: "rfc6120/4.8.1/content-namespace",
    title: "the response header declares jabber:client as the content namespace and the stream namespace",
    requirements: ["RFC6120-4.8.1-1", "RFC6120-4.8.2-2", "RFC6120-15-54", "RFC6120-15-56"],
    needs: ["tcp"],
    async run(ctx) {
      const s = await ctx.open();
      ctx.expect(s.header!.getNS(), "stream namespace").to.equal(NS.stream);
      ctx.expect(s.header!.attrs.xmlns, "content namespace").to.equal(NS.client);
    },
  },
  {
    id: "rfc6120/4.3.2/features-after-header",
    title: "after the response header the server sends <stream:features/>",
    requirements: ["RFC6120-4.3.2-1", "RFC6120-15-45"],
    async run(ctx) {
      const s = await ctx.open();
      ctx.expect(s.features?.is("features", NS.stream)).to.equal(true);
    },
  },
  {
    id: "rfc6120/4.4/close-handshake",
    title: "the server answers our </stream:stream> with its own closing tag",
    requirements: ["RFC6120-4.4-1"],
    async run(ctx) {
      const s = await ctx.openSecured();
      await s.send(s.framed ? "<close xmlns='urn:ietf:params:xml:ns:xmpp-framing'/>" : "</stream:stream>");
      await s.expectClose();
      if (!s.streamEnded) throw new Violation("the server dropped the connection without closing its stream");
    },
  },
  {
    id: "rfc6120/4.6/whitespace-keepalive",
    title: "whitespace between elements (a keep-alive) is accepted and the stream goes on",
    requirements: ["RFC6120-11.7-1"],
    needs: ["tcp"],
    accounts: 1,
    async run(ctx) {
      const s = await ctx.login(ctx.accounts[0]);
      await s.send(" \n \t ");
      await s.barrier();
    },
  },
  {
    id: "rfc6120/4.3.3/new-id-after-restart",
    title: "a stream restart (after TLS or SASL) gets a new stream id",
    requirements: ["RFC6120-4.3.3-3", "RFC6120-6.4.1-2", "RFC6120-15-46"],
    accounts: 1,
    async run(ctx) {
      const s = await ctx.openSecured();
      const before = s.header!.attrs.id;
      const a = ctx.accounts[0];
      await s.authenticate({ username: a.username, password: a.password });
      ctx.expect(s.header!.attrs.id, "stream id after SASL").to.be.a("string").and.not.equal(before);
    },
  },
  {
    id: "rfc6120/4.9.3.10/invalid-stream-namespace",
    title: "a stream header in the wrong namespace gets <invalid-namespace/>",
    requirements: ["RFC6120-4.8.1-2", "RFC6120-4.9.1.1-1", "RFC6120-4.9.1.2-1"],
    needs: ["tcp"],
    async run(ctx) {
      const s = await ctx.connect();
      await s.send(
        HEADER(
          `xmlns='jabber:client' xmlns:stream='http://wrong.example/streams' to='${ctx.domain}' version='1.0'`,
        ),
      );
      await expectStreamErrorNext(s, ["invalid-namespace"]);
    },
  },
  {
    id: "rfc6120/4.9.3.10/invalid-content-namespace",
    title: "an unsupported content namespace gets <invalid-namespace/>",
    requirements: ["RFC6120-4.8.3-4", "RFC6120-4.9.1.1-1"],
    needs: ["tcp"],
    async run(ctx) {
      const s = await ctx.connect();
      await s.send(
        HEADER(
          `xmlns='urn:example:not-a-content-ns' xmlns:stream='${NS.stream}' to='${ctx.domain}' version='1.0'`,
        ),
      );
      // §4.8.3: the error is due when a first-level element arrives in the unsupported namespace;
      // a server may refuse the header already, or accept it and refuse the first element.
      const early = await s
        .readHeader()
        .then(() => s.readFeatures())
        .then(
          () => false,
          () => true,
        );
      if (early || s.streamError) return void (await expectStreamErrorNext(s, ["invalid-namespace"]));
      await expectStreamErrorAfter(s, "<presence/>", ["invalid-namespace"]);
    },
  },
  {
    id: "rfc6120/4.9.3.2/bad-namespace-prefix",
    title:
      "a stream element under a prefix the server does not accept gets <bad-namespace-prefix/> (or <invalid-namespace/>)",
    requirements: ["RFC6120-4.8.5-2", "RFC6120-4.9.1.1-1"],
    needs: ["tcp"],
    async run(ctx) {
      const s = await ctx.connect();
      await s.send(
        `<?xml version='1.0'?><foo:stream xmlns='jabber:client' xmlns:foo='urn:example:other' to='${ctx.domain}' version='1.0'>`,
      );
      await expectStreamErrorNext(s, ["bad-namespace-prefix", "invalid-namespace"]);
    },
  },
  {
    id: "rfc6120/4.9.3.6/host-unknown",
    title: "a 'to' naming a domain the server does not serve gets <host-unknown/>",
    requirements: ["RFC6120-4.9.1.1-1", "RFC6120-4.9.1.2-1"],
    needs: ["tcp"],
    async run(ctx) {
      const s = await ctx.connect();
      await s.send(HEADER(`${STD} to='unknown-${Date.now()}.invalid'`));
      ctx.expect(await s.expectStreamError(), "stream error").to.equal("host-unknown");
      await s.expectClose();
    },
  },
  {
    id: "rfc6120/4.7.5/higher-major-version",
    title:
      "an offer of version 2.0 is answered with the server's lower version (1.x) or <unsupported-version/>",
    requirements: ["RFC6120-4.7.5-5", "RFC6120-4.7.5-6"],
    needs: ["tcp"],
    async run(ctx) {
      const s = await ctx.connect();
      await s.send(
        HEADER(`xmlns='jabber:client' xmlns:stream='${NS.stream}' to='${ctx.domain}' version='2.0'`),
      );
      const header = await s.readHeader().catch(() => undefined);
      if (s.streamError || !header) {
        ctx.expect(await s.expectStreamError(), "stream error").to.equal("unsupported-version");
        return;
      }
      // §4.7.5: the response carries the lower of the two versions: the server's own, 1.x
      if (!/^1\.\d+$/.test(header.attrs.version ?? "")) {
        throw new Violation(`answered version '${header.attrs.version ?? "(none)"}' to an offer of 2.0`);
      }
    },
  },
  {
    id: "rfc6120/4.9.3.13/not-well-formed",
    title: "mismatched tags get <not-well-formed/> and the stream is closed",
    requirements: ["RFC6120-11.3-2", "RFC6120-4.9.1.1-1", "RFC6120-15-42", "RFC6120-15-62", "RFC6120-4.9-2"],
    needs: ["tcp"],
    async run(ctx) {
      const s = await ctx.openSecured();
      await expectStreamErrorAfter(s, "<message><body>x</bodx></message>", ["not-well-formed"]);
    },
  },
  {
    id: "rfc6120/4.9.3.18/restricted-xml-comment",
    title: "an XML comment gets <restricted-xml/>",
    requirements: ["RFC6120-11.1-3", "RFC6120-15-58"],
    needs: ["tcp"],
    async run(ctx) {
      const s = await ctx.openSecured();
      await expectStreamErrorAfter(s, "<!-- a comment -->", ["restricted-xml"]);
    },
  },
  {
    id: "rfc6120/4.9.3.18/restricted-xml-pi",
    title: "a processing instruction gets <restricted-xml/>",
    requirements: ["RFC6120-11.1-3", "RFC6120-15-60"],
    needs: ["tcp"],
    async run(ctx) {
      const s = await ctx.openSecured();
      await expectStreamErrorAfter(s, "<?xmppspec probe?>", ["restricted-xml"]);
    },
  },
  {
    id: "rfc6120/4.9.3.18/restricted-xml-dtd",
    title: "a DTD (with an internal entity) at stream start gets <restricted-xml/>",
    requirements: ["RFC6120-11.1-3", "RFC6120-15-59"],
    needs: ["tcp"],
    async run(ctx) {
      const s = await ctx.connect();
      await s.send(
        `<?xml version='1.0'?><!DOCTYPE stream:stream [<!ENTITY x "boom">]>${HEADER(`${STD} to='${ctx.domain}'`)}`,
      );
      await expectStreamErrorNext(s, ["restricted-xml"]);
    },
  },
  {
    id: "rfc6120/4.9.3.12/stanza-before-auth",
    title: "a stanza to another entity before authentication gets <not-authorized/> and is not delivered",
    requirements: ["RFC6120-4.3.5-3", "RFC6120-4.9.3.12-1"],
    accounts: 1,
    async run(ctx) {
      const victim = await ctx.login(ctx.accounts[0], { presence: true });
      const s = await ctx.openSecured();
      await expectStreamErrorAfter(
        s,
        `<message to='${victim.jid}' type='chat' id='early'><body>before auth</body></message>`,
        ["not-authorized"],
      );
      await victim.expectNothing(
        { name: "message", id: "early" },
        "the unauthenticated message was delivered",
      );
    },
  },
  {
    id: "rfc6120/4.9.3.9/invalid-from",
    title: "a stanza whose 'from' is not the client's JID gets <invalid-from/> (or is stamped over)",
    requirements: ["RFC6120-8.1.2.1-1", "RFC6120-4.9.1.1-1"],
    accounts: 2,
    async run(ctx) {
      const [alice, bob] = await Promise.all([
        ctx.login(ctx.accounts[0]),
        ctx.login(ctx.accounts[1], { presence: true }),
      ]);
      const forged = `forged-${ctx.accounts[0].username}@${ctx.domain}/x`;
      await alice.send(
        `<message to='${bob.jid}' from='${forged}' id='spoof' type='chat'><body>spoof</body></message>`,
      );
      // RFC 6120 §8.1.2.1: the server MUST add or override 'from'; §4.9.3.9 lets it instead close with invalid-from.
      const barrier = alice.barrier().then(
        () => "open",
        () => "closed",
      );
      if ((await barrier) === "closed") {
        ctx.expect(await alice.expectStreamError(), "stream error").to.equal("invalid-from");
        await bob.expectNothing(
          { name: "message", id: "spoof", from: forged },
          "the forged 'from' was delivered",
        );
        return;
      }
      const got = await bob.expect({ name: "message", id: "spoof" });
      ctx.expect(got.attrs.from, "'from' of the delivered message").to.equal(alice.jid!.toString());
    },
  },
  {
    id: "rfc6120/4.9.3.14/policy-violation-oversize",
    title:
      "a stanza far beyond any sane size limit (10 MB) gets a stream error, and the server keeps serving",
    requirements: ["RFC6120-4.9.3.14-1", "RFC6120-4.9.1.1-1"],
    needs: ["tcp"],
    async run(ctx) {
      const s = await ctx.openSecured();
      const big = `<message><body>${"A".repeat(10_000_000)}</body></message>`;
      await s.send(big).catch(() => {});
      const cond = await s.expectStreamError(20_000);
      ctx
        .expect(cond, "stream error")
        .to.be.oneOf(["policy-violation", "not-authorized", "resource-constraint"]);
      const fresh = await ctx.open();
      ctx.expect(fresh.features, "a fresh stream after the flood").to.not.equal(undefined);
    },
  },
  {
    id: "rfc6120/4.9.3.22/unsupported-stanza-type",
    title: "an unknown first-level element in jabber:client is ignored or gets <unsupported-stanza-type/>",
    requirements: ["RFC6120-4.8.4-3"],
    accounts: 1,
    async run(ctx) {
      const s = await ctx.login(ctx.accounts[0]);
      await s.send("<frobnicate xmlns='jabber:client'/>");
      // RFC 6120 §4.8.4: either ignore it or close with a stream error (which SHOULD be
      // unsupported-stanza-type); silently dropping the connection is neither.
      try {
        await s.barrier();
      } catch {
        if (!s.streamError) throw new Violation("the server closed the stream without a stream error");
      }
    },
  },
]);

// RFC 6120 §4 in more detail: header attributes (§4.7), restarts and features (§4.3), prefixes (§4.8.5),
// stream error syntax (§4.9.2) and the stream errors a client can provoke with bad data (§4.9.3, §11).
import { Violation } from "../../harness/errors.ts";
import { isStreamError, stanzaError } from "../../harness/match.ts";
import { section } from "../../harness/runner/case.ts";
import type { CaseContext } from "../../harness/runner/context.ts";
import type { Session } from "../../harness/session.ts";
import { type Element, NS } from "../../harness/xml/element.ts";
import { assertStanzaError, clip, expectStreamErrorNext, markerBarrier } from "../helpers.ts";

/** The defined stream error conditions (§4.9.3). */
const CONDITIONS = [
  "bad-format",
  "bad-namespace-prefix",
  "conflict",
  "connection-timeout",
  "host-gone",
  "host-unknown",
  "improper-addressing",
  "internal-server-error",
  "invalid-from",
  "invalid-namespace",
  "invalid-xml",
  "not-authorized",
  "not-well-formed",
  "policy-violation",
  "remote-connection-failed",
  "reset",
  "resource-constraint",
  "restricted-xml",
  "see-other-host",
  "system-shutdown",
  "undefined-condition",
  "unsupported-encoding",
  "unsupported-feature",
  "unsupported-stanza-type",
  "unsupported-version",
];

const PING = (id: string) => `<iq type='get' id='${id}'><ping xmlns='${NS.ping}'/></iq>`;
const uid = () => Math.random().toString(36).slice(2, 10);

/** A stream header with the standard namespaces and these extra attributes (raw, for odd values). */
const header = (ctx: CaseContext, attrs: string) =>
  `<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='${NS.stream}' to='${ctx.domain}' ${attrs}>`;

/**
 * Send `bytes`, then a ping to the server as a barrier (§10.1: in order). The stream must end with a
 * stream error (§4.9.1.1: error, then close); an answer to the ping first means the bad data was let by.
 * Returns the condition, which must be a defined one (§4.9.2).
 */
async function streamErrorFor(s: Session, bytes: string | Buffer): Promise<string> {
  const ping = PING(`barrier-${uid()}`);
  await s.send(Buffer.isBuffer(bytes) ? Buffer.concat([bytes, Buffer.from(ping)]) : bytes + ping);
  return expectStreamErrorNext(s, CONDITIONS);
}

/**
 * Alice (bound) sends `bad` followed by a message to Bob in the same write: the stream must close with a
 * stream error, and Bob must get neither the message inside the bad data nor the one after it (§4.9.1.1:
 * nothing after the error is processed). `bad` may use {to} and {id} for Bob's JID and an id to watch.
 */
async function badDataClosesStream(ctx: CaseContext, bad: string | Buffer): Promise<string> {
  const [alice, bob] = await Promise.all([
    ctx.login(ctx.accounts[0]),
    ctx.login(ctx.accounts[1], { presence: true }),
  ]);
  const badId = `bad-${uid()}`;
  const afterId = `after-${uid()}`;
  const fill = (t: string) => t.replaceAll("{to}", bob.jid!.toString()).replaceAll("{id}", badId);
  const data = Buffer.isBuffer(bad) ? Buffer.from(fill(bad.toString("latin1")), "latin1") : fill(bad);
  const after = `<message to='${bob.jid}' id='${afterId}' type='chat'><body>after the bad data</body></message>`;
  const cond = await streamErrorFor(
    alice,
    Buffer.isBuffer(data) ? Buffer.concat([data, Buffer.from(after)]) : data + after,
  );
  await bob.expectNothing(
    (el) => el.attrs.id === badId || el.attrs.id === afterId,
    "a message in or after the offending data was delivered",
  );
  return cond;
}

/** §11.3: data that is not XML-well-formed MUST get <not-well-formed/>; §4.9.3.1 allows <bad-format/>. */
function mustBeNotWellFormed(cond: string): void {
  if (cond === "not-well-formed") return;
  if (cond === "bad-format") {
    throw new Violation("<bad-format/> where the more specific <not-well-formed/> is recommended", true);
  }
  throw new Violation(`data that is not well-formed must get <not-well-formed/>, got <${cond}/>`);
}

function oneOf(cond: string, should: string[], what: string): void {
  if (!should.includes(cond)) {
    throw new Violation(`${what} should get <${should.join("/> or <")}/>, got <${cond}/>`, true);
  }
}

/** Does this element or a descendant carry a prefix for the content namespace? */
function hasContentPrefix(el: Element): boolean {
  return (el.name.includes(":") && el.getNS() === NS.client) || el.getChildElements().some(hasContentPrefix);
}

/** Open a stream with `attrs` on the header that follows TLS (or the first one when there is no TLS). */
async function openWith(ctx: CaseContext, attrs: Record<string, string>): Promise<Session> {
  const s = await ctx.connect();
  const tls = ctx.target.tls !== "none";
  await s.openStream(tls ? {} : attrs);
  await s.readFeatures();
  if (tls && s.features?.getChild("starttls", NS.tls)) {
    await s.send(`<starttls xmlns='${NS.tls}'/>`);
    const answer = await s.expect((el) => el.getNS() === NS.tls);
    if (answer.name !== "proceed") throw new Violation(`STARTTLS answered with <${answer.name}/>`);
    await s.transport.startTls({ servername: ctx.domain, ...ctx.target.trust });
  }
  if (tls) {
    await s.openStream(attrs);
    await s.readFeatures();
  }
  return s;
}

/** Provoke a stream error after the header (mismatched tags) and return the <stream:error/>. */
async function someStreamError(ctx: CaseContext): Promise<Element> {
  const s = await ctx.openSecured();
  await streamErrorFor(s, "<message><body>x</bodx></message>");
  return s.streamError!;
}

/** The pre-authentication cases: `stanza` (to Bob) on an unauthenticated stream gets <not-authorized/>. */
async function notAuthorizedBeforeAuth(ctx: CaseContext, stanza: (bob: Session, id: string) => string) {
  const bob = await ctx.login(ctx.accounts[0], { presence: true });
  const s = await ctx.open();
  const id = `early-${uid()}`;
  const cond = await streamErrorFor(s, stanza(bob, id));
  // §4.3.5: MUST close the stream with <not-authorized/>, and MUST NOT accept the stanza.
  if (cond !== "not-authorized") throw new Violation(`expected <not-authorized/>, got <${cond}/>`);
  await bob.expectNothing((el) => el.attrs.id === id, "the unauthenticated stanza was delivered");
}

export default section("rfc6120", "4", "XML Streams", [
  // ---- §4.7 stream header attributes ----
  {
    id: "rfc6120/4.7.2/to-is-client-from",
    title: "when the client's header carries 'from', the response header's 'to' is that bare JID",
    requirements: ["RFC6120-4.7.2-2", "RFC6120-15-41"],
    accounts: 1,
    async run(ctx) {
      const bare = `${ctx.accounts[0].username}@${ctx.domain}`;
      const s = await openWith(ctx, { from: bare });
      ctx
        .expect(s.header!.attrs.to?.toLowerCase(), "'to' of the response header")
        .to.equal(bare.toLowerCase());
    },
  },
  {
    id: "rfc6120/4.7.2/to-is-bare-jid-of-full-from",
    title: "a full JID in the client's 'from' is answered with the bare JID in 'to'",
    requirements: ["RFC6120-4.7.2-2"],
    accounts: 1,
    async run(ctx) {
      const bare = `${ctx.accounts[0].username}@${ctx.domain}`;
      const s = await openWith(ctx, { from: `${bare}/xmppspec` });
      ctx
        .expect(s.header!.attrs.to?.toLowerCase(), "'to' of the response header")
        .to.equal(bare.toLowerCase());
    },
  },
  {
    id: "rfc6120/4.7.3/client-id-ignored",
    title: "an 'id' in the initial header is ignored: the response carries a fresh id of the server's own",
    requirements: ["RFC6120-4.7.3-3", "RFC6120-4.7.3-1"],
    async run(ctx) {
      const ours = `xmppspec-${uid()}`;
      const streams = await Promise.all(
        [0, 1].map(async () => {
          const s = await ctx.connect();
          await s.openStream({ id: ours });
          return s;
        }),
      );
      const ids = streams.map((s) => s.header!.attrs.id);
      if (ids.includes(ours)) throw new Violation(`the server took the client's id '${ours}' as its own`);
      ctx.expect(ids[0], "the two stream ids").to.not.equal(ids[1]);
    },
  },
  {
    id: "rfc6120/4.7.4/unknown-lang-gets-default",
    title: "an xml:lang the server cannot support (private use x-…) is answered with its default language",
    requirements: ["RFC6120-4.7.4-6", "RFC6120-4.7.4-1"],
    async run(ctx) {
      const plain = await ctx.connect();
      await plain.openStream({ "xml:lang": null });
      const def = plain.header!.attrs["xml:lang"];
      const odd = await ctx.connect();
      await odd.openStream({ "xml:lang": `x-xmppspec${uid().slice(0, 6)}` });
      const got = odd.header!.attrs["xml:lang"];
      // §4.7.4: without a client xml:lang the answer is the default language; for one the server does
      // not support (a private-use tag no server writes text in) it is that same default.
      if (!def || !/^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$/.test(def)) {
        throw new Violation(`the default xml:lang '${def ?? "(none)"}' is not a language tag`);
      }
      if (got !== def) {
        throw new Violation(
          `answered xml:lang '${got ?? "(none)"}' instead of the default language '${def}'`,
        );
      }
    },
  },
  {
    id: "rfc6120/4.7.5/no-version-is-0.9",
    title: "a header without 'version' is treated as XMPP 0.9: the response does not claim 1.0",
    requirements: ["RFC6120-4.7.5-8", "RFC6120-4.7.5-5"],
    needs: ["tcp"],
    async run(ctx) {
      const s = await ctx.connect();
      await s.send(header(ctx, "xml:lang='en'"));
      const h = await s.readHeader();
      const v = h.attrs.version;
      if (v === undefined) return; // stream error (0.9 unsupported) or a 0.9 stream: both allowed
      if (v === "0.9") throw new Violation("the response should carry no 'version' to a 0.9 peer", true);
      throw new Violation(`answered version '${v}' to a peer that offered none (0.9)`);
    },
  },
  {
    id: "rfc6120/4.7.5/leading-zeros-ignored",
    title: "versions '1.00' and '01.0' are read as 1.0 and answered with '1.0' (no leading zeros)",
    requirements: ["RFC6120-4.7.5-2", "RFC6120-4.7.5-6"],
    needs: ["tcp"],
    async run(ctx) {
      for (const offered of ["1.00", "01.0"]) {
        const s = await ctx.connect();
        await s.send(header(ctx, `version='${offered}'`));
        await s.readHeader();
        const v = s.header!.attrs.version;
        if (s.streamError || v !== "1.0") {
          throw new Violation(
            `offered '${offered}', got ${s.streamError ? clip(s.streamError) : `version '${v ?? "(none)"}'`}`,
          );
        }
        await s.readFeatures();
      }
    },
  },
  {
    id: "rfc6120/4.7.1/from-after-tls-and-sasl",
    title: "the response headers after TLS and after SASL carry 'from' set to the server's domain",
    requirements: ["RFC6120-4.7.1-2", "RFC6120-4.7.1-3"],
    accounts: 1,
    async run(ctx) {
      const s = await ctx.openSecured();
      ctx.expect(s.header!.attrs.from?.toLowerCase(), "'from' after TLS").to.equal(ctx.domain.toLowerCase());
      const a = ctx.accounts[0];
      await s.authenticate({ username: a.username, password: a.password });
      ctx.expect(s.header!.attrs.from?.toLowerCase(), "'from' after SASL").to.equal(ctx.domain.toLowerCase());
    },
  },
  // ---- §4.3 restarts and features ----
  {
    id: "rfc6120/4.3.3/new-id-after-tls",
    title: "the stream restart after STARTTLS gets a new stream id",
    requirements: ["RFC6120-4.3.3-3"],
    needs: ["tls"],
    async run(ctx) {
      const s = await ctx.open();
      const before = s.header!.attrs.id;
      await s.starttls();
      ctx.expect(s.header!.attrs.id, "stream id after TLS").to.be.a("string").and.not.equal(before);
    },
  },
  {
    id: "rfc6120/4.3.3/sasl-restart-without-close",
    title: "after SASL success the stream is replaced on the same connection, without a closing tag",
    requirements: ["RFC6120-4.3.3-1", "RFC6120-4.3.4-1"],
    accounts: 1,
    async run(ctx) {
      const s = await ctx.openSecured();
      const a = ctx.accounts[0];
      // authenticate() waits for <success/>, sends the new header and reads the new header and features;
      // a closing tag or a dropped connection in between ends it with a StreamClosed violation.
      await s.authenticate({ username: a.username, password: a.password });
      if (s.streamEnded || s.closed)
        throw new Violation("the server closed the stream around the SASL restart");
      // the new stream is usable: bind first, as RFC 6120 7.1 wants before any stanza
      await s.bind();
      await s.barrier();
    },
  },
  {
    id: "rfc6120/4.3.4/features-after-tls",
    title: "after the TLS restart the server sends updated features, without STARTTLS",
    requirements: ["RFC6120-4.3.4-1"],
    needs: ["tls"],
    async run(ctx) {
      const s = await ctx.open();
      await s.starttls();
      if (s.features!.getChild("starttls", NS.tls)) {
        throw new Violation(`the features after TLS still offer STARTTLS: ${clip(s.features!)}`);
      }
    },
  },
  {
    id: "rfc6120/4.3.4/features-after-sasl",
    title: "after the SASL restart the server sends updated features, without SASL mechanisms",
    requirements: ["RFC6120-4.3.4-1"],
    accounts: 1,
    async run(ctx) {
      const s = await ctx.openSecured();
      const a = ctx.accounts[0];
      await s.authenticate({ username: a.username, password: a.password });
      if (s.features!.getChild("mechanisms", NS.sasl)) {
        throw new Violation(`the features after SASL still offer mechanisms: ${clip(s.features!)}`);
      }
    },
  },
  {
    id: "rfc6120/4.3.5/message-before-tls",
    title: "a message to another user on the very first stream (before TLS and SASL) gets <not-authorized/>",
    requirements: ["RFC6120-4.3.5-3", "RFC6120-4.9.3.12-1"],
    accounts: 1,
    async run(ctx) {
      await notAuthorizedBeforeAuth(
        ctx,
        (bob, id) => `<message to='${bob.jid}' id='${id}' type='chat'><body>too early</body></message>`,
      );
    },
  },
  {
    id: "rfc6120/4.3.5/presence-before-auth",
    title: "presence before authentication gets <not-authorized/> and is not delivered",
    requirements: ["RFC6120-4.3.5-3", "RFC6120-4.9.3.12-1"],
    accounts: 1,
    async run(ctx) {
      await notAuthorizedBeforeAuth(ctx, (bob, id) => `<presence to='${bob.jid}' id='${id}'/>`);
    },
  },
  {
    id: "rfc6120/4.3.5/iq-to-user-before-auth",
    title:
      "an IQ to another user's full JID before authentication gets <not-authorized/> and is not delivered",
    requirements: ["RFC6120-4.3.5-3", "RFC6120-4.9.3.12-1"],
    accounts: 1,
    async run(ctx) {
      await notAuthorizedBeforeAuth(
        ctx,
        (bob, id) => `<iq to='${bob.jid}' id='${id}' type='get'><ping xmlns='${NS.ping}'/></iq>`,
      );
    },
  },
  // ---- §4.8.5 prefixes ----
  {
    id: "rfc6120/4.8.5/no-prefix-on-content-namespace",
    title: "the server sends a delivered message unprefixed (no prefix for 'jabber:client')",
    requirements: ["RFC6120-4.8.5-3"],
    accounts: 2,
    async run(ctx) {
      const [alice, bob] = await Promise.all([
        ctx.login(ctx.accounts[0]),
        ctx.login(ctx.accounts[1], { presence: true }),
      ]);
      const id = `plain-${uid()}`;
      const got = bob.expect((el) => el.attrs.id === id);
      got.catch(() => {});
      await alice.send(`<message to='${bob.jid}' id='${id}' type='chat'><body>hi</body></message>`);
      const el = await got;
      if (el.name !== "message") throw new Violation(`the message arrived as <${el.name}/>: ${clip(el)}`);
    },
  },
  {
    id: "rfc6120/4.8.5/prefixed-stanza-from-client",
    title:
      "a stanza with a prefix for 'jabber:client' is ignored or refused (<bad-namespace-prefix/>), never routed as is",
    requirements: ["RFC6120-4.8.5-4"],
    accounts: 2,
    needs: ["tcp"],
    async run(ctx) {
      const [alice, bob] = await Promise.all([
        ctx.login(ctx.accounts[0]),
        ctx.login(ctx.accounts[1], { presence: true }),
      ]);
      const id = `prefixed-${uid()}`;
      await alice.send(
        `<c:message xmlns:c='jabber:client' to='${bob.jid}' id='${id}' type='chat'><c:body>x</c:body></c:message>`,
      );
      const open = await alice.barrier().then(
        () => true,
        () => false,
      );
      if (!open) {
        if (!alice.streamError) throw new Violation("the server closed the stream without a stream error");
        oneOf(await expectStreamErrorNext(alice, CONDITIONS), ["bad-namespace-prefix"], "a prefixed stanza");
        await bob.expectNothing((el) => el.attrs.id === id, "the prefixed stanza was delivered");
        return;
      }
      await markerBarrier(alice, bob);
      const got = bob.inbox.find((el) => el.attrs.id === id);
      if (!got) return; // ignored: allowed
      // §4.8.5: an XMPP server MUST NOT route such data without first correcting it, and SHOULD NOT accept it.
      if (hasContentPrefix(got))
        throw new Violation(`the prefixed stanza was routed uncorrected: ${clip(got)}`);
      throw new Violation("the prefixed stanza was accepted and delivered (corrected)", true);
    },
  },
  {
    id: "rfc6120/4.8.5/header-declares-extended-namespace",
    title:
      "a stream header declaring a namespace for extended content (xmlns:ping) should get <invalid-namespace/>",
    requirements: ["RFC6120-4.8.5-7", "RFC6120-4.8.5-6"],
    needs: ["tcp"],
    async run(ctx) {
      const s = await ctx.connect();
      await s.send(header(ctx, `version='1.0' xmlns:ping='${NS.ping}'`));
      const next = await s.readHeader().then(() => s.expect(() => true));
      if (!s.streamError) {
        throw new Violation(`the header with xmlns:ping was accepted: ${clip(next)}`, true);
      }
      oneOf(
        await expectStreamErrorNext(s, CONDITIONS),
        ["invalid-namespace"],
        "an extended namespace in the header",
      );
    },
  },
  // ---- §4.9.2 stream error syntax ----
  {
    id: "rfc6120/4.9.2/exactly-one-defined-condition",
    title: "a stream error carries exactly one defined condition, qualified by the streams namespace",
    requirements: ["RFC6120-4.9.2-2", "RFC6120-4.9.2-4"],
    needs: ["tcp"],
    async run(ctx) {
      const err = await someStreamError(ctx);
      if (!isStreamError(err)) throw new Violation(`not a <stream:error/>: ${clip(err)}`);
      const conds = err.getChildElements().filter((c) => c.getNS() === NS.streams && c.name !== "text");
      if (conds.length !== 1) {
        throw new Violation(`the stream error carries ${conds.length} defined conditions: ${clip(err)}`);
      }
      if (!CONDITIONS.includes(conds[0].name)) {
        throw new Violation(`<${conds[0].name}/> is not a defined stream error condition`);
      }
    },
  },
  {
    id: "rfc6120/4.9.2/text-in-streams-namespace",
    title: "a stream error's <text/> (if any) is qualified by the streams namespace",
    requirements: ["RFC6120-4.9.2-5", "RFC6120-4.9.2-6"],
    needs: ["tcp"],
    async run(ctx) {
      const s = await ctx.connect();
      // an error triggered by the header (unknown host) this time
      await s.send(
        header(ctx, "version='1.0'").replace(`to='${ctx.domain}'`, `to='nowhere-${uid()}.invalid'`),
      );
      await expectStreamErrorNext(s, CONDITIONS);
      for (const child of s.streamError!.getChildElements()) {
        const ns = child.getNS();
        if (child.name === "text" && ns !== NS.streams) {
          throw new Violation(`<text/> is qualified by '${ns ?? "(none)"}', not '${NS.streams}'`);
        }
        if (ns === NS.stream || ns === NS.client) {
          throw new Violation(
            `<${child.name}/> in '${ns}' is neither a condition, <text/> nor application-specific`,
          );
        }
      }
      const text = s.streamError!.getChild("text", NS.streams);
      if (text && !text.attrs["xml:lang"]) throw new Violation("<text/> should carry 'xml:lang'", true);
    },
  },
  {
    id: "rfc6120/4.9.1.2/no-to-header-answered-first",
    title: "a header without 'to' gets a response header first (from: empty or a server FQDN), error or not",
    requirements: ["RFC6120-4.9.1.2-1", "RFC6120-4.9.1.3-1"],
    needs: ["tcp"],
    async run(ctx) {
      const s = await ctx.connect();
      await s.send(
        `<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='${NS.stream}' version='1.0'>`,
      );
      const h = await s.readHeader().catch(() => undefined);
      if (!h?.is("stream", NS.stream)) {
        throw new Violation("the server answered a header without 'to' without sending its own header");
      }
      const from = h.attrs.from ?? "";
      if (from !== "" && !/^[^@/\s]+$/.test(from)) {
        throw new Violation(`the response 'from' '${from}' is not an FQDN`);
      }
      const next = await s.expect(() => true).catch(() => undefined);
      if (s.streamError) await s.expectClose();
      else if (!next?.is("features", NS.stream))
        throw new Violation("neither features nor a stream error followed");
    },
  },
  // ---- §4.8.4 / §4.9.3.24 first-level elements the server does not know ----
  {
    id: "rfc6120/4.9.3.24/unknown-namespace-element",
    title:
      "a first-level element in an unknown namespace is ignored or gets a stream error, never a silent drop",
    requirements: ["RFC6120-4.8.4-3"],
    accounts: 1,
    async run(ctx) {
      const s = await ctx.login(ctx.accounts[0]);
      await s.send(`<thing xmlns='urn:example:xmppspec:${uid()}'/>`);
      try {
        await s.barrier();
      } catch {
        if (!s.streamError) throw new Violation("the server closed the stream without a stream error");
        oneOf(await expectStreamErrorNext(s, CONDITIONS), ["unsupported-stanza-type"], "an unknown element");
      }
    },
  },
  {
    id: "rfc6120/4.9.3.24/client-sent-features",
    title: "a <stream:features/> sent by the client is ignored or gets a stream error, never a silent drop",
    requirements: ["RFC6120-4.8.4-3"],
    accounts: 1,
    needs: ["tcp"],
    async run(ctx) {
      const s = await ctx.login(ctx.accounts[0]);
      await s.send("<stream:features/>");
      try {
        await s.barrier();
      } catch {
        if (!s.streamError) throw new Violation("the server closed the stream without a stream error");
        oneOf(
          await expectStreamErrorNext(s, CONDITIONS),
          ["unsupported-stanza-type", "bad-format"],
          "stream features from a client",
        );
      }
    },
  },
  // ---- §4.9.3.13 / §11.3 not well-formed: the stream closes and nothing after it is processed ----
  {
    id: "rfc6120/4.9.3.13/unclosed-attribute-quote",
    title:
      "an attribute value left open (a '<' inside it) gets <not-well-formed/>; nothing after is delivered",
    requirements: ["RFC6120-11.3-2", "RFC6120-4.9.1.1-1"],
    accounts: 2,
    needs: ["tcp"],
    async run(ctx) {
      mustBeNotWellFormed(
        await badDataClosesStream(
          ctx,
          "<message to='{to}' id='{id}' type='chat><body>open quote</body></message>",
        ),
      );
    },
  },
  {
    id: "rfc6120/4.9.3.13/duplicate-attribute",
    title: "an element with the same attribute twice gets <not-well-formed/>; nothing after is delivered",
    requirements: ["RFC6120-11.3-2", "RFC6120-4.9.1.1-1"],
    accounts: 2,
    needs: ["tcp"],
    async run(ctx) {
      mustBeNotWellFormed(
        await badDataClosesStream(
          ctx,
          "<message to='{to}' id='{id}' type='chat' type='normal'><body>x</body></message>",
        ),
      );
    },
  },
  {
    id: "rfc6120/4.9.3.13/control-character",
    title: "a raw control character (U+0001) gets <not-well-formed/>; nothing after is delivered",
    requirements: ["RFC6120-11.3-2", "RFC6120-4.9.1.1-1"],
    accounts: 2,
    needs: ["tcp"],
    async run(ctx) {
      mustBeNotWellFormed(
        await badDataClosesStream(
          ctx,
          "<message to='{to}' id='{id}' type='chat'><body>a\u0001b</body></message>",
        ),
      );
    },
  },
  {
    id: "rfc6120/4.9.3.13/char-ref-to-nul",
    title: "a character reference to a non-XML character (&#0;) gets <not-well-formed/>",
    requirements: ["RFC6120-11.3-2", "RFC6120-4.9.1.1-1"],
    accounts: 2,
    needs: ["tcp"],
    async run(ctx) {
      mustBeNotWellFormed(
        await badDataClosesStream(
          ctx,
          "<message to='{to}' id='{id}' type='chat'><body>a&#0;b</body></message>",
        ),
      );
    },
  },
  {
    id: "rfc6120/4.9.3.13/unescaped-lt-in-text",
    title: "an unescaped '<' in character data gets <not-well-formed/>; nothing after is delivered",
    requirements: ["RFC6120-11.3-2", "RFC6120-4.9.1.1-1"],
    accounts: 2,
    needs: ["tcp"],
    async run(ctx) {
      mustBeNotWellFormed(
        await badDataClosesStream(
          ctx,
          "<message to='{to}' id='{id}' type='chat'><body>1 < 2</body></message>",
        ),
      );
    },
  },
  {
    id: "rfc6120/4.9.3.13/stray-end-tag",
    title: "an end tag for an element never opened gets <not-well-formed/>; nothing after is delivered",
    requirements: ["RFC6120-11.3-2", "RFC6120-4.9.1.1-1"],
    accounts: 2,
    needs: ["tcp"],
    async run(ctx) {
      mustBeNotWellFormed(await badDataClosesStream(ctx, "</message>"));
    },
  },
  {
    id: "rfc6120/4.9.3.13/undeclared-prefix",
    title:
      "a stanza using an undeclared prefix gets <not-acceptable/> or a <not-well-formed/> stream error, and is not delivered",
    requirements: ["RFC6120-11.3-4", "RFC6120-11.3-2"],
    accounts: 2,
    needs: ["tcp"],
    async run(ctx) {
      const [alice, bob] = await Promise.all([
        ctx.login(ctx.accounts[0]),
        ctx.login(ctx.accounts[1], { presence: true }),
      ]);
      const id = `nsbad-${uid()}`;
      const pingId = `barrier-${uid()}`;
      await alice.send(
        `<message to='${bob.jid}' id='${id}' type='chat'><body>x</body><foo:bar/></message>${PING(pingId)}`,
      );
      const first = await alice
        .expect((el) => el.attrs.id === id || isStreamError(el))
        .catch(() => undefined);
      if (alice.streamError) {
        mustBeNotWellFormed(await expectStreamErrorNext(alice, CONDITIONS));
        await bob.expectNothing(
          (el) => el.attrs.id === id,
          "the stanza with an undeclared prefix was delivered",
        );
        return;
      }
      // §11.3: either <not-acceptable/> or the stream error; (the ping answer comes after the error)
      if (!first)
        throw new Violation("the stanza with an undeclared prefix got neither a stanza nor a stream error");
      if (!stanzaError(first)) throw new Violation(`expected an error, got ${clip(first)}`);
      assertStanzaError(first, ["not-acceptable"], id);
      await markerBarrier(alice, bob);
      if (bob.inbox.some((el) => el.attrs.id === id)) throw new Violation("the stanza was delivered anyway");
    },
  },
  // ---- §4.9.3.18 / §11.1 restricted XML, §11.5 declarations ----
  {
    id: "rfc6120/4.9.3.18/entity-reference",
    title: "a reference to an undefined entity gets a stream error (<restricted-xml/>); nothing is delivered",
    requirements: ["RFC6120-11.1-3", "RFC6120-4.9.1.1-1"],
    accounts: 2,
    needs: ["tcp"],
    async run(ctx) {
      const cond = await badDataClosesStream(
        ctx,
        "<message to='{to}' id='{id}' type='chat'><body>&xmppspec;</body></message>",
      );
      // §11.1: SHOULD be <restricted-xml/> (some send <bad-format/>); without a DTD an undeclared entity
      // is also a well-formedness error (XML 1.0 WFC: Entity Declared).
      oneOf(cond, ["restricted-xml", "bad-format", "not-well-formed"], "an entity reference");
    },
  },
  {
    id: "rfc6120/4.9.3.13/xml-declaration-mid-stream",
    title: "an XML declaration in the middle of the stream gets a stream error; nothing after is delivered",
    requirements: ["RFC6120-11.3-2", "RFC6120-11.5-2", "RFC6120-4.9.1.1-1"],
    accounts: 2,
    needs: ["tcp"],
    async run(ctx) {
      const cond = await badDataClosesStream(ctx, "<?xml version='1.0'?>");
      // It matches no XML production there (the PI target 'xml' is reserved): not well-formed, or read as
      // a processing instruction: restricted XML (§11.1).
      oneOf(cond, ["not-well-formed", "restricted-xml", "bad-format"], "a mid-stream XML declaration");
    },
  },
  // ---- §4.9.3.22 / §11.6 encodings ----
  {
    id: "rfc6120/4.9.3.22/invalid-utf8",
    title:
      "bytes that are not UTF-8 get a stream error (<unsupported-encoding/>); nothing after is delivered",
    requirements: ["RFC6120-11.6-3", "RFC6120-4.9.1.1-1"],
    accounts: 2,
    needs: ["tcp"],
    async run(ctx) {
      const bad = Buffer.concat([
        Buffer.from("<message to='{to}' id='{id}' type='chat'><body>"),
        Buffer.from([0xc3, 0x28, 0xff, 0xfe]),
        Buffer.from("</body></message>"),
      ]);
      oneOf(
        await badDataClosesStream(ctx, bad),
        ["unsupported-encoding", "bad-format", "not-well-formed"],
        "invalid UTF-8",
      );
    },
  },
  {
    id: "rfc6120/4.9.3.22/utf16-declaration",
    title: "an XML declaration naming UTF-16 gets a stream error, which should be <unsupported-encoding/>",
    requirements: ["RFC6120-11.6-3"],
    needs: ["tcp"],
    async run(ctx) {
      const s = await ctx.connect();
      await s.send(
        header(ctx, "version='1.0'").replace(
          "<?xml version='1.0'?>",
          "<?xml version='1.0' encoding='UTF-16'?>",
        ),
      );
      oneOf(
        await expectStreamErrorNext(s, CONDITIONS),
        ["unsupported-encoding", "bad-format"],
        "a UTF-16 declaration",
      );
    },
  },
  {
    id: "rfc6120/4.9.3.22/utf16-bytes",
    title:
      "a stream sent in UTF-16 (with a byte order mark) gets a stream error, which should be <unsupported-encoding/>",
    requirements: ["RFC6120-11.6-3"],
    needs: ["tcp"],
    async run(ctx) {
      const s = await ctx.connect();
      await s.send(Buffer.from(`\ufeff${header(ctx, "version='1.0'")}`, "utf16le"));
      oneOf(
        await expectStreamErrorNext(s, CONDITIONS),
        ["unsupported-encoding", "bad-format", "not-well-formed"],
        "a UTF-16 stream",
      );
    },
  },
]);

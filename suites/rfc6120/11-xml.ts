// RFC 6120 §11: XML usage — restricted XML, well-formedness, XML declaration, UTF-8, both ways:
// what the server must refuse from us, and what it must never send us.
import { Violation } from "../../harness/errors.ts";
import type { CaseSpec } from "../../harness/runner/case.ts";
import { section } from "../../harness/runner/case.ts";
import type { CaseContext } from "../../harness/runner/context.ts";
import type { Session } from "../../harness/session.ts";
import { nextId } from "../../harness/session.ts";
import { NS, xml } from "../../harness/xml/element.ts";
import { clip, expectStreamErrorAfter, expectStreamErrorNext } from "../helpers.ts";

const STD = `xmlns='jabber:client' xmlns:stream='${NS.stream}' version='1.0'`;

/** §11.1: MUST close with a stream error, which SHOULD be restricted-xml (bad-format tolerated by the RFC). */
const RESTRICTED = ["restricted-xml", "bad-format"];
/** §11.3 / §4.9.3.13: not well-formed; §4.9.3.1 bad-format is the general XML error. */
const NOT_WELL_FORMED = ["not-well-formed", "bad-format"];
/**
 * Bytes that break UTF-8: §4.9.3.22 names "violating the rules of the [UTF-8] encoding" as
 * unsupported-encoding; XML 1.0 §4.3.3 makes it a fatal (well-formedness) error; bad-format per §11.6.
 */
const BAD_UTF8 = ["unsupported-encoding", "not-well-formed", "bad-format"];

/**
 * Log in two accounts; the first sends `bad` (built for the second's JID) followed by a message that is
 * fine and a ping. The stream MUST be closed with a stream error (SHOULD one of `should`), and neither
 * the offending stanza nor anything after it may reach the second account.
 */
async function rejectedMidStream(
  ctx: CaseContext,
  bad: (to: string, id: string) => string | Buffer,
  should: string[],
): Promise<void> {
  const [alice, bob] = await Promise.all([
    ctx.login(ctx.accounts[0]),
    ctx.login(ctx.accounts[1], { presence: true }),
  ]);
  const to = bob.jid!.toString();
  const badId = nextId("bad");
  const afterId = nextId("after");
  const pre = bad(to, badId);
  const after = `<message to='${to}' id='${afterId}' type='chat'><body>after</body></message><iq type='get' id='${nextId("ping")}'><ping xmlns='${NS.ping}'/></iq>`;
  alice.inbox.length = 0;
  await expectStreamErrorAfter(
    alice,
    Buffer.isBuffer(pre) ? Buffer.concat([pre, Buffer.from(after)]) : pre + after,
    should,
  );
  await notDelivered(bob, [badId, afterId]);
}

async function notDelivered(bob: Session, ids: string[]): Promise<void> {
  await bob.expectNothing(
    (el) => el.name === "message" && ids.includes(el.attrs.id ?? ""),
    "a stanza sent with or after the offending data was delivered",
  );
}

function messageWith(to: string, id: string, inner: string, attrs = ""): string {
  return `<message to='${to}' id='${id}' type='chat'${attrs}>${inner}</message>`;
}

function withBytes(to: string, id: string, bytes: number[]): Buffer {
  return Buffer.concat([
    Buffer.from(`<message to='${to}' id='${id}' type='chat'><body>a`),
    Buffer.from(bytes),
    Buffer.from("b</body></message>"),
  ]);
}

/** Relay `text` as a body from the first account to the second; it must arrive unchanged and well-formed. */
async function relayIntact(
  ctx: CaseContext,
  body: string,
  attrs: Record<string, string> = {},
  extra?: ReturnType<typeof xml>,
): Promise<void> {
  const [alice, bob] = await Promise.all([
    ctx.login(ctx.accounts[0]),
    ctx.login(ctx.accounts[1], { presence: true }),
  ]);
  const id = attrs.id ?? nextId("relay");
  await alice.send(
    xml("message", { to: bob.jid!.toString(), type: "chat", ...attrs, id }, xml("body", {}, body), extra),
  );
  const got = await bob.expect({ name: "message", id });
  noFindings([alice, bob]);
  const text = got.getChildText("body");
  if (text !== body) {
    throw new Violation(
      `the body arrived as ${JSON.stringify(text)} instead of ${JSON.stringify(body)}: ${clip(got)}`,
    );
  }
  for (const [k, v] of Object.entries(attrs)) {
    if (got.attrs[k] !== v)
      throw new Violation(
        `'${k}' arrived as ${JSON.stringify(got.attrs[k])} instead of ${JSON.stringify(v)}`,
      );
  }
}

/** §11.1-2, §11.3-1, §11.3-3: nothing the target sent on these sessions broke the XML rules. */
function noFindings(sessions: Session[]): void {
  for (const s of sessions) {
    const f = s.findings[0];
    if (f)
      throw new Violation(`the server sent ${f.kind}: ${f.message} (${JSON.stringify(f.bytes.toString())})`);
  }
}

const cases: CaseSpec[] = [
  // ---- (a) restricted XML from the client (§11.1) ----
  {
    id: "rfc6120/11.1/entity-reference-in-text",
    title: "an internal entity reference (&foo;) in a stanza closes the stream; nothing is delivered",
    requirements: ["RFC6120-11.1-3", "RFC6120-15-61"],
    needs: ["tcp"],
    accounts: 2,
    run: (ctx) =>
      rejectedMidStream(ctx, (to, id) => messageWith(to, id, "<body>a &foo; b</body>"), [
        ...RESTRICTED,
        "not-well-formed",
      ]),
  },
  {
    id: "rfc6120/11.1/entity-reference-in-attribute",
    title: "an entity reference in an attribute value closes the stream; nothing is delivered",
    requirements: ["RFC6120-11.1-3"],
    needs: ["tcp"],
    accounts: 2,
    run: (ctx) =>
      rejectedMidStream(ctx, (to, id) => messageWith(to, id, "<body>x</body>", " xml:lang='&lang;'"), [
        ...RESTRICTED,
        "not-well-formed",
      ]),
  },
  {
    id: "rfc6120/11.1/pi-inside-stanza",
    title: "a processing instruction inside a stanza closes the stream; nothing is delivered",
    requirements: ["RFC6120-11.1-3"],
    needs: ["tcp"],
    accounts: 2,
    run: (ctx) =>
      rejectedMidStream(ctx, (to, id) => messageWith(to, id, "<?xmppspec probe?><body>x</body>"), RESTRICTED),
  },
  {
    id: "rfc6120/11.1/comment-inside-stanza",
    title: "a comment inside a stanza closes the stream; nothing is delivered",
    requirements: ["RFC6120-11.1-3"],
    needs: ["tcp"],
    accounts: 2,
    run: (ctx) =>
      rejectedMidStream(ctx, (to, id) => messageWith(to, id, "<body>x<!-- hidden -->y</body>"), RESTRICTED),
  },
  {
    id: "rfc6120/11.1/doctype-mid-stream",
    title: "a document type declaration between stanzas closes the stream; nothing after it is delivered",
    requirements: ["RFC6120-11.1-3"],
    needs: ["tcp"],
    accounts: 2,
    run: (ctx) =>
      rejectedMidStream(ctx, () => `<!DOCTYPE message [<!ENTITY x "boom">]>`, [
        ...RESTRICTED,
        "not-well-formed",
      ]),
  },
  {
    id: "rfc6120/11.1/external-dtd-at-start",
    title:
      "an external DTD subset (SYSTEM identifier) before the stream header is refused with a stream error",
    requirements: ["RFC6120-11.1-3"],
    needs: ["tcp"],
    async run(ctx) {
      const s = await ctx.connect();
      await s.send(
        `<?xml version='1.0'?><!DOCTYPE stream:stream SYSTEM 'http://example.invalid/x.dtd'><stream:stream ${STD} to='${ctx.domain}'>`,
      );
      await expectStreamErrorNext(s, RESTRICTED);
    },
  },
  // ---- XML declaration (§11.5) ----
  {
    id: "rfc6120/11.5/xml-declaration-mid-stream",
    title:
      "an XML declaration after the stream has started is not well-formed: stream error, nothing after delivered",
    requirements: ["RFC6120-11.3-2", "RFC6120-11.5-2"],
    needs: ["tcp"],
    accounts: 2,
    // XML 1.0 allows the XMLDecl only at the very start; a PI target 'xml' is reserved, so restricted-xml fits too.
    run: (ctx) =>
      rejectedMidStream(ctx, () => "<?xml version='1.0'?>", [...NOT_WELL_FORMED, "restricted-xml"]),
  },
  {
    id: "rfc6120/11.5/standalone-no",
    title: "standalone='no' in the XML declaration is ignored or answered with a stream error",
    requirements: ["RFC6120-11.5-4"],
    needs: ["tcp"],
    async run(ctx) {
      const s = await ctx.connect();
      await s.send(`<?xml version='1.0' standalone='no'?><stream:stream ${STD} to='${ctx.domain}'>`);
      const header = await s.readHeader().catch(() => undefined);
      const features = header ? await s.readFeatures().catch(() => undefined) : undefined;
      if (features && !s.streamError) return; // ignored: the RFC allows that
      if (!s.streamError) throw new Violation("the target closed the connection without a stream error");
      await expectStreamErrorNext(s, ["restricted-xml"]);
    },
  },
  {
    id: "rfc6120/11.5/response-xml-declaration",
    title:
      "the server's stream starts with an XML declaration (SHOULD) without a standalone declaration or a non-UTF-8 encoding",
    requirements: ["RFC6120-11.5-1", "RFC6120-11.5-3", "RFC6120-11.6-2"],
    needs: ["tcp"],
    async run(ctx) {
      const label = nextId("decl");
      const s = await ctx.connect({ label });
      await s.openStream();
      const text = ctx.transcript.entries
        .filter((e) => e.session === label && e.dir === "recv")
        .map((e) => e.data)
        .join("");
      const decl = /^<\?xml\s([^?]*)\?>/.exec(text);
      if (!decl) throw new Violation(`no XML declaration before the stream header: ${clip(text, 80)}`, true);
      if (/\bstandalone\s*=/.test(decl[1]))
        throw new Violation(`the XML declaration carries a standalone document declaration: ${decl[0]}`);
      const enc = /\bencoding\s*=\s*["']([^"']*)["']/.exec(decl[1]);
      if (enc && !/^utf-?8$/i.test(enc[1]))
        throw new Violation(`the XML declaration names encoding '${enc[1]}'`);
    },
  },
  // ---- encoding (§11.6) ----
  {
    id: "rfc6120/11.6/non-utf8-declared",
    title:
      "an XML declaration naming ISO-8859-1 is refused with a stream error (SHOULD be unsupported-encoding)",
    requirements: ["RFC6120-11.6-3"],
    needs: ["tcp"],
    async run(ctx) {
      const s = await ctx.connect();
      await s.send(`<?xml version='1.0' encoding='ISO-8859-1'?><stream:stream ${STD} to='${ctx.domain}'>`);
      await expectStreamErrorNext(s, ["unsupported-encoding", "bad-format"]);
    },
  },
  {
    id: "rfc6120/11.6/overlong-utf8",
    title: "an overlong UTF-8 sequence (C0 BC for '<') closes the stream; nothing is delivered",
    requirements: ["RFC6120-11.6-3", "RFC6120-11.3-2"],
    needs: ["tcp"],
    accounts: 2,
    run: (ctx) => rejectedMidStream(ctx, (to, id) => withBytes(to, id, [0xc0, 0xbc]), BAD_UTF8),
  },
  {
    id: "rfc6120/11.6/surrogate-utf8",
    title: "a UTF-8-encoded surrogate (ED A0 80) closes the stream; nothing is delivered",
    requirements: ["RFC6120-11.6-3", "RFC6120-11.3-2"],
    needs: ["tcp"],
    accounts: 2,
    run: (ctx) => rejectedMidStream(ctx, (to, id) => withBytes(to, id, [0xed, 0xa0, 0x80]), BAD_UTF8),
  },
  {
    id: "rfc6120/11.6/truncated-utf8",
    title: "a truncated UTF-8 sequence (E2 82 then ASCII) closes the stream; nothing is delivered",
    requirements: ["RFC6120-11.6-3", "RFC6120-11.3-2"],
    needs: ["tcp"],
    accounts: 2,
    run: (ctx) => rejectedMidStream(ctx, (to, id) => withBytes(to, id, [0xe2, 0x82]), BAD_UTF8),
  },
  // ---- characters outside XML's Char production (§11.3, XML 1.0 §2.2) ----
  {
    id: "rfc6120/11.3/char-ref-fffe",
    title: "a character reference to U+FFFE is not well-formed: stream error, nothing delivered",
    requirements: ["RFC6120-11.3-2"],
    needs: ["tcp"],
    accounts: 2,
    run: (ctx) =>
      rejectedMidStream(ctx, (to, id) => messageWith(to, id, "<body>&#xFFFE;</body>"), NOT_WELL_FORMED),
  },
  {
    id: "rfc6120/11.3/char-ref-nul",
    title: "a character reference to U+0000 is not well-formed: stream error, nothing delivered",
    requirements: ["RFC6120-11.3-2"],
    needs: ["tcp"],
    accounts: 2,
    run: (ctx) =>
      rejectedMidStream(ctx, (to, id) => messageWith(to, id, "<body>a&#0;b</body>"), NOT_WELL_FORMED),
  },
  {
    id: "rfc6120/11.3/raw-nul",
    title: "a raw U+0000 in character data is not well-formed: stream error, nothing delivered",
    requirements: ["RFC6120-11.3-2"],
    needs: ["tcp"],
    accounts: 2,
    run: (ctx) =>
      rejectedMidStream(ctx, (to, id) => messageWith(to, id, "<body>a\u0000b</body>"), NOT_WELL_FORMED),
  },
  {
    id: "rfc6120/11.3/raw-fffe",
    title: "a raw U+FFFE (EF BF BE) in character data is not well-formed: stream error, nothing delivered",
    requirements: ["RFC6120-11.3-2"],
    needs: ["tcp"],
    accounts: 2,
    run: (ctx) =>
      rejectedMidStream(ctx, (to, id) => messageWith(to, id, "<body>a\uFFFEb</body>"), [
        ...NOT_WELL_FORMED,
        "unsupported-encoding",
      ]),
  },
  // ---- namespace well-formedness (§11.3) ----
  {
    id: "rfc6120/11.3/undeclared-element-prefix",
    title: "a child element with an undeclared prefix is not delivered (not-acceptable or not-well-formed)",
    requirements: ["RFC6120-11.3-4", "RFC6120-15-63"],
    needs: ["tcp"],
    accounts: 2,
    run: (ctx) => namespaceIllFormed(ctx, "<body>x</body><foo:bar/>", ""),
  },
  {
    id: "rfc6120/11.3/undeclared-attribute-prefix",
    title: "an attribute with an undeclared prefix is not delivered (not-acceptable or not-well-formed)",
    requirements: ["RFC6120-11.3-4"],
    needs: ["tcp"],
    accounts: 2,
    run: (ctx) => namespaceIllFormed(ctx, "<body>x</body>", " foo:flag='1'"),
  },
  // ---- U+FEFF is a character, not a byte order mark (§11.6) ----
  {
    id: "rfc6120/11.6/zwnbsp-mid-stream",
    title: "U+FEFF inside a message body is a zero width no-break space and is relayed as such",
    requirements: ["RFC6120-11.6-5"],
    accounts: 2,
    run: (ctx) => relayIntact(ctx, "zero\uFEFFwidth \uFEFF"),
  },
  // ---- (b) what the server sends (§11.1-2, §11.3-1, §11.3-3, §11.6-2) ----
  {
    id: "rfc6120/11.3/relay-markup-like-text",
    title: "body text that looks like markup, comments and PIs is relayed escaped, unchanged and well-formed",
    requirements: ["RFC6120-11.3-1", "RFC6120-11.1-2"],
    accounts: 2,
    run: (ctx) =>
      relayIntact(ctx, "<b>bold</b> & <!-- not a comment --> <?not-a-pi?> &amp;lt; ]]> <![CDATA[x]]>"),
  },
  {
    id: "rfc6120/11.3/relay-prefix-like-text",
    title: "body text that looks like a prefixed element (<x:y/>) is relayed escaped, namespace-well-formed",
    requirements: ["RFC6120-11.3-3", "RFC6120-11.3-1"],
    accounts: 2,
    run: (ctx) => relayIntact(ctx, "<x:y z:a='1'/> </x:y>"),
  },
  {
    id: "rfc6120/11.3/relay-escaped-attributes",
    title: "attribute values and text with < & ' \" > arrive unchanged and well-formed",
    requirements: ["RFC6120-11.3-1"],
    accounts: 2,
    async run(ctx) {
      const special = `a<b&c'd"e>f`;
      const id = `${nextId("q")}-${special}`;
      await relayIntact(ctx, `x & y < z`, { id }, xml("thread", {}, special));
    },
  },
  {
    id: "rfc6120/11.6/relay-non-ascii",
    title: "non-ASCII text (accents, CJK, astral plane, ZWSP) is relayed as UTF-8, unchanged",
    requirements: ["RFC6120-11.6-1", "RFC6120-11.6-2", "RFC6120-12-1"],
    accounts: 2,
    run: (ctx) => relayIntact(ctx, "héllo wörld ✓ 中文 𝄞 😀 a\u200Bb"),
  },
  {
    id: "rfc6120/11.1/server-output-clean",
    title:
      "over a whole session (features, bind, roster, errors, relayed stanzas) the server sends no restricted or ill-formed XML",
    requirements: ["RFC6120-11.1-2", "RFC6120-11.3-1", "RFC6120-11.3-3", "RFC6120-11.1-1", "RFC6120-11.6-4"],
    accounts: 2,
    async run(ctx) {
      const [alice, bob] = await Promise.all([
        ctx.login(ctx.accounts[0], { roster: true, presence: true }),
        ctx.login(ctx.accounts[1], { roster: true, presence: true }),
      ]);
      // server-generated errors: an unknown payload and an unknown recipient
      await alice.iq(xml("iq", { type: "get", to: ctx.domain }, xml("query", { xmlns: "urn:example:none" })));
      await alice.send(
        xml(
          "message",
          { to: `nobody-${nextId("u")}@${ctx.domain}/r`, type: "chat" },
          xml("body", {}, "<?x?>"),
        ),
      );
      const id = nextId("m");
      await alice.send(
        xml(
          "message",
          { to: bob.jid!.toString(), type: "chat", id },
          xml("body", {}, "<!--c--> <?p?> <q:r/>"),
        ),
      );
      await bob.expect({ name: "message", id });
      await Promise.all([alice.barrier(), bob.barrier()]);
      noFindings([alice, bob]);
    },
  },
];

/**
 * §11.3-4: the server MUST NOT route or deliver it, and MUST either return <not-acceptable/> or close
 * the stream with <not-well-formed/> (bad-namespace-prefix §4.9.3.2 and bad-format §4.9.3.1 are
 * tolerated as the closer conditions).
 */
async function namespaceIllFormed(ctx: CaseContext, inner: string, attrs: string): Promise<void> {
  const [alice, bob] = await Promise.all([
    ctx.login(ctx.accounts[0]),
    ctx.login(ctx.accounts[1], { presence: true }),
  ]);
  const id = nextId("ns");
  alice.inbox.length = 0;
  await alice.send(messageWith(bob.jid!.toString(), id, inner, attrs));
  const first = await alice.expect(() => true).catch(() => undefined);
  if (first && !alice.streamError) {
    if (first.name !== "message" || first.attrs.type !== "error" || first.attrs.id !== id)
      throw new Violation(`expected <not-acceptable/> or a stream error, got ${clip(first)}`);
    const cond = first.getChild("error")?.getChildElements()[0]?.name;
    if (cond !== "not-acceptable")
      throw new Violation(`the stanza error is <${cond}/>, not <not-acceptable/>`);
  } else {
    if (!alice.streamError) throw new Violation("the target closed the connection without a stream error");
    const cond = await expectStreamErrorNext(alice, [
      "not-well-formed",
      "bad-namespace-prefix",
      "bad-format",
    ]).catch((err: Violation) => {
      throw new Violation(err.message); // §11.3-4 names the condition: a MUST here, not a SHOULD
    });
    ctx.note(`closed with <${cond}/>`);
  }
  await notDelivered(bob, [id]);
}

export default section("rfc6120", "11", "XML Usage", cases);

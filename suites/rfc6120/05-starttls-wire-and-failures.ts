// RFC 6120 §5: more STARTTLS checks — wire format during negotiation, the restart over TLS, mandatory TLS,
// and the failure case.
import { Violation } from "../../harness/errors.ts";
import { section } from "../../harness/runner/case.ts";
import type { CaseContext } from "../../harness/runner/context.ts";
import type { Session } from "../../harness/session.ts";
import { NS, xml } from "../../harness/xml/element.ts";
import { hasInterElementWhitespace, receivedSince, windowStart } from "./wire-window.ts";

/** The end of the element that closes the STARTTLS window (§5.3.3): <proceed/> (or <failure/>). */
const PROCEED_END = /<(?:proceed|failure)\b[^>]*\/>|<\/(?:proceed|failure)>/;

/**
 * Send <starttls/> where the target cannot take it up. A <failure/> must be followed by the close of the
 * stream and the connection, with no other XML (§5.4.2.2); a stream error is also a refusal.
 */
async function refusedStartTls(ctx: CaseContext, s: Session): Promise<void> {
  const seen = s.inbox.length;
  await s.send(xml("starttls", { xmlns: NS.tls }));
  const answer = await s
    .expect((el) => el.getNS() === NS.tls || el.name === "stream:error")
    .catch((err) => {
      if (s.streamError) return s.streamError;
      throw err;
    });
  if (answer.name === "proceed") ctx.skip("the target took up <starttls/> here");
  if (answer.name !== "failure") return;
  await s.expectClose();
  const after = s.inbox.slice(seen).filter((el) => el.name !== "stream:error");
  if (after.length)
    throw new Violation(`after the STARTTLS <failure/> the target sent <${after[0].name}/> before closing`);
}

/**
 * RFC 7590 §1 brings in RFC 7525 (BCP 195). Our client offers TLS 1.2 and 1.3 and forward-secret AEAD suites,
 * so a server that follows it negotiates one of those: §3.1.1 (MUST support and prefer TLS 1.2; never SSL),
 * §4.1 (never NULL, RC4, export or other sub-112-bit suites; MUST prefer forward secrecy), §4.2 (the
 * recommended suites are AEAD: a SHOULD).
 */
function checkTlsParameters(protocol: string | null, cipher: string | null): void {
  if (!protocol || !cipher) throw new Violation("TLS is up, but its version or cipher suite is unknown");
  if (!/^TLSv1\.[23]$/.test(protocol))
    throw new Violation(`${protocol} negotiated although TLS 1.2 was offered (RFC 7525 §3.1.1)`);
  if (/NULL|RC4|EXP|anon|ADH|AECDH|(^|-)DES-CBC-/i.test(cipher))
    throw new Violation(`the cipher suite ${cipher} is one RFC 7525 §4.1 forbids`);
  if (protocol === "TLSv1.3") return; // every TLS 1.3 suite is forward-secret and AEAD
  if (!/^(ECDHE|DHE)-/.test(cipher))
    throw new Violation(`the cipher suite ${cipher} has no forward secrecy (RFC 7525 §4.1)`);
  if (/DES-CBC3|3DES/.test(cipher))
    throw new Violation(
      `the cipher suite ${cipher} offers less than 128 bits of security (RFC 7525 §4.1)`,
      true,
    );
  if (!/GCM|CHACHA20|CCM/.test(cipher))
    throw new Violation(
      `the cipher suite ${cipher} is not AEAD, unlike those RFC 7525 §4.2 recommends`,
      true,
    );
}

export default section("rfc6120", "5", "STARTTLS Negotiation (more)", [
  {
    id: "rfc6120/5.3.3/no-whitespace-before-proceed",
    title: "between our <starttls/> and the end of <proceed/> the target sends no whitespace",
    requirements: ["RFC6120-5.3.3-1"],
    needs: ["tls", "tcp"],
    async run(ctx) {
      const s = await ctx.open();
      const from = windowStart(ctx);
      await s.starttls();
      const window = receivedSince(ctx, s, from, PROCEED_END);
      if (hasInterElementWhitespace(window))
        throw new Violation(`whitespace between elements during STARTTLS: ${JSON.stringify(window)}`);
    },
  },
  {
    id: "rfc6120/5.4.1/header-then-features",
    title: "a response stream header comes back, and the first element after it is <stream:features/>",
    requirements: ["RFC6120-5.4.1-1", "RFC6120-5.4.1-2"],
    async run(ctx) {
      const s = await ctx.connect();
      const header = await s.openStream();
      ctx.expect(header.attrs.id, "stream id").to.be.a("string");
      const first = await s.expect(() => true);
      if (!first.is("features", NS.stream))
        throw new Violation(`the first element after the response header is <${first.name}/>, not features`);
    },
  },
  {
    id: "rfc6120/5.4.3.3/new-header-over-tls",
    title: "our new header over TLS is answered over TLS with a new header whose stream id is new",
    requirements: ["RFC6120-5.4.3.3-5", "RFC6120-6.4.1-2"],
    needs: ["tls"],
    async run(ctx) {
      const s = await ctx.open();
      const before = s.header!.attrs.id;
      await s.starttls();
      ctx.expect(s.transport.secure, "TLS is up").to.equal(true);
      const after = s.header!.attrs.id;
      if (!after) throw new Violation("the response header over TLS has no stream id");
      if (after === before) throw new Violation(`the stream id '${after}' was reused after TLS`);
    },
  },
  {
    id: "rfc6120/5.3.1/mandatory-tls-enforced",
    title:
      "when TLS is mandatory-to-negotiate (<required/> or STARTTLS alone), SASL in the clear does not succeed",
    requirements: ["RFC6120-5.3.1-1"],
    needs: ["tls", "mechanism:PLAIN"],
    accounts: 1,
    async run(ctx) {
      const s = await ctx.open();
      const features = s.features!.getChildElements();
      const starttls = s.features!.getChild("starttls", NS.tls);
      const mandatory = !!starttls?.getChild("required") || (features.length === 1 && !!starttls);
      if (!mandatory) return; // TLS is optional here: nothing to enforce
      const a = ctx.accounts[0];
      ctx.transcript.secret(a.password);
      const plain = Buffer.from(`\u0000${a.username}\u0000${a.password}`).toString("base64");
      await s.send(`<auth xmlns='${NS.sasl}' mechanism='PLAIN'>${plain}</auth>`);
      const answer = await s
        .expect((el) => el.getNS() === NS.sasl || el.name === "stream:error")
        .catch((err) => {
          if (s.streamError || s.closed || s.streamEnded) return undefined;
          throw err;
        });
      if (answer?.name === "success")
        throw new Violation("TLS is mandatory-to-negotiate, yet SASL succeeded before TLS");
    },
  },
  {
    id: "rfc6120/5.4.2.2/failure-on-secured-stream-closes",
    title:
      "a <starttls/> refused on a secured stream is a <failure/> followed by the close, and nothing else",
    requirements: ["RFC6120-5.4.2.2-1", "RFC6120-5.4.2.1-1"],
    needs: ["tls"],
    async run(ctx) {
      const s = await ctx.open();
      await s.starttls();
      await refusedStartTls(ctx, s);
    },
  },
  {
    id: "rfc6120/5.4.2.2/failure-after-auth-closes",
    title: "a <starttls/> after authentication is refused: <failure/> then the close, nothing else",
    requirements: ["RFC6120-5.4.2.2-1"],
    accounts: 1,
    async run(ctx) {
      const a = ctx.accounts[0];
      const s = await ctx.openSecured();
      await s.authenticate({ username: a.username, password: a.password });
      await refusedStartTls(ctx, s);
    },
  },
  {
    id: "rfc6120/5.4.2.2/failure-over-direct-tls-closes",
    title: "a <starttls/> over direct TLS is refused: <failure/> then the close, nothing else",
    requirements: ["RFC6120-5.4.2.2-1"],
    needs: ["direct-tls"],
    async run(ctx) {
      const s = await ctx.open({ endpoint: ctx.target.directTls });
      await refusedStartTls(ctx, s);
    },
  },
  {
    id: "rfc6120/5.4.3.3/direct-tls-features-without-starttls",
    title: "over direct TLS the features offer SASL and no <starttls/> (TLS is already in place)",
    requirements: ["RFC6120-5.4.3.3-6"],
    needs: ["direct-tls"],
    async run(ctx) {
      const s = await ctx.open({ endpoint: ctx.target.directTls });
      ctx.expect(s.features!.getChild("starttls", NS.tls), "<starttls/> over TLS").to.equal(undefined);
    },
  },
  {
    id: "rfc6120/5.4.3.1/tls-version-and-cipher",
    title:
      "STARTTLS negotiates TLS 1.2 or later with a forward-secret cipher suite, AEAD preferably (RFC 7525)",
    requirements: ["RFC7590-1-1", "RFC6120-5.4.3.1-9"],
    needs: ["tls"],
    async run(ctx) {
      const s = await ctx.open();
      await s.starttls();
      const info = s.transport.tls;
      ctx.note(`TLS: ${info?.protocol ?? "?"} ${info?.cipher ?? "?"}`);
      checkTlsParameters(info?.protocol ?? null, info?.cipher ?? null);
    },
  },
  {
    id: "rfc6120/5.4.3.1/direct-tls-version-and-cipher",
    title:
      "direct TLS negotiates TLS 1.2 or later with a forward-secret cipher suite, AEAD preferably (RFC 7525)",
    requirements: ["RFC7590-1-1"],
    needs: ["direct-tls"],
    async run(ctx) {
      const s = await ctx.open({ endpoint: ctx.target.directTls });
      const info = s.transport.tls;
      checkTlsParameters(info?.protocol ?? null, info?.cipher ?? null);
    },
  },
]);

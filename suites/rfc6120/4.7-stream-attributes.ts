// RFC 6120 §4.7.1-§4.7.4 Stream Attributes: 'from', 'to', 'id' and 'xml:lang' of the response header
// (the 'version' attribute, §4.7.5, has its own file).

import { Violation } from "../../harness/errors.ts";
import { asOpened } from "../../harness/session.ts";
import {
  authenticateAs,
  type CaseContext,
  type CaseSpec,
  NS,
  type Opened,
  openedWith,
  responseCases,
  section,
  uid,
} from "../kit/index.ts";

/** Open a stream with `attrs` on the header that follows TLS (or on the first one when there is no TLS). */
async function openWith(ctx: CaseContext, attrs: Record<string, string>): Promise<Opened> {
  const tls = ctx.target.tls !== "none";
  const s = tls ? await ctx.open() : await ctx.connect();
  if (!tls) {
    await s.openStream(attrs);
    await s.readFeatures();
    return asOpened(s);
  }
  if (s.features?.getChild("starttls", NS.tls)) {
    await s.send(`<starttls xmlns='${NS.tls}'/>`);
    const answer = await s.expect((el) => el.getNS() === NS.tls);
    if (answer.name !== "proceed") throw new Violation(`STARTTLS answered with <${answer.name}/>`);
    await s.transport.startTls({ servername: ctx.domain, ...ctx.target.trust });
  }
  await s.openStream(attrs);
  await s.readFeatures();
  return asOpened(s);
}

/** The response header's 'to' must be the bare JID of what the client put in 'from' (§4.7.2). */
async function answersFromWithBare(ctx: CaseContext, from: (bare: string) => string): Promise<void> {
  const bare = `${ctx.account("alice").username}@${ctx.domain}`;
  const s = await openWith(ctx, { from: from(bare) });
  ctx.expect(s.header.attrs.to?.toLowerCase(), "'to' of the response header").to.equal(bare.toLowerCase());
}

const cases: CaseSpec[] = [
  // ---- what the response header to a plain open carries ----
  ...responseCases([
    {
      id: "rfc6120/4.7.1/response-from",
      title: "the response stream header carries 'from' set to the domain the client asked for",
      requirements: ["RFC6120-4.7.1-3", "RFC6120-15-38"],
      check: (ctx, s) =>
        ctx
          .expect(s.header.attrs.from?.toLowerCase(), "'from' of the response header")
          .to.equal(ctx.domain.toLowerCase()),
    },
    {
      id: "rfc6120/4.7.2/no-to-without-from",
      title: "without a 'from' in our header, the response header has no 'to'",
      requirements: ["RFC6120-4.7.2-3"],
      check: (ctx, s) => ctx.expect(s.header.attrs.to, "'to' of the response header").to.equal(undefined),
    },
    {
      id: "rfc6120/4.7.3/stream-id-present",
      title: "the response stream header carries an 'id'",
      requirements: ["RFC6120-4.7.3-4", "RFC6120-15-39", "RFC6120-4.1-1", "RFC6120-4.5-1"],
      check: (ctx, s) => ctx.expect(s.header.attrs.id, "stream id").to.be.a("string").and.not.equal(""),
    },
    {
      id: "rfc6120/4.7.4/response-xml-lang",
      title: "the response stream header carries 'xml:lang'",
      // §12's "an XML stream SHOULD include an 'xml:lang'" is this MUST for response headers, said again
      requirements: ["RFC6120-4.7.4-3", "RFC6120-12-2"],
      check: (ctx, s) =>
        ctx
          .expect(s.header.attrs["xml:lang"], "xml:lang")
          .to.be.a("string")
          .and.match(/^[A-Za-z0-9._:-]+$/),
    },
  ]),
  // ---- §4.7.1 from ----
  {
    id: "rfc6120/4.7.1/from-after-tls-and-sasl",
    title: "the response headers after TLS and after SASL carry 'from' set to the server's domain",
    requirements: ["RFC6120-4.7.1-2", "RFC6120-4.7.1-3"],
    users: ["alice:account"],
    async run(ctx) {
      const s = await ctx.openSecured();
      ctx.expect(s.header.attrs.from?.toLowerCase(), "'from' after TLS").to.equal(ctx.domain.toLowerCase());
      await authenticateAs(ctx, s);
      ctx.expect(s.header.attrs.from?.toLowerCase(), "'from' after SASL").to.equal(ctx.domain.toLowerCase());
    },
  },
  // ---- §4.7.2 to ----
  {
    id: "rfc6120/4.7.2/to-is-client-from",
    title: "when the client's header carries 'from', the response header's 'to' is that bare JID",
    requirements: ["RFC6120-4.7.2-2", "RFC6120-15-41"],
    users: ["alice:account"],
    run: (ctx) => answersFromWithBare(ctx, (bare) => bare),
  },
  {
    id: "rfc6120/4.7.2/to-is-bare-jid-of-full-from",
    title: "a full JID in the client's 'from' is answered with the bare JID in 'to'",
    requirements: ["RFC6120-4.7.2-2"],
    users: ["alice:account"],
    run: (ctx) => answersFromWithBare(ctx, (bare) => `${bare}/xmppspec`),
  },
  // ---- §4.7.3 id ----
  {
    id: "rfc6120/4.7.3/stream-id-unique",
    title: "every stream gets a different id",
    requirements: ["RFC6120-4.7.3-1", "RFC6120-4.7.3-2", "RFC6120-15-40"],
    async run(ctx) {
      const ids = (await Promise.all([ctx.open(), ctx.open(), ctx.open()])).map((s) => s.header.attrs.id);
      ctx.expect(new Set(ids).size, `stream ids ${ids.join(", ")}`).to.equal(3);
    },
  },
  {
    id: "rfc6120/4.7.3/client-id-ignored",
    title: "an 'id' in the initial header is ignored: the response carries a fresh id of the server's own",
    requirements: ["RFC6120-4.7.3-3", "RFC6120-4.7.3-1"],
    async run(ctx) {
      const ours = `xmppspec-${uid()}`;
      const headers = await Promise.all([0, 1].map(async () => (await openedWith(ctx, { id: ours })).header));
      const ids = headers.map((h) => h.attrs.id);
      if (ids.includes(ours)) throw new Violation(`the server took the client's id '${ours}' as its own`);
      ctx.expect(ids[0], "the two stream ids").to.not.equal(ids[1]);
    },
  },
  // ---- §4.7.4 xml:lang ----
  {
    id: "rfc6120/4.7.4/unknown-lang-gets-default",
    title: "an xml:lang the server cannot support (private use x-…) is answered with its default language",
    requirements: ["RFC6120-4.7.4-6", "RFC6120-4.7.4-1"],
    async run(ctx) {
      const def = (await openedWith(ctx, { "xml:lang": null })).header.attrs["xml:lang"];
      const odd = await openedWith(ctx, { "xml:lang": `x-xmppspec${uid().slice(0, 6)}` });
      const got = odd.header.attrs["xml:lang"];
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
];

export default section("rfc6120", "4.7", "Stream Attributes", cases);

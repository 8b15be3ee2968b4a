// RFC 6120 §5.4.1-§5.4.2: STARTTLS offered in the first features, and the answer to <starttls/>:
// <proceed/> where TLS can begin, a <failure/> and the close where it cannot.

import { Violation } from "../../harness/errors.ts";
import {
  authenticated,
  type CaseContext,
  type CaseSpec,
  endpointFor,
  type Need,
  NS,
  plainAuth,
  responseCases,
  SASL_ANSWER_OR_STREAM_ERROR,
  type Session,
  section,
  starttlsAnswer,
} from "../kit/index.ts";

/** Where <starttls/> cannot be taken up, and how the case gets there. */
interface RefusedRow {
  id: string;
  title: string;
  requirements: string[];
  needs?: Need[];
  users?: string[];
  /** A stream on which TLS is already in place. */
  secured: (ctx: CaseContext) => Promise<Session>;
}

const REFUSED: RefusedRow[] = [
  {
    id: "rfc6120/5.4.2.2/failure-on-secured-stream-closes",
    title:
      "a <starttls/> refused on a secured stream is a <failure/> followed by the close, and nothing else",
    requirements: ["RFC6120-5.4.2.2-1", "RFC6120-5.4.2.1-1"],
    needs: ["tls"],
    async secured(ctx) {
      const s = await ctx.open();
      await s.starttls();
      return s;
    },
  },
  {
    id: "rfc6120/5.4.2.2/failure-after-auth-closes",
    title: "a <starttls/> after authentication is refused: <failure/> then the close, nothing else",
    requirements: ["RFC6120-5.4.2.2-1"],
    users: ["alice:account"],
    secured: (ctx) => authenticated(ctx),
  },
  {
    id: "rfc6120/5.4.2.2/failure-over-direct-tls-closes",
    title: "a <starttls/> over direct TLS is refused: <failure/> then the close, nothing else",
    requirements: ["RFC6120-5.4.2.2-1"],
    needs: ["direct-tls"],
    secured: (ctx) => ctx.open(endpointFor(ctx, "direct-tls")),
  },
];

/**
 * §5.4.2.2: a <failure/> must be followed by the close of the stream and the connection, with no other
 * XML; a stream error is also a refusal.
 */
function refusedCases(rows: RefusedRow[]): CaseSpec[] {
  return rows.map(({ secured, ...row }) => ({
    ...row,
    async run(ctx) {
      const s = await secured(ctx);
      const seen = s.inbox.length;
      const answer = await starttlsAnswer(s);
      if (answer.name === "proceed") ctx.skip("the target took up <starttls/> here");
      if (answer.name !== "failure") return;
      await s.expectClose();
      const after = s.inbox.slice(seen).filter((el) => el.name !== "stream:error");
      if (after.length)
        throw new Violation(
          `after the STARTTLS <failure/> the target sent <${after[0].name}/> before closing`,
        );
    },
  }));
}

export default section("rfc6120", "5.4", "STARTTLS Process", [
  {
    id: "rfc6120/5.4.1/header-then-features",
    title: "a response stream header comes back, and the first element after it is <stream:features/>",
    requirements: ["RFC6120-5.4.1-1", "RFC6120-5.4.1-2"],
    async run(ctx) {
      const s = await ctx.connect();
      const header = await s.openStream();
      ctx.expect(header.attrs.id, "stream id").to.be.a("string");
      const first = await s.expect({ what: "any element" });
      if (!first.is("features", NS.stream))
        throw new Violation(`the first element after the response header is <${first.name}/>, not features`);
    },
  },
  ...responseCases([
    {
      id: "rfc6120/5.4.1/starttls-offered",
      title: "the first features of a plain TCP stream advertise <starttls/>",
      requirements: ["RFC6120-5.2-1", "RFC6120-5.4.1-3"],
      check: (ctx, s) =>
        ctx.expect(s.features.getChild("starttls", NS.tls), "<starttls/> feature").to.not.equal(undefined),
    },
  ]),
  {
    id: "rfc6120/5.4.1/required-flag-when-mandatory",
    title: "when the server refuses authentication before TLS, its <starttls/> carries <required/>",
    requirements: ["RFC6120-5.4.1-4", "RFC6120-15-50"],
    needs: ["tls"],
    users: ["alice:account"],
    async run(ctx) {
      const s = await ctx.open();
      if (s.features.getChild("starttls", NS.tls)?.getChild("required")) return;
      // Probe whether TLS is in fact mandatory: authenticate in the clear (§6.5.4 encryption-required
      // says so). A server that lets us in, or fails for another reason, does not require it.
      await s.send(plainAuth(ctx, ctx.account("alice")));
      const answer = await s.expect(SASL_ANSWER_OR_STREAM_ERROR).catch(() => s.streamError);
      const refusedForTls =
        (answer?.name === "failure" && !!answer.getChild("encryption-required")) ||
        /TLS|encrypt/i.test(s.streamError?.toString() ?? "");
      if (refusedForTls) {
        throw new Violation(
          "authentication in the clear is refused for want of TLS, but <starttls/> lacks <required/>",
        );
      }
    },
  },
  {
    id: "rfc6120/5.4.2.3/proceed",
    title: "<starttls/> is answered with <proceed/> and TLS follows on the same connection",
    requirements: [
      "RFC6120-5.2-1",
      "RFC6120-5.4.2.1-1",
      "RFC6120-5.4.2.3-1",
      "RFC6120-5.4.3.1-1",
      "RFC6120-15-52",
      "RFC6120-5.4.3.1-8",
      "RFC6120-13.4-1",
    ],
    needs: ["tls"],
    async run(ctx) {
      const s = await ctx.open();
      await s.starttls();
      ctx.expect(s.transport.secure, "TLS is up").to.equal(true);
    },
  },
  ...refusedCases(REFUSED),
]);

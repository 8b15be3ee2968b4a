// XEP-0368 §3 with the target as the server a client dials over direct TLS (--direct-tls xmpps://…, the
// harness offering ALPN "xmpp-client" and SNI = the domain): STARTTLS is never taken up there, and the
// certificate validates as the one over STARTTLS does. (Its features without <starttls/> are checked by
// rfc6120/5.4.3.3/direct-tls-features-without-starttls, which cites XEP0368-3-6 too.) The other rules of
// §3 bind the connecting party: the target's own dialing is graded in 3-s2s-direct-tls.ts.
import { Violation } from "../../harness/errors.ts";
import {
  type CaseContext,
  type CaseSpec,
  certificateProblem,
  directTlsInfo,
  endpointFor,
  type Opened,
  section,
  starttlsAnswer,
  starttlsInfo,
} from "../kit/index.ts";

interface StarttlsRow {
  slug: string;
  where: string;
  users?: string[];
  stream(ctx: CaseContext): Promise<Opened>;
}

const STARTTLS_ROWS: StarttlsRow[] = [
  {
    slug: "initial",
    where: "on the first stream",
    stream: (ctx) => ctx.open(endpointFor(ctx, "direct-tls")),
  },
  {
    slug: "after-bind",
    where: "after authentication and binding",
    users: ["alice:account"],
    stream: (ctx) =>
      ctx.setUp("alice logs in over direct TLS", () =>
        ctx.login("alice", { ...endpointFor(ctx, "direct-tls"), label: "alice" }),
      ),
  },
];

function starttlsCase(row: StarttlsRow): CaseSpec {
  return {
    id: `xep0368/3/c2s-starttls-not-taken-up-${row.slug}`,
    title: `over direct TLS a <starttls/> ${row.where} is not answered with <proceed/>`,
    requirements: ["XEP0368-3-6"],
    needs: ["direct-tls"],
    ...(row.users ? { users: row.users } : {}),
    async run(ctx) {
      const s = await row.stream(ctx);
      const answer = await starttlsAnswer(s).catch((err: Error) => {
        // no answer at all: STARTTLS was not taken up either
        ctx.note(`no answer to <starttls/>: ${err.message}`);
        return undefined;
      });
      if (answer?.name === "proceed")
        throw new Violation(
          `the target answered <starttls/> ${row.where} over direct TLS with <proceed/>: "STARTTLS MUST NOT be used over direct TLS connections"`,
        );
    },
  };
}

interface CertRow {
  slug: string;
  what: string;
  needs: CaseSpec["needs"];
  name(ctx: CaseContext): string;
}

const CERT_ROWS: CertRow[] = [
  { slug: "domain", what: "the domain", needs: ["direct-tls"], name: (ctx) => ctx.domain },
  {
    slug: "second-domain",
    what: "the second domain",
    needs: ["direct-tls", "second-domain"],
    name: (ctx) => ctx.target.secondDomain ?? ctx.domain,
  },
];

function certificateCase(row: CertRow): CaseSpec {
  return {
    id: `xep0368/3/c2s-certificate-validates-${row.slug}`,
    title: `the certificate over direct TLS with SNI = ${row.what} validates for it as the one over STARTTLS does`,
    requirements: ["XEP0368-3-5"],
    needs: row.needs,
    async run(ctx) {
      const name = row.name(ctx);
      const direct = certificateProblem(await directTlsInfo(ctx, name), name);
      if (direct === undefined) return;
      const viaStarttls = await ctx.setUp(`STARTTLS on a stream to ${name}`, () => starttlsInfo(ctx, name));
      const starttls = viaStarttls && certificateProblem(viaStarttls, name);
      if (viaStarttls === undefined || starttls !== undefined)
        return ctx.skip(
          `the certificate over direct TLS does not validate for '${name}' with the run's trust (${direct}), nor ${viaStarttls ? `over STARTTLS (${starttls})` : "is STARTTLS offered to compare"}: give --tls-ca`,
        );
      throw new Violation(
        `the certificate over direct TLS for '${name}' does not validate (${direct}) while the one over STARTTLS does: "TLS certificates MUST be validated the same way as for STARTTLS"`,
      );
    },
  };
}

export default section("xep0368", "3", "Direct TLS: the target as the server a client dials", [
  ...STARTTLS_ROWS.map(starttlsCase),
  ...CERT_ROWS.map(certificateCase),
]);

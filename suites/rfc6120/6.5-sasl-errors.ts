// RFC 6120 §6.5: the syntax of SASL errors — one defined condition (§6.5.1-§6.5.11, as listed in
// fixtures/rfc/error-conditions.tsv) in the SASL namespace and at most one <text/>, whatever provoked it.

import type { Account } from "../../harness/runner/accounts.ts";
import {
  type CaseContext,
  type CaseSpec,
  checkFailureSyntax,
  NS,
  plainAuth,
  saslAnswer,
  section,
} from "../kit/index.ts";

interface SyntaxRow {
  slug: string;
  title: string;
  needs?: CaseSpec["needs"];
  users?: string[];
  /** The <auth/> that makes the target fail. */
  auth: (ctx: CaseContext, account: () => Account) => string;
}

function failureSyntaxCases(rows: SyntaxRow[]): CaseSpec[] {
  return rows.map(({ slug, auth, ...row }) => ({
    ...row,
    id: `rfc6120/6.5/failure-syntax-${slug}`,
    requirements: ["RFC6120-6.5-2", "RFC6120-6.4.5-1"],
    async run(ctx) {
      const s = await ctx.openSecured();
      checkFailureSyntax(
        await saslAnswer(
          s,
          auth(ctx, () => ctx.account("alice")),
        ),
      );
    },
  }));
}

export default section("rfc6120", "6.5", "SASL Errors", [
  ...failureSyntaxCases([
    {
      slug: "wrong-password",
      title: "the <failure/> for a wrong password has one defined SASL condition and at most one <text/>",
      needs: ["mechanism:PLAIN"],
      users: ["alice:account"],
      auth: (ctx, account) => plainAuth(ctx, account(), `${account().password}-wrong`),
    },
    {
      slug: "invalid-mechanism",
      title: "the <failure/> for an unknown mechanism has one defined SASL condition",
      auth: () => `<auth xmlns='${NS.sasl}' mechanism='X-XMPPSPEC-NONE'>=</auth>`,
    },
    {
      slug: "bad-base64",
      title: "the <failure/> for a response that is not base64 has one defined SASL condition",
      needs: ["mechanism:PLAIN"],
      auth: () => `<auth xmlns='${NS.sasl}' mechanism='PLAIN'>!!*!!</auth>`,
    },
  ]),
]);

// RFC 6120 §6.4.5: SASL failure — the <failure/> and its condition for wrong secrets, unknown users and
// mechanisms and malformed messages; a retry on the same stream; the limit on retries.

import { SaslFailure, StreamClosed, Violation } from "../../harness/errors.ts";
import { streamErrorCondition } from "../../harness/match.ts";
import type { Account } from "../../harness/runner/accounts.ts";
import {
  b64,
  type CaseContext,
  type Credentials,
  failureConditionFor,
  type LoginRow,
  loginCases,
  loginRows,
  NS,
  type Opened,
  type Row,
  refusedLogin,
  section,
  tableCases,
} from "../kit/index.ts";

/** Beyond this many failed attempts without a close, the server has no retry limit (§6.4.5 says 2..5 retries). */
const MAX_ATTEMPTS = 20;

/** A wrong password fails with <not-authorized/>, per mechanism and per transport. */
const WRONG_PASSWORD = {
  title: ({ mechanism, via }: LoginRow) =>
    mechanism
      ? `${mechanism} with a wrong password fails with <not-authorized/>`
      : `over ${via.label} a wrong password fails with <not-authorized/>`,
  requirements: ["RFC6120-6.4.5-1", "RFC7590-3.4-2"],
  async scenario(ctx: CaseContext, s: Opened, a: Account, { mechanism, via }: LoginRow) {
    const wrong = { username: a.username, password: `${a.password}-wrong` };
    const accepted = `the server accepted a wrong password with ${mechanism ?? `over ${via.label}`}`;
    const cond = await refusedLogin(s, wrong, accepted, mechanism);
    ctx.expect(cond, "SASL failure condition").to.equal("not-authorized");
  },
};

/** Credentials that match no account: a login with them fails with <not-authorized/>. */
interface NoSuchAccountRow extends Row {
  creds: (ctx: CaseContext) => Credentials;
  /** What it means when the server accepts them. */
  accepted: (ctx: CaseContext) => string;
}

const NO_SUCH_ACCOUNT: NoSuchAccountRow[] = [
  {
    id: "rfc6120/6.4.5/other-accounts-password",
    title: "the password of another account does not authenticate (<not-authorized/>)",
    requirements: ["RFC7590-3.4-2", "RFC6120-6.4.5-1"],
    users: ["alice:account", "bob:account"],
    creds: (ctx) => ({ username: ctx.account("alice").username, password: ctx.account("bob").password }),
    accepted: (ctx) =>
      `authenticated as ${ctx.account("alice").username} with the password of ${ctx.account("bob").username}`,
  },
  {
    id: "rfc6120/6.4.5/unknown-user",
    title: "an unknown user fails with <not-authorized/>",
    requirements: ["RFC6120-6.4.5-1"],
    creds: () => ({ username: `nobody-${Date.now()}`, password: "nothing" }),
    accepted: () => "the server authenticated a user that does not exist",
  },
];

export default section("rfc6120", "6.4.5", "SASL Failure", [
  ...loginCases(
    loginRows(
      (m) => `rfc6120/6.4.5/wrong-password-${m}`,
      (t) => `rfc6120/6.4.5/wrong-password-over-${t}`,
    ),
    WRONG_PASSWORD,
  ),
  ...tableCases(NO_SUCH_ACCOUNT, {
    users: [],
    async run(row, ctx) {
      const s = await ctx.openSecured();
      ctx.expect(await refusedLogin(s, row.creds(ctx), row.accepted(ctx))).to.equal("not-authorized");
    },
  }),
  {
    id: "rfc6120/6.4.5/invalid-mechanism",
    title: "a mechanism the server does not offer fails with <invalid-mechanism/>",
    requirements: ["RFC6120-6.4.5-1", "RFC6120-15-6"],
    async run(ctx) {
      const s = await ctx.openSecured();
      const cond = await failureConditionFor(
        s,
        `<auth xmlns='${NS.sasl}' mechanism='X-XMPPSPEC-NONE'>=</auth>`,
      );
      ctx.expect(cond, "failure condition").to.equal("invalid-mechanism");
    },
  },
  {
    id: "rfc6120/6.4.5/malformed-plain",
    title: "a PLAIN message without its NUL separators fails (<malformed-request/> or <not-authorized/>)",
    requirements: ["RFC6120-6.4.5-1"],
    needs: ["mechanism:PLAIN"],
    async run(ctx) {
      const s = await ctx.openSecured();
      const data = `<auth xmlns='${NS.sasl}' mechanism='PLAIN'>${b64("no-separators-here")}</auth>`;
      const cond = await failureConditionFor(s, data);
      ctx.expect(cond, "failure condition").to.be.oneOf(["malformed-request", "not-authorized"]);
    },
  },
  {
    id: "rfc6120/6.4.5/retry-after-failure",
    title: "after one failed attempt the client may retry and succeed on the same stream",
    requirements: ["RFC6120-6.4.5-2"],
    users: ["alice:account"],
    async run(ctx) {
      const s = await ctx.openSecured();
      const a = ctx.account("alice");
      await refusedLogin(
        s,
        { username: a.username, password: "wrong-password" },
        "a wrong password was accepted",
      );
      await s.authenticate({ username: a.username, password: a.password });
    },
  },
  {
    id: "rfc6120/6.4.5/retry-limit-closes-stream",
    title: "failing SASL over and over ends in a stream error (<policy-violation/>) within a few retries",
    requirements: ["RFC6120-6.4.5-5", "RFC6120-6.4.5-2"],
    users: ["alice:account"],
    async run(ctx) {
      const a = ctx.account("alice");
      const s = await ctx.openSecured();
      for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
        try {
          await s.authenticate({ username: a.username, password: `${a.password}-wrong-${attempt}` });
          throw new Violation(`attempt ${attempt} with a wrong password succeeded`);
        } catch (err) {
          if (err instanceof SaslFailure) continue;
          if (!(err instanceof StreamClosed)) throw err;
        }
        // Closed: §6.4.5 wants a stream error, which SHOULD be <policy-violation/> (<not-authorized/> is known).
        if (!s.streamError) throw new Violation(`closed after ${attempt} attempts without a stream error`);
        const cond = streamErrorCondition(s.streamError);
        ctx.should(
          cond === "policy-violation" || cond === "not-authorized",
          `the retry limit was enforced with <${cond ?? "none"}/>`,
        );
        ctx.should(attempt <= 6, `the stream was closed only after ${attempt} attempts (at most 5 retries)`);
        return;
      }
      // The MUST binds a server that has a limit; having none breaks only the SHOULD of "no more than 5".
      ctx.should(false, `${MAX_ATTEMPTS} failed SASL attempts and the stream is still open: no retry limit`);
    },
  },
]);

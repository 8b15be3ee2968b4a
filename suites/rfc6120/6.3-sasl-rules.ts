// RFC 6120 §6.3: SASL negotiation rules — SASL is mandatory, mechanisms wait for required TLS, no
// whitespace during SASL, strict base64, and the authorization identity.

import { SaslFailure, Violation } from "../../harness/errors.ts";
import type { MechanismName } from "../../harness/sasl/index.ts";
import {
  authenticateAs,
  badBase64Cases,
  type CaseContext,
  type CaseSpec,
  expectStreamError,
  hasInterElementWhitespace,
  insertMiddle,
  NS,
  receivedSince,
  refusedLogin,
  section,
  windowStart,
  xml,
} from "../kit/index.ts";

const SUCCESS_END = /<success\b[^>]*\/>|<\/success>/;

/** §6.3.5: from our <auth/> to the end of <success/>, per mechanism (the target's choice when none). */
function noWhitespaceCases(rows: { id: string; title: string; mechanism?: MechanismName }[]): CaseSpec[] {
  return rows.map(({ mechanism, ...row }) => ({
    ...row,
    requirements: ["RFC6120-6.3.5-1"],
    needs: mechanism ? ["tcp", `mechanism:${mechanism}`] : ["tcp"],
    users: ["alice:account"],
    async run(ctx) {
      const s = await ctx.openSecured();
      const from = windowStart(ctx);
      await authenticateAs(ctx, s, "alice", mechanism);
      const window = receivedSince(ctx, s, from, SUCCESS_END);
      if (hasInterElementWhitespace(window))
        throw new Violation(`whitespace between elements during SASL: ${JSON.stringify(window)}`);
    },
  }));
}

/** §6.3.8: the account's own bare JID as authzid authenticates as that account, per mechanism. */
function ownAuthzidCases(mechanisms: MechanismName[]): CaseSpec[] {
  return mechanisms.map((m) => ({
    id: `rfc6120/6.3.8/own-authzid-${m === "PLAIN" ? "plain" : "scram"}`,
    title: `${m} with the account's own bare JID as authzid authenticates as that account`,
    requirements: ["RFC6120-6.3.8-4", "RFC6120-6.3.8-6"],
    needs: [`mechanism:${m}` as const],
    users: ["alice:account"],
    run: (ctx: CaseContext) => ownAuthzid(ctx, m),
  }));
}

async function ownAuthzid(ctx: CaseContext, mechanism: MechanismName): Promise<void> {
  const a = ctx.account("alice");
  const s = await ctx.openSecured();
  try {
    await s.authenticate({ username: a.username, password: a.password, authzid: a.jid }, mechanism);
  } catch (err) {
    if (err instanceof SaslFailure)
      throw new Violation(`the account's own bare JID as authzid was refused: <${err.condition ?? "?"}/>`);
    throw err;
  }
  const jid = await s.bind();
  ctx.expect(jid.bare().toString(), "bound bare JID").to.equal(a.jid.toLowerCase());
}

export default section("rfc6120", "6.3", "SASL Negotiation Rules", [
  {
    id: "rfc6120/6.3.1/sasl-mandatory",
    title:
      "SASL is mandatory-to-negotiate: an IQ before authentication closes the stream with <not-authorized/>",
    requirements: ["RFC6120-6.3.1-1", "RFC6120-15-7"],
    async run(ctx) {
      const s = await ctx.openSecured();
      const early = xml("iq", { type: "get", id: "before-sasl" }, xml("query", { xmlns: NS.roster }));
      await expectStreamError(ctx, s, ["RFC6120-4.9.3.12"], early.toString());
    },
  },
  {
    id: "rfc6120/6.3.4/no-mechanisms-before-required-tls",
    title: "when <starttls/> is flagged <required/>, no SASL mechanism is offered before TLS",
    requirements: ["RFC6120-6.3.4-1", "RFC6120-5.3.1-2"],
    needs: ["tls"],
    async run(ctx) {
      const s = await ctx.open();
      if (!s.features.getChild("starttls", NS.tls)?.getChild("required")) return;
      const offered = s.offeredMechanisms();
      if (offered.length)
        throw new Violation(`TLS is flagged required, yet ${offered.join(", ")} are offered before it`);
    },
  },
  ...noWhitespaceCases([
    {
      id: "rfc6120/6.3.5/no-whitespace-during-sasl",
      title: "from our <auth/> to the end of <success/> the target sends no whitespace between elements",
    },
    {
      id: "rfc6120/6.3.5/no-whitespace-during-sasl-plain",
      title: "with PLAIN too, the target sends no whitespace between elements up to <success/>",
      mechanism: "PLAIN",
    },
  ]),
  // §6.3.5: base64 per RFC 4648 §4, which has no line breaks (§3.1 there) and exact padding.
  ...badBase64Cases([
    {
      id: "rfc6120/6.3.5/base64-inner-whitespace",
      title: "right PLAIN credentials whose base64 carries a line break fail with <incorrect-encoding/>",
      requirements: ["RFC6120-6.3.5-2", "RFC6120-6.4.5-1"],
      corrupt: (good) => insertMiddle(good, "\n"),
      grade: "condition",
    },
    {
      id: "rfc6120/6.3.5/base64-bad-padding",
      title: "right PLAIN credentials with missing or stray '=' padding fail with <incorrect-encoding/>",
      requirements: ["RFC6120-6.3.5-2", "RFC6120-6.4.5-1"],
      // RFC 4648 §4 requires the padding, and allows none where the length is already a multiple of 3.
      corrupt: (good) => (good.endsWith("=") ? good.replace(/=+$/, "") : `${good}==`),
      grade: "condition",
    },
  ]),
  ...ownAuthzidCases(["PLAIN", "SCRAM-SHA-1"]),
  {
    id: "rfc6120/6.3.8/invalid-authzid",
    title: "an authzid naming another account fails with <invalid-authzid/> (or <not-authorized/>)",
    requirements: ["RFC6120-6.3.8-6", "RFC6120-6.4.5-1"],
    users: ["alice:account", "bob:account"],
    async run(ctx) {
      const [a, b] = [ctx.account("alice"), ctx.account("bob")];
      const s = await ctx.openSecured();
      const creds = { username: a.username, password: a.password, authzid: b.jid };
      // accepted: say as whom, since acting as another account is worse than ignoring the authzid
      const asWhom = async () => {
        const jid = await s.bind().then(
          (j) => j.bare().toString(),
          (e: Error) => `(binding failed: ${e.message})`,
        );
        return `authenticated as ${a.jid} with authzid ${b.jid}: accepted, bound as ${jid}`;
      };
      const cond = await refusedLogin(s, creds, asWhom);
      ctx.expect(cond, "failure condition").to.be.oneOf(["invalid-authzid", "not-authorized"]);
    },
  },
]);

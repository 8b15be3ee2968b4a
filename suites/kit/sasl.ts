// SASL by hand (RFC 6120 §6): what the cases send where Session.authenticate() would hide the wire, and
// the syntax of <failure/> (§6.5) with the conditions from fixtures/rfc/error-conditions.tsv.
import { conditionsOf } from "../../harness/error-conditions.ts";
import { SaslFailure, Violation } from "../../harness/errors.ts";
import type { MatchSpec } from "../../harness/match.ts";
import type { Account } from "../../harness/runner/accounts.ts";
import type { CaseSpec } from "../../harness/runner/case.ts";
import type { CaseContext } from "../../harness/runner/context.ts";
import type { MechanismName } from "../../harness/sasl/index.ts";
import type { Credentials, Opened, Session } from "../../harness/session.ts";
import { b64, type Element, NS, xml } from "./stanzas.ts";

/** Send raw SASL XML and return the next SASL element the target sends (not <mechanisms/>). */
export async function saslAnswer(s: Session, data: Element | string): Promise<Element> {
  await s.send(data);
  return s.expect({ ns: NS.sasl, where: (e) => e.name !== "mechanisms", what: "a SASL element" });
}

/** Send raw SASL XML that the target must answer with <failure/>: the condition it names. */
export async function failureConditionFor(s: Session, data: Element | string): Promise<string | undefined> {
  const el = await saslAnswer(s, data);
  if (el.name !== "failure") throw new Violation(`expected <failure/>, got <${el.name}/>`);
  return failureCondition(el);
}

/** What answers a SASL attempt where the target may refuse it outright: a SASL element or a stream error. */
export const SASL_ANSWER_OR_STREAM_ERROR: MatchSpec = {
  where: (el) => el.getNS() === NS.sasl || el.name === "stream:error",
  what: "a SASL answer or a stream error",
};

/** The condition of a <failure/>: its first child other than <text/>. */
export function failureCondition(el: Element): string | undefined {
  return el.getChildElements().find((c) => c.name !== "text")?.name;
}

/** A PLAIN <auth/> carrying `account`'s credentials (another password when given); the password is redacted. */
export function plainAuth(ctx: CaseContext, account: Account, password = account.password): string {
  ctx.transcript.secret(password);
  return `<auth xmlns='${NS.sasl}' mechanism='PLAIN'>${b64(`\0${account.username}\0${password}`)}</auth>`;
}

/** A SCRAM-SHA-1 client-first message for `username`: a handshake left unfinished (§6.4.2, §6.4.4). */
export async function startScram(s: Session, username: string, nonce: string): Promise<void> {
  const first = xml("auth", { xmlns: NS.sasl, mechanism: "SCRAM-SHA-1" }, b64(`n,,n=${username},r=${nonce}`));
  const challenge = await saslAnswer(s, first);
  if (challenge.name !== "challenge")
    throw new Violation(`SCRAM client-first for a real account got <${challenge.name}/>`);
}

/**
 * A login that must fail: returns the <failure/> condition. `accepted` says what it means when the
 * target authenticates instead (a function may look further, e.g. bind to say as whom).
 */
export async function refusedLogin(
  s: Session,
  creds: Credentials,
  accepted: string | (() => Promise<string>),
  mechanism?: MechanismName,
): Promise<string | undefined> {
  try {
    await s.authenticate(creds, mechanism);
  } catch (err) {
    if (err instanceof SaslFailure) return err.condition;
    throw err;
  }
  throw new Violation(typeof accepted === "string" ? accepted : await accepted());
}

/** §6.5: a <failure/> with exactly one condition, defined in §6.5.x and in the SASL namespace, and at most one <text/>. */
export function checkFailureSyntax(el: Element): void {
  if (el.name !== "failure") throw new Violation(`expected <failure/>, got <${el.name}/>`);
  const children = el.getChildElements();
  const conditions = children.filter((c) => c.name !== "text");
  if (conditions.length !== 1)
    throw new Violation(`<failure/> must carry exactly one condition, found ${conditions.length}`);
  const [cond] = conditions;
  if (cond.getNS() !== NS.sasl)
    throw new Violation(`the condition <${cond.name}/> is not in the SASL namespace`);
  if (!conditionsOf("sasl").includes(cond.name))
    throw new Violation(`<${cond.name}/> is not a SASL condition defined in §6.5`);
  if (children.filter((c) => c.name === "text").length > 1)
    throw new Violation("<failure/> carries more than one <text/>");
}

/** A stream of `user`'s (a declared user, or "alice") authenticated and not yet bound (§7 cases start here). */
export async function authenticated(ctx: CaseContext, user = "alice"): Promise<Opened> {
  const a = ctx.account(user);
  const s = await ctx.openSecured();
  await s.authenticate({ username: a.username, password: a.password });
  return s;
}

/**
 * A case that starts where SASL has succeeded and no resource is bound yet (a state the users of
 * harness/runner/users.ts do not have): alice's account, her stream past SASL.
 */
export function afterSasl(
  spec: Omit<CaseSpec, "run" | "users"> & { run: (ctx: CaseContext, s: Opened) => Promise<void> },
): CaseSpec {
  const { run, ...rest } = spec;
  return { ...rest, users: ["alice:account"], run: async (ctx) => run(ctx, await authenticated(ctx)) };
}

// SASL by hand (RFC 6120 §6): what the cases send where Session.authenticate() would hide the wire,
// the syntax of <failure/> (§6.5) with the conditions from fixtures/rfc/error-conditions.tsv, and the
// bad-base64 family (§6.3.5, §13.9.1): right PLAIN credentials in corrupted base64.
import { conditionsOf } from "../../harness/error-conditions.ts";
import { SaslFailure, Violation } from "../../harness/errors.ts";
import type { Account } from "../../harness/runner/accounts.ts";
import type { CaseSpec } from "../../harness/runner/case.ts";
import type { CaseContext } from "../../harness/runner/context.ts";
import type { MechanismName } from "../../harness/sasl/index.ts";
import type { Credentials, Opened, Session } from "../../harness/session.ts";
import { b64, clip, type Element, NS, xml } from "./stanzas.ts";
import { DIRECT_TLS, MAIN, openForSasl, type TransportRow, WEBSOCKET } from "./transports.ts";

/** Send raw SASL XML and return the next SASL element the target sends (not <mechanisms/>). */
export async function saslAnswer(s: Session, data: Element | string): Promise<Element> {
  await s.send(data);
  return s.expect({ ns: NS.sasl, where: (e) => e.name !== "mechanisms", what: "a SASL element" });
}

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

/** One row of the bad-base64 family: how the right credentials' base64 is corrupted, and how it is graded. */
export interface BadBase64Row {
  id: string;
  title: string;
  requirements: string[];
  /** The corrupted form of `good`, the right PLAIN credentials in correct base64. */
  corrupt: (good: string) => string;
  /**
   * "condition": a <failure/> with <incorrect-encoding/> (§6.4.5, §6.5.5; <malformed-request/> is a fair
   * reading for a mangled PLAIN message). "rejected": anything but <success/> (§13.9.1), a closed stream too.
   */
  grade: "condition" | "rejected";
}

/** `good` with `insert` in its middle (a character that does not belong there). */
export const insertMiddle = (good: string, insert: string) =>
  `${good.slice(0, good.length >> 1)}${insert}${good.slice(good.length >> 1)}`;

/** Send the corrupted credentials and grade the answer as the row says. */
async function rejectsBadBase64(ctx: CaseContext, row: BadBase64Row): Promise<void> {
  const a = ctx.account("alice");
  const s = await ctx.openSecured();
  const good = b64(`\0${a.username}\0${a.password}`);
  await s.send(`<auth xmlns='${NS.sasl}' mechanism='PLAIN'>${row.corrupt(good)}</auth>`);
  let el: Element | undefined;
  try {
    el = await s.expect({ ns: NS.sasl, what: "a SASL element" });
  } catch (err) {
    if (!(row.grade === "rejected" && s.streamError)) throw err; // closing the stream rejects it too
  }
  if (el?.name === "success") throw new Violation("badly encoded base64 authenticated the client");
  if (el && el.name !== "failure") throw new Violation(`expected <failure/>, got ${clip(el)}`);
  if (el && row.grade === "condition")
    ctx
      .expect(failureCondition(el), "failure condition")
      .to.be.oneOf(["incorrect-encoding", "malformed-request"]);
}

/** The rows as cases: alice's account exists; the case sends her credentials by hand. */
export function badBase64Cases(rows: BadBase64Row[]): CaseSpec[] {
  return rows.map((row) => ({
    id: row.id,
    title: row.title,
    requirements: row.requirements,
    needs: ["mechanism:PLAIN"],
    users: ["alice:account"],
    run: (ctx) => rejectsBadBase64(ctx, row),
  }));
}

/** A stream of `user`'s (a declared user, or "alice") authenticated and not yet bound (§7 cases start here). */
export async function authenticated(ctx: CaseContext, user = "alice"): Promise<Opened> {
  const a = ctx.account(user);
  const s = await ctx.openSecured();
  await s.authenticate({ username: a.username, password: a.password });
  return s;
}

/** One row of a login family: a mechanism (default: the harness's choice) over a transport. */
export interface LoginRow {
  id: string;
  mechanism?: MechanismName;
  via: TransportRow;
}

/** The mechanisms a login family tries one by one over the main transport. */
const FAMILY_MECHANISMS: MechanismName[] = ["PLAIN", "SCRAM-SHA-1", "SCRAM-SHA-256"];

/**
 * A login family's rows: each mechanism over the main transport, then the harness's choice over direct
 * TLS and over WebSocket; the ids from the lower-case mechanism or the transport's kind.
 */
export function loginRows(
  byMechanism: (m: string) => string,
  byTransport: (kind: string) => string,
): LoginRow[] {
  return [
    ...FAMILY_MECHANISMS.map((m) => ({ id: byMechanism(m.toLowerCase()), mechanism: m, via: MAIN })),
    ...[DIRECT_TLS, WEBSOCKET].map((via) => ({ id: byTransport(via.kind), via })),
  ];
}

/**
 * A family of rows that differ only in mechanism and transport, as cases: alice's account exists, the
 * stream is open and ready for SASL on the row's transport (a mechanism the target does not offer gives
 * SKIP), and `scenario` does the rest.
 */
export function loginCases(
  rows: LoginRow[],
  family: {
    title: (row: LoginRow) => string;
    requirements: string[];
    scenario: (ctx: CaseContext, s: Opened, alice: Account, row: LoginRow) => Promise<void>;
  },
): CaseSpec[] {
  return rows.map((row) => ({
    id: row.id,
    title: family.title(row),
    requirements: family.requirements,
    needs: row.mechanism ? [...row.via.needs, `mechanism:${row.mechanism}` as const] : row.via.needs,
    users: ["alice:account"],
    async run(ctx) {
      const s = await openForSasl(ctx, row.via.kind);
      if (row.mechanism && !s.offeredMechanisms().includes(row.mechanism))
        ctx.skip(`the target does not offer ${row.mechanism}`);
      await family.scenario(ctx, s, ctx.account("alice"), row);
    },
  }));
}

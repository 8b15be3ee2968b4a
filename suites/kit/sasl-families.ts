// The SASL families (RFC 6120 §6): rows that differ only in data, each family one scenario — logins per
// mechanism and transport, and right PLAIN credentials in corrupted base64 (§6.3.5, §13.9.1).
import { Violation } from "../../harness/errors.ts";
import type { Account } from "../../harness/runner/accounts.ts";
import type { CaseSpec } from "../../harness/runner/case.ts";
import type { CaseContext } from "../../harness/runner/context.ts";
import type { MechanismName } from "../../harness/sasl/index.ts";
import type { Opened } from "../../harness/session.ts";
import { failureCondition } from "./sasl.ts";
import { b64, clip, type Element, NS } from "./stanzas.ts";
import { DIRECT_TLS, MAIN, openForSasl, type TransportRow, WEBSOCKET } from "./transports.ts";

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
   * "padding": as "condition", but <success/> is a WARN: §13.9.1's "MUST reject" names foreign characters
   * and inner '=', and RFC 4648 §3.3 lets excess trailing pad characters be ignored (I-6120-base64-padding).
   */
  grade: "condition" | "rejected" | "padding";
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
  if (el?.name === "success" && row.grade === "padding") {
    ctx.reading("I-6120-base64-padding");
    ctx.should(false, "base64 with wrong trailing '=' padding authenticated the client");
    return;
  }
  if (el?.name === "success") throw new Violation("badly encoded base64 authenticated the client");
  if (el && el.name !== "failure") throw new Violation(`expected <failure/>, got ${clip(el)}`);
  if (el && row.grade !== "rejected")
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

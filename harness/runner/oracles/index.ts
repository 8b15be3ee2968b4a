// The oracles that judge every case after its run(): isolation (nothing from outside the case arrived)
// and fidelity (what was routed between the case's sessions arrived as sent). They see the case's whole
// traffic through its StanzaLog (CaseContext.stanzas).
import { PoolProvisioner } from "../account-pool.ts";
import type { CaseContext } from "../context.ts";
import { fidelityFindings } from "./fidelity.ts";
import type { OracleFinding } from "./finding.ts";
import { isolationFindings } from "./isolation.ts";

export type { OracleFinding } from "./finding.ts";
export { StanzaLog } from "./stanza-log.ts";

/** The longest a settling barrier may take: a session the case left broken must not hold the run. */
const SETTLE_MS = 2000;

/**
 * What was still on its way when run() returned arrives before the judgement: a ping on every session
 * that is still bound and open (RFC 6120 §10.1: everything the server sent before the answer is in).
 */
async function settle(ctx: CaseContext): Promise<void> {
  const live = ctx.openedSessions.filter((s) => s.jid && !s.closed && !s.streamEnded);
  const limit = Math.min(ctx.timeoutMs, SETTLE_MS);
  await Promise.all(live.map((s) => s.barrier(limit).catch(() => [])));
}

/** Judge the case's traffic; `settled`: let in-flight stanzas arrive first (the case passed so far). */
export async function judgeTraffic(ctx: CaseContext, settled: boolean): Promise<OracleFinding[]> {
  if (!ctx.stanzas.arrivals.length) return [];
  if (settled) await settle(ctx);
  const t = ctx.target;
  return [
    ...isolationFindings({
      log: ctx.stanzas,
      accounts: ctx.accounts.map((a) => a.jid),
      domains: [t.domain, ...(t.secondDomain ? [t.secondDomain] : [])],
      pooled: t.provisioner instanceof PoolProvisioner ? t.provisioner.accounts.map((a) => a.jid) : undefined,
    }),
    ...fidelityFindings(ctx.stanzas, ctx.alterable),
  ];
}

/** The verdict of a case whose run() passed (with `misses`, its SHOULD misses), once the oracles spoke. */
export function passedVerdict(
  misses: readonly string[],
  found: readonly OracleFinding[],
): { verdict: "PASS" | "WARN" | "FAIL"; message?: string } {
  const fails = found.filter((f) => f.grade === "FAIL").map((f) => f.message);
  const doubts = [...found.filter((f) => f.grade === "WARN").map((f) => f.message), ...misses];
  if (fails.length) {
    const also = doubts.length ? ` (also: ${doubts.join("; ")})` : "";
    return { verdict: "FAIL", message: `${fails.join("; ")}${also}` };
  }
  return doubts.length ? { verdict: "WARN", message: doubts.join("; ") } : { verdict: "PASS" };
}

/** A failed case's message, with what the oracles found in its traffic added (its verdict stays). */
export async function failedMessage(ctx: CaseContext | undefined, message: string): Promise<string> {
  const found = ctx ? await judgeTraffic(ctx, false).catch(() => []) : [];
  return found.length
    ? `${message} (the oracles also found: ${found.map((f) => f.message).join("; ")})`
    : message;
}

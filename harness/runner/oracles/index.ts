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

/**
 * Judge what the case's sessions received by the end of its run (a case ends on an answer it waited for
 * or a barrier; an extra ping per session to catch later arrivals cost more run time than it found).
 */
export function judgeTraffic(ctx: CaseContext): OracleFinding[] {
  if (!ctx.stanzas.arrivals.length) return [];
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
export function failedMessage(ctx: CaseContext | undefined, message: string): string {
  let found: OracleFinding[] = [];
  try {
    found = ctx ? judgeTraffic(ctx) : [];
  } catch {
    // the case's own verdict stands even if its traffic cannot be judged
  }
  return found.length
    ? `${message} (the oracles also found: ${found.map((f) => f.message).join("; ")})`
    : message;
}

// The whole suite against one of the project's targets (the embedded reference server or a real
// server the launcher started), as a results document: shared by the real-server test and `npm run matrix`.
import { fileURLToPath } from "node:url";
import { judgeProfiles } from "../../harness/profiles/judge-run.ts";
import { type CaseResult, type ProfileReport, type RunResults, runResults } from "../../harness/results.ts";
import type { Case } from "../../harness/runner/case.ts";
import { profilesNamed } from "../../harness/runner/plan.ts";
import { allCases } from "../../harness/runner/registry.ts";
import { runCases } from "../../harness/runner/run.ts";
import { probeTarget } from "../../harness/runner/target.ts";
import { resolveTarget, type TargetArgs } from "../../harness/runner/target-config.ts";
import type { FederationTarget } from "./federation.ts";
import type { RealServerName, RealServerTarget } from "./launch.ts";

/** fixtures/expectations/NAME.tsv: the server's known deviations, one per case, with the RFC sentence. */
export function expectationsFile(name: RealServerName): string {
  return fileURLToPath(new URL(`../../fixtures/expectations/${name}.tsv`, import.meta.url));
}

/** The run options that reach every endpoint of a started real server. */
export function realServerArgs(t: RealServerTarget): Partial<TargetArgs> {
  return {
    target: t.url,
    domain: t.domain,
    "second-domain": "example.test",
    "direct-tls": t.directTlsUrl,
    websocket: t.wsUrl,
    "tls-ca": t.caFile,
  };
}

/**
 * The run options for a real server started in its federation variant: every endpoint, plus its s2s port,
 * the DNS port it asks (the run's responder listens there), the CA it trusts and the CA of its own s2s
 * certificate.
 */
export function realFederationArgs(t: FederationTarget): Partial<TargetArgs> {
  return {
    ...realServerArgs(t.c2s),
    "s2s-target": `${t.s2s.host}:${t.s2s.port}`,
    "s2s-dns": `${t.dns.host}:${t.dns.port}`,
    "s2s-pki": t.caDir,
    "s2s-tls-ca": t.serverCaFile,
  };
}

export interface SuiteRunOptions {
  /** Column name in the matrix ("prosody", "reference"). */
  name: string;
  /** Target options; none: the embedded reference server. */
  args?: Partial<TargetArgs>;
  cases?: Case[];
  parallel?: number;
  /** One expected answer, ms. */
  timeoutMs?: number;
  /**
   * Leave the in-band registered accounts in place after the run: for a server whose state is
   * wiped before every run, cancelling them only costs a full login per account.
   */
  keepAccounts?: boolean;
  /**
   * Run once more the cases that ended on a stream <internal-server-error/>. jabberd2 2.7 keys
   * client sessions by file descriptor and hands a late answer of its session manager for a closed
   * session to whichever new connection got that descriptor, which it then closes with
   * <internal-server-error/>: a verdict about some other case, not about this one.
   */
  rerunInternalServerError?: boolean;
}

const STREAM_ISE = /<internal-server-error xmlns=['"]urn:ietf:params:xml:ns:xmpp-streams['"]/;

/** The case failed on a stream the target closed with <internal-server-error/>. */
function hitInternalServerError(r: CaseResult): boolean {
  return (
    r.verdict !== "PASS" && r.transcript.some((t) => t.dir === "recv" && STREAM_ISE.test(String(t.data)))
  );
}

/** Run the cases (default all) and return what `run --json` would write, named `o.name`. */
/**
 * The profiles judged from a finished run's results (the target asked again for its claims): what
 * `run --profile` ends with, for a run made here.
 */
export async function judgeProfilesOf(
  o: Pick<SuiteRunOptions, "args" | "timeoutMs">,
  names: readonly string[],
  results: readonly CaseResult[],
): Promise<ProfileReport[]> {
  const args: TargetArgs = { tls: "optional", insecure: false, account: [], fault: [], ...o.args };
  const timeoutMs = o.timeoutMs ?? 5000;
  const { target, server } = await resolveTarget(args);
  try {
    const usable = (await probeTarget(target, timeoutMs)).ok;
    return await judgeProfiles(target, profilesNamed(names), results, { timeoutMs, usable });
  } finally {
    await server?.stop();
  }
}

export async function runSuiteDocument(o: SuiteRunOptions): Promise<RunResults> {
  const args: TargetArgs = { tls: "optional", insecure: false, account: [], fault: [], ...o.args };
  const timeoutMs = o.timeoutMs ?? 5000;
  const started = new Date();
  const { target, url, server } = await resolveTarget(args);
  try {
    const probe = await probeTarget(target, timeoutMs);
    const cases = o.cases ?? allCases();
    const run = (subset: Case[]) =>
      runCases({
        target,
        cases: subset,
        parallel: o.parallel ?? 8,
        caseTimeoutMs: 30_000,
        expectTimeoutMs: timeoutMs,
        unusable: probe.ok ? undefined : `target not usable: ${probe.reason}`,
        keepAccounts: o.keepAccounts,
      });
    let results = await run(cases);
    if (o.rerunInternalServerError) {
      const again = new Set(results.filter(hitInternalServerError).map((r) => r.id));
      if (again.size) {
        const redone = new Map((await run(cases.filter((c) => again.has(c.id)))).map((r) => [r.id, r]));
        results = results.map((r) => redone.get(r.id) ?? r);
      }
    }
    return runResults({ name: o.name, url, domain: target.domain }, started, results, false);
  } finally {
    await server?.stop();
  }
}

// The results contract: what a run produces and every report writer reads. The runner and the writers
// both import it; it imports nothing from either. The JSON shape is documented in README.md.
import type { TranscriptEntry } from "./transcript.ts";

/** Autobahn's scale, adapted: FAIL breaks a MUST, WARN a SHOULD, ERROR means the harness could not decide. */
export type Verdict = "PASS" | "FAIL" | "WARN" | "SKIP" | "ERROR";
export const VERDICTS: readonly Verdict[] = ["PASS", "FAIL", "WARN", "SKIP", "ERROR"];

/** The version of the results JSON; a reader refuses any other. Additive fields keep it. */
export const SCHEMA_VERSION = 1;
export const TOOL_VERSION = "0.1.0";

export interface CaseResult {
  id: string;
  title: string;
  suite: string;
  /** The section of the suite file the case is in: "4" for RFC 6120 §4. */
  section: string;
  /** That section's title ("XML Streams"); absent in files written before it was added. */
  sectionTitle?: string;
  requirements: string[];
  level: string;
  verdict: Verdict;
  durationMs: number;
  message?: string;
  transcript: TranscriptEntry[];
}

export interface RunResults {
  schema: number;
  tool: { name: "xmppspec"; version: string };
  target: { name: string; url: string; domain: string; faults?: string[] };
  startedAt: string;
  durationMs: number;
  /** True when the run was interrupted: the results gathered so far. */
  partial: boolean;
  summary: Record<Verdict, number> & { total: number };
  results: CaseResult[];
  /** The compliance profiles the run was asked to judge (`run --profile`), judged. */
  profiles?: ProfileReport[];
}

/**
 * One specification a profile requires, judged: "meets" when it was claimed (or cannot be asked), some MUST
 * case ran and none failed or could not decide; "not tested" when no suite checks it (never counted as met).
 */
export interface ProfileSpec {
  spec: string;
  /** The profile's features it provides ("Feature discovery"). */
  features: string[];
  claim: "yes" | "no" | "unknown";
  must: { passed: number; failed: number; skipped: number; errors: number };
  verdict: "meets" | "does not meet" | "not established" | "not tested";
  /** The MUST requirement ids its failing cases break. */
  failing: string[];
  /** Why, in a few words, when it does not meet or is not established. */
  why?: string;
}

export interface ProfileReport {
  /** "cs2023-im-server" */
  name: string;
  title: string;
  /** "meets" only when every required specification meets. */
  verdict: "meets" | "does not meet" | "not shown to meet";
  failing: string[];
  specs: ProfileSpec[];
}

export function summarize(results: readonly CaseResult[]): RunResults["summary"] {
  const s = Object.fromEntries(VERDICTS.map((v) => [v, 0])) as Record<Verdict, number>;
  for (const r of results) s[r.verdict] += 1;
  return { ...s, total: results.length };
}

/** The results document of a run that started at `startedAt` and has gathered `results` so far. */
export function runResults(
  target: RunResults["target"],
  startedAt: Date,
  results: CaseResult[],
  partial: boolean,
): RunResults {
  return {
    schema: SCHEMA_VERSION,
    tool: { name: "xmppspec", version: TOOL_VERSION },
    target,
    startedAt: startedAt.toISOString(),
    durationMs: Date.now() - startedAt.getTime(),
    partial,
    summary: summarize(results),
    results,
  };
}

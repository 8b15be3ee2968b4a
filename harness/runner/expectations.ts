// Expected non-PASS verdicts of a target (tlsfuzzer's -x/-X): known deviations with reasons.
import { readFileSync } from "node:fs";
import type { Verdict } from "./case.ts";
import type { CaseResult } from "./run.ts";

export interface Expectation {
  id: string;
  verdict: Verdict;
  reason: string;
  /** Where the deviation is discussed (a bug report, a mailing list thread), when known. */
  link?: string;
}

/** Tab-separated: case id, expected verdict, reason, optional link; '#' starts a comment line. */
export function readExpectations(file: string): Map<string, Expectation> {
  const out = new Map<string, Expectation>();
  for (const [n, line] of readFileSync(file, "utf8").split("\n").entries()) {
    if (!line.trim() || line.startsWith("#")) continue;
    const [id, verdict, reason, link] = line.split("\t");
    if (!id || !["FAIL", "WARN", "SKIP", "ERROR", "PASS"].includes(verdict) || !reason) {
      throw new Error(`${file}:${n + 1}: want "case id<TAB>verdict<TAB>reason<TAB>optional link"`);
    }
    out.set(id, { id, verdict: verdict as Verdict, reason, link: link?.trim() || undefined });
  }
  return out;
}

export interface ExpectationCheck {
  /** Not PASS and not expected (or expected with another verdict). */
  unexpectedFailures: CaseResult[];
  /** Expected to deviate but passed: the expectation is stale. */
  unexpectedPasses: CaseResult[];
}

export function checkExpectations(
  results: CaseResult[],
  expected: Map<string, Expectation>,
): ExpectationCheck {
  const unexpectedFailures: CaseResult[] = [];
  const unexpectedPasses: CaseResult[] = [];
  for (const r of results) {
    const e = expected.get(r.id);
    if (r.verdict === "PASS") {
      if (e && e.verdict !== "PASS") unexpectedPasses.push(r);
    } else if (!e || e.verdict !== r.verdict) unexpectedFailures.push(r);
  }
  return { unexpectedFailures, unexpectedPasses };
}

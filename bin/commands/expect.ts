// `run --expect FILE`: the run passes when every verdict is the one the committed expectations file
// predicts (PASS for cases it does not list); it prints each new failure and each unexpected pass.
import type { CaseResult } from "../../harness/results.ts";
import { checkExpectations, type Expectation } from "../../harness/runner/expectations.ts";
import { EXIT } from "./usage-error.ts";

/** The lines to print and the exit code of a run judged against its expectations. */
export function judgeByExpectations(
  results: CaseResult[],
  expected: Map<string, Expectation>,
): { lines: string[]; code: number } {
  const { unexpectedFailures, unexpectedPasses } = checkExpectations(results, expected);
  const lines: string[] = [];
  for (const r of unexpectedFailures) {
    const e = expected.get(r.id);
    lines.push(
      `new failure: ${r.id} ${r.verdict}${e ? ` (expected ${e.verdict})` : ""}: ${(r.message ?? "").split("\n")[0]}`,
    );
  }
  for (const r of unexpectedPasses) {
    const e = expected.get(r.id);
    lines.push(
      `unexpected pass: ${r.id} (expected ${e?.verdict}: ${e?.reason}${e?.link ? ` ${e.link}` : ""})`,
    );
  }
  const met = results.filter((r) => r.verdict !== "PASS" && expected.get(r.id)?.verdict === r.verdict).length;
  lines.push(
    `expectations: ${unexpectedFailures.length} new failures, ${unexpectedPasses.length} unexpected passes, ${met} expected deviations seen`,
  );
  return { lines, code: unexpectedFailures.length || unexpectedPasses.length ? EXIT.failed : EXIT.ok };
}

// `xmppspec compare BASE NEW`: regressions, fixes and new cases between two runs; exit 1 on a regression.
// A results file written before a case was renamed is read under the case's new id, with a note.
import { caseRenames, noteOnce, type Renames, withCurrentIds } from "../../harness/fixtures/renames.ts";
import type { RunResults } from "../../harness/results.ts";
import { compareRuns, comparisonText } from "../../reports/compare.ts";
import { loadResults, ReportInputError } from "../../reports/load.ts";
import { EXIT, UsageError } from "./usage-error.ts";

export function compareCommand(a: { base: string; new: string }, renames: Renames = caseRenames()): number {
  let docs: RunResults[];
  try {
    docs = [loadResults(a.base), loadResults(a.new)];
  } catch (err) {
    throw err instanceof ReportInputError ? new UsageError(err.message) : err;
  }
  const note = noteOnce((line) => process.stderr.write(`${line}\n`));
  const [base, next] = docs.map((d) => ({ ...d, results: withCurrentIds(d.results, renames, note) }));
  const c = compareRuns(base, next);
  process.stdout.write(`${comparisonText(c)}\n`);
  return c.regressions.length ? EXIT.failed : EXIT.ok;
}

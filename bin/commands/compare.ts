// `xmppspec compare BASE NEW`: regressions, fixes and new cases between two runs; exit 1 on a regression.
import { compareRuns, comparisonText } from "../../reports/compare.ts";
import { loadResults, ReportInputError } from "../../reports/load.ts";
import { EXIT, UsageError } from "./usage-error.ts";

export function compareCommand(a: { base: string; new: string }): number {
  let docs: ReturnType<typeof loadResults>[];
  try {
    docs = [loadResults(a.base), loadResults(a.new)];
  } catch (err) {
    throw err instanceof ReportInputError ? new UsageError(err.message) : err;
  }
  const c = compareRuns(docs[0], docs[1]);
  process.stdout.write(`${comparisonText(c)}\n`);
  return c.regressions.length ? EXIT.failed : EXIT.ok;
}

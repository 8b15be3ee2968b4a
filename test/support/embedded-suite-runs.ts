// The whole suite against the embedded reference server, run once per index and shared within one mocha
// process: determinism.test.ts compares five runs, suite-embedded.test.ts and real-servers-suite.test.ts
// (the matrix's reference column) read the first, so `npm test` pays five whole runs, not seven
// (scripts/test.ts runs the three files in one process). Runs never overlap: each starts when the one
// before has ended.
import type { RunResults } from "../../harness/results.ts";
import { runSuiteDocument } from "../../scripts/real-servers/suite-run.ts";

const runs: Promise<RunResults>[] = [];

/** Run number `i` (from 0); the runs before it are made first if no test asked for them yet. */
export function embeddedSuiteRun(i: number): Promise<RunResults> {
  while (runs.length <= i) {
    const previous = runs.at(-1)?.then(
      () => undefined,
      () => undefined,
    );
    runs.push(
      (previous ?? Promise.resolve()).then(() => runSuiteDocument({ name: "reference", parallel: 8 })),
    );
  }
  return runs[i];
}

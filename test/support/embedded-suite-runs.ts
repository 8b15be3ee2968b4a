// The whole suite against the embedded reference server, run once per index and shared within one mocha
// process: determinism.test.ts compares five runs, suite-embedded.test.ts checks the first, so `npm test`
// does not pay a sixth whole run for it. Runs never overlap: each starts when the one before has ended.
import { runSuite, type SuiteRun } from "./run-suite.ts";

const runs: Promise<SuiteRun>[] = [];

/** Run number `i` (from 0); the runs before it are made first if no test asked for them yet. */
export function embeddedSuiteRun(i: number): Promise<SuiteRun> {
  while (runs.length <= i) {
    const previous = runs.at(-1)?.then(
      () => undefined,
      () => undefined,
    );
    runs.push((previous ?? Promise.resolve()).then(() => runSuite()));
  }
  return runs[i];
}

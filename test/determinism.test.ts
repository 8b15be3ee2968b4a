// Determinism: the whole suite five times against the same target gives the same verdict per case.
// A case that does not is listed with its verdict in each run and why it did not pass. The same five-run
// check against prosody is in `npm run bench` (it costs five whole prosody runs; the real-server test
// already runs the suite against prosody once per `npm test`).
import { expect } from "chai";
import type { CaseResult } from "../harness/results.ts";
import { embeddedSuiteRun } from "./support/embedded-suite-runs.ts";
import { describeFlaky, flakyCases } from "./support/flaky.ts";

const RUNS = 5;

/** Five whole-suite runs, one after another (each run itself parallel); the first is suite-embedded's. */
async function fiveRuns(): Promise<CaseResult[][]> {
  const runs: CaseResult[][] = [];
  for (let i = 0; i < RUNS; i++) runs.push((await embeddedSuiteRun(i)).results);
  return runs;
}

function expectSteady(runs: CaseResult[][]): void {
  expect(runs).to.have.length(RUNS);
  const total = runs[0].length;
  for (const r of runs) expect(r.length, "every run has every case").to.equal(total);
  const flaky = flakyCases(runs);
  expect(flaky.length, `${flaky.length} flaky case(s) of ${total}:\n${describeFlaky(flaky)}`).to.equal(0);
}

describe(`determinism: ${RUNS} whole-suite runs give the same verdict per case`, () => {
  describe("against the embedded reference server", () => {
    let runs: CaseResult[][] = [];
    before(async function () {
      this.timeout(RUNS * 180_000);
      runs = await fiveRuns();
    });

    it("no flaky case", () => expectSteady(runs));
  });
});

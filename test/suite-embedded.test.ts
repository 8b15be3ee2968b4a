// The whole suite against the embedded reference server: every case PASS.
import { expect } from "chai";
import { allCases } from "../harness/runner/registry.ts";
import { failures, runSuite } from "./support/run-suite.ts";

describe("the suite against the embedded reference server", function () {
  this.timeout(120_000);

  it("has at least 40 cases, each citing known requirement ids", () => {
    const cases = allCases();
    expect(cases.length).to.be.at.least(40);
    for (const c of cases) expect(c.requirements, c.id).to.not.be.empty;
  });

  it("passes every case", async () => {
    const { results } = await runSuite();
    expect(results).to.have.length(allCases().length);
    expect(failures(results), "cases that did not pass").to.equal("");
  });
});

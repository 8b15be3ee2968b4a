// The whole suite against the embedded reference server: every case PASS.
import { expect } from "chai";
import { allCases } from "../harness/runner/registry.ts";
import { embeddedSuiteRun } from "./support/embedded-suite-runs.ts";
import { failures, heldToPass } from "./support/run-suite.ts";

describe("the suite against the embedded reference server", function () {
  this.timeout(120_000);

  it("has at least 40 cases, each citing known requirement ids", () => {
    const cases = allCases();
    expect(cases.length).to.be.at.least(40);
    for (const c of cases) expect(c.requirements, c.id).to.not.be.empty;
  });

  let wire: string[] = [];
  it("passes every case", async () => {
    // the first of determinism.test.ts's five runs when both files run in one process
    const { results } = await embeddedSuiteRun(0);
    wire = results.flatMap((r) => r.transcript.map((e) => e.data));
    expect(results).to.have.length(allCases().length);
    expect(failures(heldToPass(results)), "cases that did not pass").to.equal("");
  });

  it("keeps no SASL payload in any transcript", () => {
    expect(wire.some((d) => d.includes("[redacted]"))).to.equal(true);
    // an <auth/> or <response/> with content other than the redaction marker
    expect(wire.filter((d) => /<(auth|response)\b[^>]*>(?!\[redacted\])[^<]/.test(d))).to.deep.equal([]);
    // SCRAM client-final messages start "c=biws,r=" (base64 "Yz1iaXdzLHI9")
    expect(wire.filter((d) => d.includes("Yz1iaXdzLHI9"))).to.deep.equal([]);
  });
});

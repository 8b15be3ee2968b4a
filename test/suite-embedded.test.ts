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

  let json = "";
  it("passes every case", async () => {
    const { results } = await runSuite();
    json = JSON.stringify(results);
    expect(results).to.have.length(allCases().length);
    expect(failures(results), "cases that did not pass").to.equal("");
  });

  it("keeps no SASL payload in any transcript", () => {
    expect(json).to.include("[redacted]");
    // an <auth/> or <response/> with content other than the redaction marker
    expect(json).to.not.match(/<(auth|response)\b[^>]*>(?!\[redacted\])[^<]/);
    // SCRAM client-final messages start "c=biws,r=" (base64 "Yz1iaXdzLHI9")
    expect(json).to.not.include("Yz1iaXdzLHI9");
  });
});

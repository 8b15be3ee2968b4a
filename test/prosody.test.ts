// The suite against Debian's prosody, started by the test itself: no ERROR, and every FAIL or WARN
// is a known deviation listed (with its RFC sentence) in fixtures/expectations/prosody.tsv.
import { expect } from "chai";
import { checkExpectations, readExpectations } from "../harness/runner/expectations.ts";
import type { CaseResult } from "../harness/runner/run.ts";
import { describeRealServer } from "./support/real-servers.ts";
import { runSuite } from "./support/run-suite.ts";

const EXPECTATIONS = new URL("../fixtures/expectations/prosody.tsv", import.meta.url).pathname;
const line = (r: CaseResult) => `${r.verdict} ${r.id}: ${r.message}`;

describeRealServer("prosody", "the suite against prosody", (target) => {
  let results: CaseResult[] = [];

  before(async function () {
    this.timeout(180_000);
    const t = target();
    const run = await runSuite({
      target: t.url,
      domain: t.domain,
      "second-domain": "example.test",
      "direct-tls": t.directTlsUrl,
      websocket: t.wsUrl,
      "tls-ca": t.caFile,
      parallel: 8,
      timeout: 5000,
    });
    results = run.results;
  });

  it("gives no ERROR verdict", () => {
    expect(results.filter((r) => r.verdict === "ERROR").map(line)).to.deep.equal([]);
  });

  it("fails only where prosody is known to deviate, and every known deviation still shows", () => {
    const check = checkExpectations(results, readExpectations(EXPECTATIONS));
    expect(check.unexpectedFailures.map(line), "new failures").to.deep.equal([]);
    expect(
      check.unexpectedPasses.map((r) => r.id),
      "expected deviations that now pass",
    ).to.deep.equal([]);
  });
});

// A table of (fault, case, verdict) run against the embedded server: each case PASSes without a fault and
// gives its verdict under the fault named beside it. Shared by the test files of case families.
import { expect } from "chai";
import { allCases } from "../../harness/runner/registry.ts";
import { runSuite } from "./run-suite.ts";

export type GradedRow = [fault: string, caseId: string, verdict: "FAIL" | "WARN"];

export function describeGraded(title: string, graded: GradedRow[]): void {
  describe(title, function () {
    this.timeout(60_000);
    const cases = allCases();
    const byId = (id: string) => {
      const c = cases.find((k) => k.id === id);
      if (!c) throw new Error(`no case ${id}`);
      return c;
    };

    it("every one passes without a fault", async () => {
      const ids = [...new Set(graded.map((g) => g[1]))];
      const { results } = await runSuite({ cases: ids.map(byId), inProcess: true });
      const off = results
        .filter((r) => r.verdict !== "PASS")
        .map((r) => `${r.verdict} ${r.id}: ${r.message}`);
      expect(off).to.deep.equal([]);
    });

    for (const [fault, id, verdict] of graded) {
      it(`${fault}: ${id} is ${verdict}`, async () => {
        const { byId: got } = await runSuite({ fault: [fault], cases: [byId(id)], inProcess: true });
        const r = got.get(id);
        expect(r?.verdict, r?.message).to.equal(verdict);
      });
    }
  });
}

// Requirement coverage: the uncheckable list is sound and the figures add up.
import { expect } from "chai";
import type { Case } from "../harness/runner/case.ts";
import { catalogue } from "../harness/runner/catalogue.ts";
import { coverage, uncheckable } from "../harness/runner/coverage.ts";
import { allCases } from "../harness/runner/registry.ts";

describe("requirement coverage", () => {
  it("lists only catalogued ids as uncheckable, each with a reason, and no id a case cites", () => {
    const cited = new Set(allCases().flatMap((c) => c.requirements));
    for (const [id, reason] of uncheckable()) {
      expect(catalogue().has(id), id).to.equal(true);
      expect(reason.trim(), id).to.not.equal("");
      expect(cited.has(id), `${id} is cited by a case yet listed as uncheckable`).to.equal(false);
    }
  });

  it("counts per section add up to the RFC totals", () => {
    const rows = coverage(allCases(), ["6120", "6121", "7622"]);
    for (const rfc of ["6120", "6121", "7622"]) {
      const sections = rows.filter((r) => r.rfc === rfc && r.section !== "all");
      const all = rows.find((r) => r.rfc === rfc && r.section === "all")!;
      for (const k of ["requirements", "checkable", "covered", "mustCheckable", "mustCovered"] as const) {
        expect(
          sections.reduce((n, r) => n + r[k], 0),
          `${rfc} ${k}`,
        ).to.equal(all[k]);
      }
      expect(sections.reduce((n, r) => n + r.uncovered.length, 0)).to.equal(all.checkable - all.covered);
    }
  });

  it("moves with the cases: citing a requirement covers it", () => {
    const [first] = coverage(allCases(), ["6120"]).filter((r) => r.uncovered.length);
    const id = first.uncovered[0];
    const extra = { ...allCases()[0], id: "x/extra", requirements: [id] } as Case;
    const after = coverage([...allCases(), extra], ["6120"]).find((r) => r.section === first.section)!;
    expect(after.covered).to.equal(first.covered + 1);
    expect(after.uncovered).to.not.include(id);
  });
});

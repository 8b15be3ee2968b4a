// Requirement coverage: the uncheckable list is sound and the figures add up.
import { readFileSync } from "node:fs";
import { expect } from "chai";
import { catalogue } from "../harness/fixtures/catalogue.ts";
import type { Case } from "../harness/runner/case.ts";
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

  it("computes RFC 7622 coverage, with at least 80% of its checkable MUST rows cited by a case", () => {
    const all = coverage(allCases(), ["7622"]).find((r) => r.section === "all")!;
    expect(all.requirements, "RFC 7622 rows in the catalogue").to.be.greaterThan(0);
    expect(all.mustCheckable, "checkable RFC 7622 MUST rows").to.be.greaterThan(0);
    expect(all.mustCovered / all.mustCheckable, `${all.mustCovered}/${all.mustCheckable}`).to.be.at.least(
      0.8,
    );
  });

  it("names each uncheckable row once, by a catalogued id, with a reason", () => {
    const file = new URL("../fixtures/rfc/uncheckable.tsv", import.meta.url);
    const rows = readFileSync(file, "utf8")
      .split("\n")
      .filter((l) => l.trim() && !l.startsWith("#"))
      .map((l) => l.split("\t"));
    const seen = new Set<string>();
    for (const [id, reason] of rows) {
      expect(seen.has(id), `${id} listed twice`).to.equal(false);
      seen.add(id);
      expect(catalogue().has(id), `${id} is not in the catalogue`).to.equal(true);
      expect(reason?.trim() ?? "", `${id} has no reason`).to.not.equal("");
    }
    expect(
      [...seen].some((id) => id.startsWith("RFC7622-")),
      "RFC 7622 rows listed",
    ).to.equal(true);
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

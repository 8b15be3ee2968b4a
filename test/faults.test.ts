// The mutation table: every named fault of the reference server makes some case fail, and that
// case cites a requirement the fault breaks; and every case fails under some fault.
import { mkdirSync, writeFileSync } from "node:fs";
import { expect } from "chai";
import type { Case } from "../harness/runner/case.ts";
import { allCases } from "../harness/runner/registry.ts";
import { allFaults } from "../harness/server/faults/index.ts";
import type { FaultSpec } from "../harness/server/types.ts";
import { runSuite } from "./support/run-suite.ts";

const OUT = new URL("../out", import.meta.url).pathname;

/** The cases that check what the fault breaks: they cite one of its requirements. */
function casesFor(fault: FaultSpec, cases: Case[]): Case[] {
  return cases.filter((c) => c.requirements.some((r) => fault.breaks.includes(r)));
}

describe("named faults of the reference server (mutation table)", function () {
  this.timeout(300_000);
  const cases = allCases();
  // fuzz-only faults are proven by test/fuzz-faults.test.ts: no scripted case sends their input
  const faults = allFaults().filter((f) => !f.fuzzOnly && !f.allowed);
  /** case id -> faults under which it failed */
  const caught = new Map<string, string[]>();

  it("lists at least 12 faults, each breaking catalogued requirements", () => {
    expect(faults.length).to.be.at.least(12);
    expect(new Set(faults.map((f) => f.name)).size, "unique names").to.equal(faults.length);
  });

  for (const fault of faults) {
    it(`${fault.name}: some case citing ${fault.breaks.join(", ")} fails`, async () => {
      const relevant = casesFor(fault, cases);
      expect(relevant, `no case cites ${fault.breaks.join(", ")}`).to.not.be.empty;
      // in-process: a few cases per fault, where a worker's start would cost more than the run itself
      const { results } = await runSuite({ fault: [fault.name], cases: relevant, inProcess: true });
      const failed = results.filter((r) => r.verdict === "FAIL" || r.verdict === "WARN");
      for (const r of failed) caught.set(r.id, [...(caught.get(r.id) ?? []), fault.name]);
      const summary = results
        .map((r) => `${r.verdict} ${r.id}${r.message ? `: ${r.message}` : ""}`)
        .join("\n");
      expect(failed.length, `no case failed under ${fault.name}:\n${summary}`).to.be.greaterThan(0);
    });
  }

  it("every case fails under at least one fault (table in out/mutation-table.tsv)", () => {
    const never = cases.filter((c) => !caught.has(c.id)).map((c) => c.id);
    // the case -> fault table, for a reader who wants to see which fault proves which case
    mkdirSync(OUT, { recursive: true });
    const rows = cases.map((c) => `${c.id}\t${(caught.get(c.id) ?? []).join(",")}`);
    writeFileSync(`${OUT}/mutation-table.tsv`, `case\tfaults under which it fails\n${rows.join("\n")}\n`);
    expect(never, "cases no fault makes fail").to.deep.equal([]);
  });
});

// fixtures/rfc/interpretations.tsv both ways: every row it names exists and every row a suite names
// exists; a verdict that rests on a reading says so; and a reference server that follows the other
// reading of a row (an allowed fault with its `reading`) gets no FAIL or WARN, while one that follows neither fails.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "chai";
import { Violation } from "../harness/errors.ts";
import { requirement } from "../harness/fixtures/catalogue.ts";
import { interpretation, readInterpretations } from "../harness/fixtures/interpretations.ts";
import { section } from "../harness/runner/case.ts";
import { allCases, buildCases } from "../harness/runner/registry.ts";
import { allFaults } from "../harness/server/faults/index.ts";
import { runSuite } from "./support/run-suite.ts";

const SUITES = new URL("../suites", import.meta.url).pathname;
/** The oracles that judge every case rest on readings too. */
const ORACLES = new URL("../harness/runner/oracles", import.meta.url).pathname;

/** Every .ts file under `dir` (default suites/), as text. */
function suiteSources(dir = SUITES): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? suiteSources(join(dir, e.name))
      : e.name.endsWith(".ts")
        ? [readFileSync(join(dir, e.name), "utf8")]
        : [],
  );
}

describe("interpretations (fixtures/rfc/interpretations.tsv)", function () {
  this.timeout(120_000);
  const rows = readInterpretations();
  const named = new Set(
    [...suiteSources(), ...suiteSources(ORACLES)].flatMap((src) =>
      [...src.matchAll(/\bI-(?:\d{4}|XEP\d{4}|oracle)-[a-z0-9-]+/g)].map((m) => m[0]),
    ),
  );

  it("has unique ids, each row with its requirements catalogued and both readings", () => {
    expect(rows.length).to.be.greaterThan(0);
    expect(new Set(rows.map((r) => r.id)).size, "unique ids").to.equal(rows.length);
    for (const r of rows) {
      expect(r.requirements, `${r.id}: requirements`).to.not.be.empty;
      for (const id of r.requirements) expect(requirement(id), `${r.id} names ${id}`).to.not.equal(undefined);
      expect(r.readingA && r.readingB && r.why, `${r.id}: both readings and why`).to.be.ok;
    }
  });

  it("knows every row the suites and oracles name, and every row is named by one of them", () => {
    for (const id of named) expect(interpretation(id), `suites name ${id}`).to.not.equal(undefined);
    for (const r of rows) expect(named.has(r.id), `${r.id} is named by no suite`).to.equal(true);
  });

  it("ends a FAIL or WARN message with the reading it rested on; an unknown row is ERROR", async () => {
    const [id] = rows.map((r) => r.id);
    const cases = buildCases([
      section("rfc6121", "3.2", "readings", [
        {
          id: "rfc6121/3.2/reading-fail",
          title: "t",
          requirements: ["RFC6121-3.2.3-6"],
          async run(ctx) {
            ctx.reading(id);
            throw new Violation("it went wrong");
          },
        },
        {
          id: "rfc6121/3.2/reading-warn",
          title: "t",
          requirements: ["RFC6121-3.2.3-6"],
          async run(ctx) {
            ctx.reading(id);
            ctx.should(false, "a recommendation missed");
          },
        },
        {
          id: "rfc6121/3.2/reading-unknown",
          title: "t",
          requirements: ["RFC6121-3.2.3-6"],
          async run(ctx) {
            ctx.reading("I-0000-no-such-row");
          },
        },
      ]),
    ]);
    const { byId } = await runSuite({ cases, inProcess: true });
    const note = `(reading ${id}: ${interpretation(id)?.choice})`;
    expect(byId.get("rfc6121/3.2/reading-fail")?.message).to.equal(`it went wrong ${note}`);
    expect(byId.get("rfc6121/3.2/reading-warn")?.message).to.equal(`a recommendation missed ${note}`);
    expect(byId.get("rfc6121/3.2/reading-unknown")?.verdict).to.equal("ERROR");
  });

  for (const variant of allFaults().filter((f) => f.reading)) {
    it(`${variant.name} (the other reading of ${variant.reading}): no case citing ${variant.breaks.join(", ")} fails`, async () => {
      expect(interpretation(variant.reading ?? ""), "its row").to.not.equal(undefined);
      const cases = allCases().filter((c) => c.requirements.some((r) => variant.breaks.includes(r)));
      expect(cases).to.not.be.empty;
      const { results } = await runSuite({ fault: [variant.name], cases, inProcess: true });
      const bad = results
        .filter((r) => r.verdict !== "PASS")
        .map((r) => `${r.verdict} ${r.id}: ${r.message}`);
      expect(bad, `under ${variant.name}`).to.deep.equal([]);
    });
  }

  it("fails a server that follows neither reading, naming the reading (deny-delivered-unapplied)", async () => {
    const ids = ["rfc6121/3.2/deny", "rfc6121/A.3.4/none-plus-pending-out"];
    const cases = allCases().filter((c) => ids.includes(c.id));
    const { results } = await runSuite({ fault: ["deny-delivered-unapplied"], cases, inProcess: true });
    expect(results.map((r) => r.verdict)).to.deep.equal(["FAIL", "FAIL"]);
    for (const r of results) expect(r.message).to.include("(reading I-6121-deny-pending:");
  });
});

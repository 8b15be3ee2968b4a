// `report --merge`: shards of one run joined into one results document; shards of different runs and a
// case in two shards refused with one line.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "chai";
import { type CaseResult, type RunResults, runResults } from "../harness/results.ts";
import { ReportInputError } from "../reports/load.ts";
import { mergeResults } from "../reports/merge.ts";
import { cliWithin } from "./support/cli-child.ts";

const cli = (args: string[]) => cliWithin(args, 60_000);

function result(id: string, verdict: CaseResult["verdict"]): CaseResult {
  return {
    id,
    title: id,
    suite: "rfc7622",
    section: "3",
    requirements: [],
    level: "MUST",
    verdict,
    durationMs: 1,
    transcript: [],
  };
}

function shard(startedAt: string, durationMs: number, results: CaseResult[], port = 5222): RunResults {
  const doc = runResults(
    { name: "embedded", url: `xmpp://127.0.0.1:${port}`, domain: "localhost" },
    new Date(startedAt),
    results,
    false,
  );
  return { ...doc, durationMs };
}

describe("report --merge: joining shards", () => {
  it("keeps every result, recomputes the summary and spans the shards' time", () => {
    const a = shard("2026-01-01T10:00:00.000Z", 5000, [result("x/1", "PASS"), result("x/2", "FAIL")], 1);
    const b = shard("2026-01-01T10:00:02.000Z", 6000, [result("x/3", "SKIP")], 2);
    const m = mergeResults([
      { file: "a.json", doc: a },
      { file: "b.json", doc: { ...b, partial: true } },
    ]);
    expect(m.results.map((r) => r.id)).to.deep.equal(["x/1", "x/2", "x/3"]);
    expect(m.summary).to.deep.equal({ PASS: 1, FAIL: 1, WARN: 0, SKIP: 1, ERROR: 0, total: 3 });
    expect(m).to.include({ startedAt: "2026-01-01T10:00:00.000Z", durationMs: 8000, partial: true });
    expect(m.target).to.deep.equal(a.target);
    expect(m.tool).to.deep.equal(a.tool);
  });

  it("refuses a case in two shards, and shards of different targets, faults or tool versions", () => {
    const a = shard("2026-01-01T10:00:00.000Z", 1, [result("x/1", "PASS")]);
    const merge = (b: RunResults) =>
      mergeResults([
        { file: "a.json", doc: a },
        { file: "b.json", doc: b },
      ]);
    expect(() => merge(a)).to.throw(
      ReportInputError,
      "a.json and b.json both hold x/1: shards must not overlap",
    );
    const other = { ...a, results: [result("x/2", "PASS")] };
    expect(() => merge({ ...other, target: { ...a.target, name: "xmpp://p:5222" } })).to.throw(
      ReportInputError,
      /not shards of one run/,
    );
    expect(() => merge({ ...other, target: { ...a.target, faults: ["no-from-stamp"] } })).to.throw(
      /faults no-from-stamp/,
    );
    expect(() => merge({ ...other, tool: { name: "xmppspec", version: "9.9.9" } })).to.throw(
      /xmppspec 9\.9\.9/,
    );
    expect(() =>
      mergeResults([
        { file: "a.json", doc: { ...a, results: [result("x/1", "PASS"), result("x/1", "FAIL")] } },
      ]),
    ).to.throw("a.json holds x/1 twice");
  });
});

describe("report --merge: the command", function () {
  this.timeout(120_000);
  const dir = mkdtempSync(join(tmpdir(), "xmppspec-merge-"));
  const file = (name: string) => join(dir, name);
  const load = (name: string) => JSON.parse(readFileSync(file(name), "utf8")) as RunResults;

  before(async () => {
    for (const s of ["1/2", "2/2"]) {
      const out = file(`shard${s[0]}.json`);
      const r = await cli(["run", "--suite", "rfc7622", "--shard", s, "--quiet", "--json", out]);
      expect(r.code, r.stderr).to.equal(0);
    }
    const whole = await cli(["run", "--suite", "rfc7622", "--quiet", "--json", file("whole.json")]);
    expect(whole.code, whole.stderr).to.equal(0);
  });

  it("two shards merge into the run an unsharded job gives, and reports can be written from it", async () => {
    const r = await cli([
      "report",
      "--merge",
      file("shard1.json"),
      file("shard2.json"),
      "-o",
      file("all.json"),
      "--markdown",
      file("all.md"),
    ]);
    expect(r.code, r.stderr).to.equal(0);
    const [all, whole] = [load("all.json"), load("whole.json")];
    expect(all.results.map((x) => x.id).sort()).to.deep.equal(whole.results.map((x) => x.id).sort());
    expect(all.summary).to.deep.equal(whole.summary);
    expect(readFileSync(file("all.md"), "utf8")).to.include(String(whole.summary.total));
    const again = await cli(["compare", file("whole.json"), file("all.json")]);
    expect(again.code, again.stdout).to.equal(0);
  });

  const refused = async (args: string[], message: RegExp) => {
    const r = await cli(args);
    expect(r.code, r.stderr).to.equal(2);
    expect(r.stderr.trim().split("\n")).to.have.length(1);
    expect(r.stderr).to.match(message);
  };

  it("bad input is one line and exit 2: an overlap, another target, -o without --merge, no output", async () => {
    await refused(
      ["report", "--merge", file("shard1.json"), file("whole.json"), "-o", file("x.json")],
      /both hold rfc7622\/.*: shards must not overlap/,
    );
    const other = {
      ...load("shard2.json"),
      target: { name: "xmpp://p:5222", url: "xmpp://p:5222", domain: "p" },
    };
    writeFileSync(file("other.json"), JSON.stringify(other));
    await refused(
      ["report", "--merge", file("shard1.json"), file("other.json"), "-o", file("x.json")],
      /not shards of one run/,
    );
    await refused(["report", file("shard1.json"), "-o", file("x.json")], /add --merge/);
    await refused(["report", "--merge", file("shard1.json"), file("shard2.json")], /-o FILE/);
  });
});

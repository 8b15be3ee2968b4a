// Renames are never silent: an old case id in --case, an --expect file or a results file given to
// compare is read as its new id, with one note line per rename. The tests use their own rename table
// (a function parameter, or $XMPPSPEC_RENAMED_CASES for the command line), never the shipped rows.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "chai";
import {
  caseRenames,
  currentId,
  RENAMES_ENV,
  readRenames,
  withCurrentIds,
} from "../harness/fixtures/renames.ts";
import type { RunResults } from "../harness/results.ts";
import { loadExpectations } from "../harness/runner/expectations.ts";
import { allCases } from "../harness/runner/registry.ts";
import { withRenamedGlobs } from "../harness/runner/select.ts";
import { runCli } from "./support/cli-child.ts";

const dir = mkdtempSync(join(tmpdir(), "xmppspec-renames-"));
const file = (name: string, text: string) => {
  const f = join(dir, name);
  writeFileSync(f, text);
  return f;
};
const OLD = "rfc6120/4.9.3.22/x";
const NEW = "rfc6120/4.9.3.24/x";
const NOTE = `note: ${OLD} is now ${NEW}`;

describe("renamed case ids", function () {
  this.timeout(60_000);

  it("reads the table, follows a renamed case renamed again, and refuses a bad row by file and line", () => {
    const t = readRenames(file("ok.tsv", `old_id\tnew_id\n# a comment\na/1/x\ta/2/x\na/2/x\ta/3/x\n`));
    expect(currentId("a/1/x", t)).to.equal("a/3/x");
    expect(currentId("a/9/x", t)).to.equal("a/9/x");
    const twice = file("twice.tsv", "old_id\tnew_id\na/1/x\ta/2/x\na/1/x\ta/3/x\n");
    expect(() => readRenames(twice)).to.throw(`${twice}:3: a/1/x is renamed twice`);
    const lone = file("lone.tsv", "old_id\tnew_id\na/1/x\n");
    expect(() => readRenames(lone)).to.throw(`${lone}:2: want an old id and a different new id`);
    const again = file("again.tsv", "old_id\tnew_id\na/1/x\ta/5/x\n");
    expect(() => readRenames(twice.replace("twice", "ok"), again)).to.throw(
      `${again}:2: a/1/x is renamed twice`,
    );
  });

  it("the shipped tables: every old id is gone from the registry, every new one is a registered case", () => {
    const ids = new Set(allCases().map((c) => c.id));
    const renames = caseRenames();
    for (const old of renames.keys()) {
      expect(ids.has(old), `${old} is renamed but still registered`).to.equal(false);
      expect(ids.has(currentId(old, renames)), `${old} is renamed to no registered case`).to.equal(true);
    }
  });

  it("--case: an old id or a glob over old ids selects the new ids, with a note; no note when the glob has them", () => {
    const renames = new Map([[OLD, NEW]]);
    const notes: string[] = [];
    expect(withRenamedGlobs([OLD], renames, (l) => notes.push(l))).to.deep.equal([OLD, NEW]);
    expect(withRenamedGlobs(["rfc6120/4.9.3.22/*"], renames, (l) => notes.push(l))).to.include(NEW);
    expect(withRenamedGlobs(["rfc6120/**"], renames, (l) => notes.push(l))).to.deep.equal(["rfc6120/**"]);
    expect(notes).to.deep.equal([NOTE, NOTE]);
  });

  it("--expect and compare inputs: old ids are read as the new ids; an entry under the new id wins", () => {
    const renames = new Map([
      [OLD, NEW],
      ["a/1/y", "a/2/y"],
    ]);
    const notes: string[] = [];
    const expected = loadExpectations(
      file("e.tsv", `${OLD}\tFAIL\told reason\na/1/y\tWARN\tstale\na/2/y\tERROR\tcurrent\n`),
      renames,
      (l) => notes.push(l),
    );
    expect([...expected.values()].map((e) => [e.id, e.verdict])).to.have.deep.members([
      [NEW, "FAIL"],
      ["a/2/y", "ERROR"],
    ]);
    expect(notes).to.deep.equal([NOTE, "note: a/1/y is now a/2/y"]);
    const results = withCurrentIds([{ id: OLD }, { id: "a/2/y" }], renames, (l) => notes.push(l));
    expect(results.map((r) => r.id)).to.deep.equal([NEW, "a/2/y"]);
  });

  it("the command line: run --case and --expect with an old id, then compare with old ids, one note each", async () => {
    const now = allCases()[0].id;
    const old = `${now.split("/")[0]}/0.0/renamed-away`;
    const env = { [RENAMES_ENV]: file("cli.tsv", `old_id\tnew_id\n${old}\t${now}\n`) };
    const json = join(dir, "run.json");
    const expectFile = file("cli-expect.tsv", `${old}\tFAIL\texpected to fail under its old id\n`);
    const run = await runCli(["run", "--case", old, "--expect", expectFile, "--json", json, "--quiet"], {
      env,
    });
    expect(run.stderr.trim().split("\n"), run.stderr).to.deep.equal([`note: ${old} is now ${now}`]);
    expect(run.stdout).to.contain(`unexpected pass: ${now} (expected FAIL`);
    const doc = JSON.parse(readFileSync(json, "utf8")) as RunResults;
    expect(doc.results.map((r) => r.id)).to.deep.equal([now]);

    const base = file(
      "base.json",
      JSON.stringify({ ...doc, results: doc.results.map((r) => ({ ...r, id: old })) }),
    );
    const cmp = await runCli(["compare", base, json], { env });
    expect(cmp.code, cmp.stderr).to.equal(0);
    expect(cmp.stderr.trim()).to.equal(`note: ${old} is now ${now}`);
    expect(cmp.stdout).to.contain("0 regressions, 0 fixes, 0 other changes, 0 new, 0 gone");
  });
});

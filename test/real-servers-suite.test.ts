// The whole suite, federation cases included, against Debian's prosody, ejabberd and jabberd2 (each
// started and stopped here, from a clean state, s2s on) and against the embedded reference server; then the cross-server matrix.
// A real server may only deviate where fixtures/expectations/NAME.tsv says so, with the RFC
// sentence: a new failure and an unexpected pass both fail. The reference server passes everything.
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "chai";
import { type CaseResult, type RunResults, summarize } from "../harness/results.ts";
import type { Case } from "../harness/runner/case.ts";
import { checkExpectations, readExpectations } from "../harness/runner/expectations.ts";
import { allCases } from "../harness/runner/registry.ts";
import { profileText } from "../reports/profiles.ts";
import { writeReports } from "../reports/write.ts";
import { realComponentArgs } from "../scripts/real-servers/component.ts";
import { REAL_SERVER_NAMES } from "../scripts/real-servers/launch.ts";
import {
  expectationsFile,
  judgeProfilesOf,
  realFederationArgs,
  realServerArgs,
  runSuiteDocument,
} from "../scripts/real-servers/suite-run.ts";
import { embeddedSuiteRun } from "./support/embedded-suite-runs.ts";
import { describeRealFederation } from "./support/real-servers.ts";
import { heldToPass } from "./support/run-suite.ts";

const isFederationCase = (c: Case) => c.needs?.some((n) => n === "s2s" || n === "s2s-outbound") ?? false;
const line = (r: CaseResult) => `${r.verdict} ${r.id}: ${(r.message ?? "").split("\n")[0]}`;
/** The compliance profiles judged from each real server's run (XEP-0479, 2023). */
const PROFILES = [
  "cs2023-core-server",
  "cs2023-im-server",
  "cs2023-mobile-server",
  "cs2023-im-advanced-server",
];
/** Every finished run, for the matrix at the end. */
const runs: { file: string; doc: RunResults }[] = [];

describe("the suite against the embedded reference server", () => {
  let doc: RunResults;
  before(async function () {
    this.timeout(600_000);
    // the first of determinism.test.ts's five runs when both files run in one process
    doc = await embeddedSuiteRun(0);
    runs.push({ file: "reference.json", doc });
  });

  it("passes every case", () => {
    expect(
      heldToPass(doc.results)
        .filter((r) => r.verdict !== "PASS")
        .map(line),
    ).to.deep.equal([]);
  });
});

for (const name of REAL_SERVER_NAMES) {
  // the federation variant: the c2s side as in the base config, plus s2s with the harness CA trusted and
  // names resolved through the run's DNS responder, so the one pass covers the federation cases too
  describeRealFederation(name, `the suite against ${name}`, (target) => {
    let doc: RunResults;
    before(async function () {
      this.timeout(600_000);
      // started from a clean state here, so the run may leave its accounts behind
      const options = {
        name,
        // jabberd2's s2s component died mid-run under the whole suite's load (its later federation cases
        // then ERROR at random): it runs the client-side cases only; test/real-federation.test.ts keeps its s2s
        args: {
          ...(name === "jabberd2" ? realServerArgs(target().c2s) : realFederationArgs(target())),
          ...realComponentArgs(name),
        },
        cases: name === "jabberd2" ? allCases().filter((c) => !isFederationCase(c)) : undefined,
        parallel: 8,
        keepAccounts: true,
        rerunInternalServerError: name === "jabberd2",
      };
      doc = await runSuiteDocument(options);
      // A real server's own races (e.g. ejabberd resetting a socket before its stream error is out) can
      // flip a case now and then: a case off its expectation gets one more run, and the second verdict
      // counts. A real regression is off both times; a flip is printed so it can be looked into.
      const expected = readExpectations(expectationsFile(name));
      const check = checkExpectations(doc.results, expected);
      const off = new Set([...check.unexpectedFailures, ...check.unexpectedPasses].map((r) => r.id));
      if (off.size) {
        const again = await runSuiteDocument({ ...options, cases: allCases().filter((c) => off.has(c.id)) });
        const redone = new Map(again.results.map((r) => [r.id, r]));
        for (const id of off)
          console.log(`      ${name}: ${id} off its expectation, rerun: ${redone.get(id)?.verdict}`);
        doc.results = doc.results.map((r) => redone.get(r.id) ?? r);
        doc.summary = summarize(doc.results);
      }
      doc.profiles = await judgeProfilesOf(options, PROFILES, doc.results);
      for (const p of doc.profiles) console.log(profileText(p).replace(/^/gm, "      "));
      runs.push({ file: `${name}.json`, doc });
    });

    // the verdict of a profile rests on what the run shows: "does not meet" names failing MUST rows that
    // failing cases cite, or a specification the target does not advertise; "meets" has no failing case
    it("judges the compliance profiles by the failing requirement ids the run shows", () => {
      const failed = doc.results.filter((r) => r.verdict === "FAIL" && r.level === "MUST");
      const cited = new Set(failed.flatMap((r) => r.requirements));
      for (const p of doc.profiles ?? []) {
        for (const id of p.failing)
          expect(cited.has(id), `${p.name}: ${id} is cited by a failing case`).to.equal(true);
        const denied = p.specs.some((s) => s.verdict === "does not meet" && s.claim === "no");
        if (p.verdict === "does not meet") expect(p.failing.length > 0 || denied, p.name).to.equal(true);
        if (p.verdict === "meets") expect(p.failing, p.name).to.deep.equal([]);
        expect(p.specs.filter((s) => s.verdict === "not tested" && p.verdict === "meets")).to.deep.equal([]);
      }
    });

    // ERROR is the harness not deciding: only a case whose set-up the server breaks ("not exercised", with
    // the behaviour that broke graded by its own case) may give it, and its expectations row says so
    it("gives no ERROR verdict but the listed 'not exercised' ones", () => {
      const expected = readExpectations(expectationsFile(name));
      const listed = (r: CaseResult) =>
        expected.get(r.id)?.verdicts.includes("ERROR") && /^not exercised/.test(r.message ?? "");
      expect(doc.results.filter((r) => r.verdict === "ERROR" && !listed(r)).map(line)).to.deep.equal([]);
    });

    it(`deviates only where fixtures/expectations/${name}.tsv says, and every listed deviation still shows`, () => {
      const check = checkExpectations(doc.results, readExpectations(expectationsFile(name)));
      expect(check.unexpectedFailures.map(line), "new failures").to.deep.equal([]);
      expect(
        check.unexpectedPasses.map((r) => r.id),
        "expected deviations that now pass",
      ).to.deep.equal([]);
    });
  });
}

describe("the cross-server matrix", () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "xmppspec-matrix-"));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("puts every run side by side, in HTML and as pass counts per section in Markdown", function () {
    if (runs.length < 2) this.skip(); // no real server here: nothing to compare
    const html = join(dir, "matrix.html");
    const md = join(dir, "compliance.md");
    writeReports(runs, { html, markdown: md });
    expect(existsSync(html)).to.equal(true);
    const text = readFileSync(md, "utf8");
    const header = text.split("\n").find((l) => l.startsWith("| section |"));
    for (const { doc } of runs) expect(header, "a column per target").to.include(doc.target.name);
    // the total row: PASS/total per target, as each run counted it
    const all = text.split("\n").find((l) => l.startsWith("| **all** |"));
    for (const { doc } of runs) expect(all).to.include(`**${doc.summary.PASS}/${doc.summary.total}**`);
  });
});

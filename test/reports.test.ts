// Report writers on results of real runs: JUnit through junit2json, Allure, Markdown, compare,
// `run --expect`, bad input, and no password or SASL payload in any report.
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { expect } from "chai";
import { parse } from "junit2json";
import { compareCommand } from "../bin/commands/compare.ts";
import { judgeByExpectations } from "../bin/commands/expect.ts";
import { renderAllure, reportCommand } from "../bin/commands/report.ts";
import { UsageError } from "../bin/commands/usage-error.ts";
import { requirement } from "../harness/fixtures/catalogue.ts";
import type { CaseResult, RunResults } from "../harness/results.ts";
import { loadExpectations } from "../harness/runner/expectations.ts";
import { ConfigError } from "../harness/runner/target-config.ts";
import { compareRuns, comparisonText } from "../reports/compare.ts";
import { junitXml } from "../reports/junit.ts";
import { ReportInputError } from "../reports/load.ts";
import { caseUrl, wireLog } from "../reports/model.ts";
import { Packed } from "../reports/packed.ts";
import { writeReports } from "../reports/write.ts";
import { CASES, cli, FAULTS, type ReportRuns, reportRuns } from "./reports-support.ts";

const read = (f: string): RunResults => JSON.parse(readFileSync(f, "utf8"));
/** An expectations file as `run --expect` reads it, with no renamed case ids. */
const expectations = (f: string) => loadExpectations(f, new Map(), () => {});
const sectionOf = (r: CaseResult) => `${r.suite} §${r.section}`;

/** An HTML report with its packed parts (the PASS cases' details, see reports/packed.ts) inflated after it. */
function withPacked(html: string): string {
  const blocks = [
    ...html.matchAll(/<script type="application\/octet-stream" id="packed-\d+">([^<]*)<\/script>/g),
  ];
  const parts = blocks.flatMap(([, b64]) => {
    const packed: { html: string[]; logs: string[] } = JSON.parse(
      gunzipSync(Buffer.from(b64, "base64")).toString(),
    );
    return [...packed.html, ...packed.logs];
  });
  return [html, ...parts].join("\n");
}

async function expectUsageError(p: Promise<unknown>, message: RegExp): Promise<void> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).to.be.instanceOf(UsageError);
  expect((err as Error).message).to.match(message);
}

function oneLineExit2(r: { code: number | null; stderr: string }): void {
  expect(r.code, r.stderr).to.equal(2);
  expect(r.stderr.trim().split("\n"), r.stderr).to.have.length(1);
  expect(r.stderr).to.match(/^xmppspec: /);
}

describe("reports", function () {
  this.timeout(120_000);
  let runs: ReportRuns;
  let faulted: RunResults;

  before(async () => {
    runs = await reportRuns();
    faulted = read(runs.faulted);
  });

  it("a faulted run fails, and `run` writes every report it was asked for", () => {
    expect(runs.faultedRun.code, runs.faultedRun.stderr).to.equal(1);
    expect(faulted.summary.FAIL).to.be.greaterThan(0);
    expect(faulted.summary.PASS).to.be.greaterThan(0);
    for (const f of Object.values(runs.runReports)) expect(existsSync(f), f).to.equal(true);
  });

  it("JUnit: junit2json reads one suite per RFC section with the right counts", async () => {
    const doc = await parse(readFileSync(runs.runReports.junit, "utf8"));
    if (!doc || !("testsuite" in doc)) throw new Error("junit2json found no <testsuites>");
    const suites = doc.testsuite ?? [];
    const sections = [...new Set(faulted.results.map(sectionOf))];
    expect(suites).to.have.length(sections.length);
    expect(doc.tests).to.equal(faulted.results.length);
    for (const s of suites) {
      const rs = faulted.results.filter((r) => s.name?.startsWith(`${sectionOf(r)} `));
      const n = (v: string) => rs.filter((r) => r.verdict === v).length;
      expect(s.tests, s.name).to.equal(rs.length).and.be.greaterThan(0);
      expect(s.failures, s.name).to.equal(n("FAIL") + n("WARN"));
      expect(s.errors, s.name).to.equal(n("ERROR"));
      expect(s.skipped, s.name).to.equal(n("SKIP"));
      expect(s.testcase).to.have.length(rs.length);
    }
    const fail = faulted.results.find((r) => r.verdict === "FAIL") as CaseResult;
    const tc = suites.flatMap((s) => s.testcase ?? []).find((t) => t.name === fail.id);
    const inner = tc?.failure?.[0]?.inner ?? "";
    expect(tc?.failure?.[0]?.message).to.contain(fail.message?.split("\n")[0]);
    expect(inner).to.contain(caseUrl(fail));
    expect(inner).to.contain(requirement(fail.requirements[0])?.text);
    expect(tc?.["system-out"]?.[0]).to.contain("C: <?xml version='1.0'?><stream:stream");
  });

  it("JUnit stays well-formed when a target sends control characters or markup", async () => {
    const doc = read(runs.faulted);
    const r = doc.results.find((x) => x.verdict === "FAIL") as CaseResult;
    r.message = `bad \u0001 byte ]]> <x a="1"/> & more`;
    r.transcript.push({ t: 1, session: "c1", dir: "recv", data: "\u0000\u001b[31m</system-out>\uFFFE" });
    const parsed = await parse(junitXml(doc));
    if (!parsed || !("testsuite" in parsed)) throw new Error("junit2json found no <testsuites>");
    const tc = (parsed.testsuite ?? []).flatMap((s) => s.testcase ?? []).find((t) => t.name === r.id);
    expect(tc?.failure?.[0]?.message).to.equal(`FAIL: bad \uFFFD byte ]]> <x a="1"/> & more`);
    expect(tc?.["system-out"]?.[0]).to.contain("S: \uFFFD\uFFFD[31m</system-out>\uFFFD");
  });

  it("compare ranks verdicts: WARN to FAIL regresses, changes to or from SKIP are neither", () => {
    const base = read(runs.faulted);
    const next = read(runs.faulted);
    const [a, b, c] = next.results.filter((r) => r.verdict === "PASS");
    base.results.find((r) => r.id === a.id)!.verdict = "WARN";
    a.verdict = "FAIL";
    b.verdict = "SKIP";
    base.results.find((r) => r.id === c.id)!.verdict = "ERROR";
    const cmp = compareRuns(base, next);
    expect(cmp.regressions.map((x) => [x.id, x.from, x.to])).to.deep.equal([[a.id, "WARN", "FAIL"]]);
    expect(cmp.changed.map((x) => [x.id, x.from, x.to])).to.deep.equal([[b.id, "PASS", "SKIP"]]);
    expect(cmp.fixes.map((x) => [x.id, x.from, x.to])).to.deep.equal([[c.id, "ERROR", "PASS"]]);
  });

  it("Allure: a result per case with RFC, section, case and severity labels, the RFC link and the wire log", () => {
    const files = readdirSync(runs.runReports.allure);
    const results = files
      .filter((f) => f.endsWith("-result.json"))
      .map((f) => JSON.parse(readFileSync(join(runs.runReports.allure, f), "utf8")));
    expect(results).to.have.length(faulted.results.length);
    const byId = new Map(results.map((r) => [r.fullName, r]));
    const label = (r: { labels: { name: string; value: string }[] }, n: string) =>
      r.labels.find((l) => l.name === n)?.value;
    for (const c of faulted.results) {
      const a = byId.get(c.id);
      expect(a.status, c.id).to.equal(
        { PASS: "passed", FAIL: "failed", WARN: "failed", SKIP: "skipped", ERROR: "broken" }[c.verdict],
      );
      expect(label(a, "rfc")).to.equal(`RFC ${c.suite.slice(3)}`);
      expect(label(a, "case")).to.equal(c.id);
      expect(label(a, "section")).to.equal(c.id.split("/")[1]);
      expect(label(a, "severity")).to.equal({ MUST: "critical", SHOULD: "normal", MAY: "minor" }[c.level]);
      expect(a.links[0].url).to.equal(
        `https://www.rfc-editor.org/rfc/rfc${c.suite.slice(3)}#${c.id.startsWith("rfc6121/A.") ? "appendix" : "section"}-${c.id.split("/")[1]}`,
      );
      const log = readFileSync(join(runs.runReports.allure, a.attachments[0].source), "utf8");
      expect(log).to.contain(c.transcript[0]?.data ?? "(no bytes exchanged)");
    }
    const appendix = faulted.results.find((r) => r.id.startsWith("rfc6121/A.2.2/"));
    expect(byId.get(appendix?.id)?.links[0].url).to.equal(
      "https://www.rfc-editor.org/rfc/rfc6121#appendix-A.2.2",
    );
  });

  it("--allure-html renders with allure-commandline, or says that Java is missing", () => {
    const out = join(runs.dir, "allure-html");
    const path = process.env.PATH;
    process.env.PATH = "/nonexistent";
    try {
      expect(() => renderAllure(runs.runReports.allure, out)).to.throw(UsageError, /needs Java/);
    } finally {
      process.env.PATH = path;
    }
    renderAllure(runs.runReports.allure, out);
    expect(readdirSync(join(out, "data", "test-cases"))).to.have.length(faulted.results.length);
    const suites = JSON.parse(readFileSync(join(out, "data", "suites.json"), "utf8"));
    expect(JSON.stringify(suites)).to.contain('"name":"RFC 6120"');
  });

  it("Markdown: a summary of one run, pass counts per section per target for several", () => {
    const one = readFileSync(runs.runReports.markdown, "utf8");
    const s = faulted.summary;
    expect(one).to.contain(`${s.total} cases: ${s.PASS} PASS, ${s.FAIL} FAIL`);
    const fail = faulted.results.find((r) => r.verdict === "FAIL") as CaseResult;
    expect(one).to.contain(`\`${fail.id}\` | FAIL`);
    expect(runs.matrix.run.code, runs.matrix.run.stderr).to.equal(0);
    const text = readFileSync(runs.matrix.markdown, "utf8");
    expect(text).to.contain(
      "| section | embedded | embedded (same-stream-id, no-stream-lang) | xmpp://127.0.0.1:",
    );
    // sections are subsections now where the catalogue has them (§4.7, not §4)
    const s4 = faulted.results.filter((x) => x.suite === "rfc6120" && x.section === "4.7");
    const passed = s4.filter((x) => x.verdict === "PASS").length;
    expect(text).to.match(
      new RegExp(`\\| rfc6120 §4\\.7 [^|]*\\| ${s4.length}/${s4.length} \\| ${passed}/${s4.length} \\|`),
    );
  });

  it("compare: regressions exit 1, fixes and new cases exit 0", async () => {
    const worse = await cli(["compare", runs.clean, runs.faulted]);
    expect(worse.code).to.equal(1);
    const failed = faulted.results.filter((r) => r.verdict === "FAIL").map((r) => r.id);
    expect(worse.stdout).to.contain(`regressions (${failed.length}):`);
    for (const id of failed) expect(worse.stdout).to.contain(`${id}: PASS -> FAIL`);
    const clean = read(runs.clean);
    const better = compareRuns(faulted, clean);
    expect(better.regressions).to.have.length(0);
    expect(better.fixes.map((c) => c.id)).to.have.members(failed);
    // a base run that lacked one case: that case is new, not a regression
    const fewer = { ...faulted, results: faulted.results.slice(1) };
    const added = compareRuns(fewer, faulted);
    expect(added.regressions).to.have.length(0);
    expect(comparisonText(added)).to.contain(
      `new cases (1):\n  ${faulted.results[0].id}: ${faulted.results[0].verdict}`,
    );
  });

  it("run --expect: exit 0 when every deviation is expected, 1 on a new failure or an unexpected pass", async () => {
    const deviations = faulted.results.filter((r) => r.verdict !== "PASS");
    const pass = faulted.results.find((r) => r.verdict === "PASS") as CaseResult;
    const row = (r: CaseResult, v = r.verdict) =>
      `${r.id}\t${v}\tbroken on purpose\thttps://example.invalid/${r.id}`;
    const write = (name: string, lines: string[]) => {
      const f = join(runs.dir, `${name}.tsv`);
      writeFileSync(f, `# ${name}\n${lines.join("\n")}\n`);
      return f;
    };
    // the command line once (a run missing one expectation), the same judgement in-process for the rest
    const missing = await cli([
      "run",
      ...CASES,
      ...FAULTS,
      "--quiet",
      "--expect",
      write(
        "missing",
        deviations.slice(1).map((r) => row(r)),
      ),
    ]);
    expect(missing.code, missing.stdout + missing.stderr).to.equal(1);
    expect(missing.stdout).to.contain(`new failure: ${deviations[0].id} FAIL`);
    const all = judgeByExpectations(
      faulted.results,
      expectations(
        write(
          "all",
          deviations.map((r) => row(r)),
        ),
      ),
    );
    expect(all.code).to.equal(0);
    expect(all.lines.join("\n")).to.contain(
      `0 new failures, 0 unexpected passes, ${deviations.length} expected deviations seen`,
    );
    const stale = judgeByExpectations(
      faulted.results,
      expectations(write("stale", [...deviations.map((r) => row(r)), row(pass, "FAIL")])),
    );
    expect(stale.code).to.equal(1);
    expect(stale.lines.join("\n")).to.contain(
      `unexpected pass: ${pass.id} (expected FAIL: broken on purpose https://example.invalid/${pass.id})`,
    );
  });

  it("bad input: one line on stderr, exit 2", async () => {
    // the command line for a file that is not a results JSON and for an unknown flag; the rest in-process
    const results = await Promise.all([
      cli([
        "report",
        new URL("../package.json", import.meta.url).pathname,
        "--html",
        join(runs.dir, "x.html"),
      ]),
      cli(["report", runs.clean, "--no-such-flag", "x"]),
    ]);
    expect(() => compareCommand({ base: runs.clean, new: join(runs.dir, "no-such.json") })).to.throw(
      UsageError,
      /cannot read/,
    );
    for (const r of results) oneLineExit2(r);
    expect(results[0].stderr).to.contain("is not an xmppspec results file");
    const missing = { files: [join(runs.dir, "no-such.json")], html: join(runs.dir, "x.html") };
    await expectUsageError(reportCommand(missing), /cannot read .*no-such\.json: ENOENT/);
    await expectUsageError(reportCommand({ files: [runs.clean] }), /name a report to write/);
    const notJson = join(runs.dir, "not.json");
    writeFileSync(notJson, "<xml/>");
    await expectUsageError(
      reportCommand({ files: [notJson], html: join(runs.dir, "x.html") }),
      /is not JSON/,
    );
    expect(() => expectations(join(runs.dir, "no-such.tsv"))).to.throw(ConfigError, /--expect: cannot read/);
    expect(() =>
      writeReports(
        [
          { file: "a", doc: faulted },
          { file: "b", doc: faulted },
        ],
        { junit: "x.xml" },
      ),
    ).to.throw(ReportInputError);
  });

  it("no report made from a run with known passwords holds a password or a SASL payload", async () => {
    const secret = read(runs.secretRun);
    const wire = secret.results.flatMap((r) => r.transcript.map((e) => e.data)).join("\n");
    // the run did log in with those accounts, so the check below is not vacuous
    expect(wire).to.match(/<auth /);
    expect(wire).to.contain(`${runs.users[0]}@localhost`);
    const out = join(runs.dir, "secret-reports");
    writeReports([{ file: runs.secretRun, doc: secret }], {
      junit: `${out}/r.xml`,
      html: `${out}/r.html`,
      markdown: `${out}/r.md`,
      allure: `${out}/allure`,
      matrix: `${out}/m.html`,
    });
    const texts = [
      ...["r.xml", "r.html", "r.md", "m.html"].map((f) => withPacked(readFileSync(join(out, f), "utf8"))),
      withPacked(readFileSync(runs.matrix.html, "utf8")),
      ...readdirSync(join(out, "allure")).map((f) => readFileSync(join(out, "allure", f), "utf8")),
    ];
    const forms = runs.passwords.flatMap((pw, i) => [
      pw,
      Buffer.from(pw).toString("base64").slice(0, 12),
      Buffer.from(`\0${runs.users[i]}\0${pw}`).toString("base64").slice(0, 16),
    ]);
    for (const t of texts) {
      for (const f of forms) expect(t).to.not.contain(f);
      // every SASL element's payload is blanked, in raw and in escaped form
      for (const m of t.matchAll(/(?:<|&lt;)(?:auth|response|challenge|success)\b(.*?)(?:>|&gt;)([^<&]*)/g))
        if (!m[1].endsWith("/")) expect(["", "[redacted]"], m[0]).to.include(m[2]);
    }
  });

  it("HTML: a PASS case's quotes and log are packed, a non-PASS case's log is in the page as text", () => {
    const html = readFileSync(runs.runReports.html, "utf8");
    const all = withPacked(html);
    const pass = faulted.results.filter((r) => r.verdict === "PASS");
    const fail = faulted.results.find((r) => r.verdict === "FAIL") as CaseResult;
    const escaped = (r: CaseResult) =>
      wireLog(r).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
    expect(html).to.contain(escaped(fail));
    expect(html).to.not.contain(escaped(pass[0]));
    for (const r of pass) expect(all).to.contain(wireLog(r));
    // packed, the PASS logs take a fraction of their size, and the page is smaller than the logs it holds
    const passLogs = pass.reduce((n, r) => n + wireLog(r).length, 0);
    const blocks = [...html.matchAll(/id="packed-\d+">([^<]*)</g)].map((m) => m[1]);
    expect(blocks.join("").length)
      .to.be.greaterThan(0)
      .and.lessThan(passLogs / 3);
    expect(html.length).to.be.lessThan(faulted.results.reduce((n, r) => n + wireLog(r).length, 0));
    // the page's one script runs by its hash, and nothing may be fetched
    expect(html).to.match(
      /content="default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-[A-Za-z0-9+/]+=*'"/,
    );
  });

  it("HTML: packed parts fill blocks of about 1 MiB, each part named by its block, and come back whole", () => {
    const packed = new Packed();
    const log = "x".repeat(400 * 1024);
    const names = [0, 1, 2, 3].map(
      (i) => /data-pack="([\d.]+)"/.exec(packed.div(`<b>${i}</b>`, `${i}${log}`, true))?.[1],
    );
    expect(names).to.deep.equal(["0.0", "0.1", "0.2", "1.0"]);
    expect(packed.div("<b>kept</b>", "a < b", false)).to.equal(
      '<div><b>kept</b><pre class="wire">a &lt; b</pre></div>',
    );
    const text = withPacked(packed.block());
    for (const i of [0, 1, 2, 3]) expect(text).to.contain(`<b>${i}</b>`).and.contain(`${i}${log}`);
  });
});

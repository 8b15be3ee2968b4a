// No lost results: SIGINT or SIGTERM during a run, a second signal, a crash in some callback, or a case
// that throws or hangs — each still leaves the results gathered so far, marked partial where the run was cut.
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "chai";
import type { RunResults } from "../harness/results.ts";
import type { Case } from "../harness/runner/case.ts";
import { runCases } from "../harness/runner/run.ts";
import { resolveTarget } from "../harness/runner/target-config.ts";
import { type CliRun, hasStackTrace, runCli } from "./support/cli-child.ts";
import { startHostileServer } from "./support/hostile-server.ts";
import { testCase } from "./support/test-case.ts";

const CRASH = new URL("./support/crash-during-run.ts", import.meta.url).pathname;
const CASE_LINE = /^\[\s*\d+\/\d+\] (PASS|FAIL|WARN|SKIP|ERROR)/gm;

/** Start a whole-suite run on the embedded server; `when` decides, from stdout, when to act on the child. */
function interruptedRun(
  json: string,
  act: (lines: number, child: import("node:child_process").ChildProcess) => void,
  o: { env?: Record<string, string>; nodeFlags?: string[] } = {},
): Promise<CliRun> {
  return runCli(["run", "--parallel", "2", "--json", json], {
    deadlineMs: 120_000,
    ...o,
    onStdout: (out, child) => act(out.match(CASE_LINE)?.length ?? 0, child),
  });
}

function readResults(file: string): RunResults {
  expect(existsSync(file), `${file} written`).to.equal(true);
  return JSON.parse(readFileSync(file, "utf8")) as RunResults;
}

/** The file holds exactly the cases the console reported, complete, and fewer than the whole suite. */
function holdsWhatRan(doc: RunResults, r: CliRun): void {
  const printed = r.stdout.match(CASE_LINE)?.length ?? 0;
  expect(doc.partial, "partial").to.equal(true);
  expect(doc.results.length, "results written").to.be.at.least(5).and.equal(printed);
  expect(doc.summary.total).to.equal(doc.results.length);
  for (const res of doc.results) expect(res.verdict).to.be.oneOf(["PASS", "FAIL", "WARN", "SKIP", "ERROR"]);
  expect(hasStackTrace(r.stderr), r.stderr).to.equal(false);
}

describe("no lost results", function () {
  this.timeout(150_000);
  const dir = mkdtempSync(join(tmpdir(), "xmppspec-signals-"));

  for (const sig of ["SIGINT", "SIGTERM"] as const) {
    it(`${sig} mid-run: running cases end, results so far written with partial: true, exit 1`, async () => {
      const json = join(dir, `${sig}.json`);
      let sent = false;
      const r = await interruptedRun(json, (n, child) => {
        if (n >= 5 && !sent) {
          sent = true;
          child.kill(sig);
        }
      });
      expect(r.timedOut).to.equal(false);
      expect(r.code, r.stderr).to.equal(1);
      expect(r.stderr).to.match(new RegExp(`^xmppspec: ${sig}: finishing the running cases`));
      expect(r.stdout).to.include("(interrupted: partial)");
      const doc = readResults(json);
      holdsWhatRan(doc, r);
      expect(doc.results.length, "it stopped early").to.be.below(100);
    });
  }

  it("a second SIGINT stops at once, without waiting on running cases, and still writes the results (exit 130)", async () => {
    // a target whose features never come: every running case waits out its answer timeout, then a close
    const hostile = await startHostileServer("repeated-header");
    const json = join(dir, "twice.json");
    let secondAt = 0;
    try {
      const r = await runCli(
        [
          "run",
          "--target",
          hostile.url,
          "--domain",
          "localhost",
          "--insecure",
          "--account",
          "a:x-pass-1",
          "--account",
          "b:x-pass-2",
          "--account",
          "c:x-pass-3",
          "--account",
          "d:x-pass-4",
          "--parallel",
          "2",
          "--timeout",
          "3000",
          "--json",
          json,
        ],
        {
          deadlineMs: 120_000,
          onStdout: (out, child) => {
            if ((out.match(CASE_LINE)?.length ?? 0) < 2 || secondAt) return;
            secondAt = -1;
            // the second signal follows the first's acknowledgement, not a clock
            child.stderr?.once("data", () => {
              secondAt = Date.now();
              child.kill("SIGINT");
            });
            child.kill("SIGINT");
          },
        },
      );
      expect(secondAt, "both signals sent").to.be.above(0);
      expect(r.code, r.stderr).to.equal(130);
      expect(r.stderr).to.match(/SIGINT again: partial results written, stopping now/);
      const doc = readResults(json);
      expect(doc.partial).to.equal(true);
      expect(doc.results.length).to.be.at.least(2);
      expect(hasStackTrace(r.stderr), r.stderr).to.equal(false);
    } finally {
      await hostile.close();
    }
  });

  it("a crash in a callback mid-run: one line on stderr, results so far written, partial, exit 1", async () => {
    const json = join(dir, "crash.json");
    const r = await interruptedRun(json, () => {}, {
      env: { XMPPSPEC_CRASH_AFTER_CASES: "5" },
      nodeFlags: ["--import", CRASH],
    });
    expect(r.code, r.stderr).to.equal(1);
    expect(r.stderr).to.match(
      /^xmppspec: internal error: injected crash in a callback; finishing the running cases/m,
    );
    holdsWhatRan(readResults(json), r);
  });

  it("a case that throws anything, or hangs, costs only its own verdict", async () => {
    const { target, server } = await resolveTarget({
      tls: "optional",
      insecure: false,
      account: [],
      fault: [],
    });
    const mk = (id: string, run: Case["run"]): Case => testCase(`test/${id}`, [], run);
    const cases = [
      mk("ok-1", async () => {}),
      mk("type-error", async () => {
        (undefined as unknown as { x: () => void }).x();
      }),
      mk("throws-string", () => Promise.reject("a bare string")),
      mk("throws-sync", () => {
        throw new RangeError("thrown before any promise");
      }),
      mk("hangs", () => new Promise<void>(() => {})),
      mk("ok-2", async () => {}),
    ];
    try {
      const results = await runCases({
        target,
        cases,
        parallel: 2,
        caseTimeoutMs: 500,
        expectTimeoutMs: 500,
      });
      expect(results.map((r) => [r.id.slice(5), r.verdict])).to.deep.equal([
        ["ok-1", "PASS"],
        ["type-error", "ERROR"],
        ["throws-string", "ERROR"],
        ["throws-sync", "ERROR"],
        ["hangs", "ERROR"],
        ["ok-2", "PASS"],
      ]);
      expect(results[2].message).to.equal("harness error: a bare string");
      expect(results[4].message).to.match(/did not finish within 500 ms/);
    } finally {
      await server?.stop();
    }
  });
});

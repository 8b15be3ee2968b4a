// `fuzz --workers N` (independent processes, distinct seeds, findings merged) and `fuzz --pid`
// (a watched server process: death, memory growth, a stuck CPU).
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "chai";
import { findingKey } from "../harness/fuzz/finding.ts";
import { watchPid } from "../harness/fuzz/pid-watch.ts";
import { workerSeed } from "../harness/fuzz/pool.ts";
import type { FuzzSummary } from "../harness/fuzz/summary.ts";
import { runCli } from "./support/cli-child.ts";

const summaryOf = (file: string) => JSON.parse(readFileSync(file, "utf8")) as FuzzSummary;

/** A node child running `code`; killed by the caller. */
function child(code: string): ChildProcess {
  return spawn(process.execPath, ["-e", code], { stdio: "ignore" });
}

/** The first problem the watcher reports within `ms`, or undefined. */
function watchFor(pid: number, ms: number, o: { maxGrowthKb?: number; stuckMs?: number }) {
  return new Promise<string | undefined>((resolve) => {
    const stop = watchPid({
      pid,
      intervalMs: 200,
      ...o,
      progress: () => 0,
      onProblem: (m) => {
        stop();
        clearTimeout(t);
        resolve(m);
      },
    });
    const t = setTimeout(() => {
      stop();
      resolve(undefined);
    }, ms);
  });
}

describe("fuzz --workers", function () {
  this.timeout(180_000);

  it("runs independent processes with distinct seeds and merges their counts", async () => {
    const dir = mkdtempSync(join(tmpdir(), "xmppspec-workers-"));
    const json = join(dir, "summary.json");
    const r = await runCli([
      "fuzz",
      "--workers",
      "2",
      "--level",
      "stanza",
      "--runs",
      "200",
      "--seed",
      "5",
      "--out",
      dir,
      "--json",
      json,
      "--quiet",
    ]);
    expect(r.code, r.stderr).to.equal(0);
    const merged = summaryOf(json);
    const parts = [0, 1].map((i) => summaryOf(join(dir, `worker-${i}`, "summary.json")));
    expect(merged.workers).to.equal(2);
    expect(parts.map((p) => p.seed)).to.deep.equal([workerSeed(5, 0), workerSeed(5, 1)]);
    expect(parts[0].seed).to.not.equal(parts[1].seed);
    expect(parts.map((p) => p.cases)).to.deep.equal([100, 100]);
    expect(merged.cases).to.equal(200);
    expect(merged.perLevel.stanza).to.equal(200);
    expect(merged.findings).to.deep.equal([]);
  });

  // 600 cases a worker: a few batches each (up to 256 cases in one), because leak-message leaks only to
  // bystanders that have sent something, which the first batch of a fresh rig has not
  it("merges the workers' findings: one per identity, its file copied up", async () => {
    const dir = mkdtempSync(join(tmpdir(), "xmppspec-workers-"));
    const json = join(dir, "summary.json");
    const r = await runCli([
      "fuzz",
      "--workers",
      "2",
      "--fault",
      "leak-message",
      "--level",
      "stanza",
      "--runs",
      "1200",
      "--seed",
      "1",
      "--out",
      dir,
      "--json",
      json,
      "--quiet",
    ]);
    expect(r.code, r.stderr).to.equal(1);
    const merged = summaryOf(json);
    const parts = [0, 1].map((i) => summaryOf(join(dir, `worker-${i}`, "summary.json")));
    // each worker found the leak on its own; the merged summary holds each identity (level, oracle,
    // requirement, MUST or SHOULD, input class) once, with both workers' repeats
    for (const p of parts) expect(p.findings.map((f) => f.oracle)).to.include("no-leak");
    const keys = (s: FuzzSummary) => s.findings.map(findingKey);
    const both = keys(parts[0]).filter((k) => keys(parts[1]).includes(k));
    expect(both, "an identity both workers found").to.not.be.empty;
    expect(new Set(keys(merged)).size).to.equal(merged.findings.length);
    expect(new Set(keys(merged))).to.deep.equal(new Set([...keys(parts[0]), ...keys(parts[1])]));
    const leak = merged.findings.find((f) => findingKey(f) === both[0]);
    const repeats = parts.map((p) => p.findings.find((f) => findingKey(f) === both[0])?.repeats ?? 0);
    expect(leak?.repeats).to.equal(repeats[0] + repeats[1] + 1);
    expect(leak?.file?.startsWith(dir)).to.equal(true);
    expect(leak?.file?.includes("worker-")).to.equal(false);
    expect(existsSync(leak?.file ?? "")).to.equal(true);
    expect(merged.cases).to.equal(parts[0].cases + parts[1].cases);
  });
});

describe("fuzz --pid", function () {
  this.timeout(120_000);

  // a campaign of ten minutes that ends within this test's timeout ended because the process died
  it("reports a watched process that dies during the campaign, stops, and keeps the summary", async () => {
    const watched = child("setInterval(() => {}, 1000)");
    const dir = mkdtempSync(join(tmpdir(), "xmppspec-pid-"));
    const json = join(dir, "summary.json");
    setTimeout(() => watched.kill("SIGKILL"), 3000);
    const r = await runCli([
      "fuzz",
      "--pid",
      String(watched.pid),
      "--level",
      "stanza",
      "--duration",
      "10m",
      "--seed",
      "1",
      "--out",
      dir,
      "--json",
      json,
      "--quiet",
    ]);
    expect(r.code, r.stderr).to.equal(1);
    const s = summaryOf(json);
    expect(s.stopped).to.equal(`process ${watched.pid} is gone`);
    expect(s.cases).to.be.above(0);
    const f = s.findings.find((x) => x.oracle === "process");
    expect(f?.message).to.match(new RegExp(`process ${watched.pid} is gone`));
    expect(existsSync(f?.file ?? "")).to.equal(true);
  }).timeout(300_000);

  it("watchPid: memory that keeps growing is a problem", async () => {
    const grower = child("const k = []; setInterval(() => k.push(Buffer.alloc(16e6, 1)), 50)");
    try {
      const m = await watchFor(grower.pid!, 8000, { maxGrowthKb: 64 * 1024 });
      expect(m).to.match(/grew from \d+ kB to \d+ kB/);
    } finally {
      grower.kill("SIGKILL");
    }
  });

  it("watchPid: a CPU at full load while no case finishes is a problem", async () => {
    const spinner = child("for (;;) {}");
    try {
      const m = await watchFor(spinner.pid!, 15_000, { stuckMs: 1000 });
      expect(m).to.match(/has kept a CPU busy \(\d+% of a core\) for \d+ ms while no case finished/);
    } finally {
      spinner.kill("SIGKILL");
    }
  });

  it("watchPid: a quiet process is no problem", async () => {
    const quiet = child("setInterval(() => {}, 1000)");
    try {
      expect(await watchFor(quiet.pid!, 2500, { maxGrowthKb: 64 * 1024, stuckMs: 1000 })).to.equal(undefined);
    } finally {
      quiet.kill("SIGKILL");
    }
  });
});

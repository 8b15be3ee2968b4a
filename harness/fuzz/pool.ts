// --workers N: independent fuzzer processes, each with its own seed (and, for the embedded target,
// its own server), their findings merged into one --out directory and one summary.
import { spawn } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { packagePath } from "../package-root.ts";
import { addPerClass, classReport } from "./class-summary.ts";
import { findingKey } from "./finding.ts";
import type { FuzzSummary } from "./summary.ts";
import { LEVELS, type Level } from "./types.ts";

export interface WorkerPlan {
  /** The CLI arguments of a worker, given its index and seed, its own out dir and summary file. */
  args(index: number, seed: number, out: string, json: string): string[];
  workers: number;
  seed: number;
  out: string;
  signal: AbortSignal;
}

const CLI = packagePath("bin/xmppspec.mjs");

/** Distinct seeds, spread so the workers' chunks never meet. */
export const workerSeed = (seed: number, i: number) => (seed + i * 1_000_003) | 0;

export async function runWorkers(p: WorkerPlan): Promise<{ summaries: FuzzSummary[]; errors: string[] }> {
  const summaries: FuzzSummary[] = [];
  const errors: string[] = [];
  await Promise.all(
    Array.from({ length: p.workers }, (_, i) => {
      const dir = join(p.out, `worker-${i}`);
      const json = join(dir, "summary.json");
      mkdirSync(dir, { recursive: true });
      const child = spawn(process.execPath, [CLI, ...p.args(i, workerSeed(p.seed, i), dir, json)], {
        stdio: ["ignore", "ignore", "pipe"],
      });
      let stderr = "";
      child.stderr.on("data", (d: Buffer) => {
        stderr = (stderr + d.toString()).slice(-2000);
      });
      const onAbort = () => child.kill("SIGTERM");
      p.signal.addEventListener("abort", onAbort);
      return new Promise<void>((resolve) => {
        child.on("close", (code) => {
          p.signal.removeEventListener("abort", onAbort);
          if (existsSync(json)) summaries.push(JSON.parse(readFileSync(json, "utf8")) as FuzzSummary);
          else
            errors.push(
              `worker ${i} wrote no summary (exit ${code}): ${stderr.trim().split("\n").pop() ?? ""}`,
            );
          resolve();
        });
      });
    }),
  );
  return { summaries, errors };
}

/** One summary from the workers': counts added, findings (one per level and oracle) copied up. */
export function mergeSummaries(
  parts: FuzzSummary[],
  out: string,
  base: Omit<FuzzSummary, "cases" | "casesPerSecond" | "perLevel" | "perOracle" | "classes" | "findings">,
): FuzzSummary {
  const perLevel = Object.fromEntries(LEVELS.map((l) => [l, 0])) as FuzzSummary["perLevel"];
  const perOracle: FuzzSummary["perOracle"] = {};
  const findings: FuzzSummary["findings"] = [];
  const perClass: Partial<Record<Level, Record<string, number>>> = {};
  const seen = new Set<string>();
  let cases = 0;
  for (const s of parts) {
    cases += s.cases;
    for (const l of LEVELS) perLevel[l] += s.perLevel[l] ?? 0;
    for (const [k, v] of Object.entries(s.perOracle))
      perOracle[k as keyof typeof perOracle] = (perOracle[k as keyof typeof perOracle] ?? 0) + (v ?? 0);
    for (const l of LEVELS) addPerClass((perClass[l] ??= {}), s.classes?.[l]?.perClass);
    for (const f of s.findings) {
      const key = findingKey(f);
      if (seen.has(key)) {
        const kept = findings.find((x) => findingKey(x) === key);
        if (kept) kept.repeats += f.repeats + 1;
        continue;
      }
      seen.add(key);
      let file = f.file;
      if (file && existsSync(file)) {
        const dest = join(out, file.split("/").pop() ?? "finding.json");
        copyFileSync(file, dest);
        file = dest;
      }
      findings.push({ ...f, file });
    }
  }
  const partial = base.partial || parts.some((s) => s.partial);
  const stopped = parts.map((s) => s.stopped).filter(Boolean);
  return {
    ...base,
    partial,
    ...(stopped.length ? { stopped: [...new Set(stopped)].join("; ") } : {}),
    cases,
    casesPerSecond: base.durationMs > 0 ? Math.round((cases * 1000) / base.durationMs) : 0,
    perLevel,
    perOracle,
    classes: classReport(perClass, base.levels),
    findings,
  };
}

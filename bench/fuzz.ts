// Fuzz throughput beside its raw ceiling: fuzz cases per second against a target, and bare ping
// round trips per second over the same number of connections, in the same run; and the fuzzer's
// memory along a long campaign (it should stay flat).
import { performance } from "node:perf_hooks";
import { runCampaign } from "../harness/fuzz/campaign.ts";
import { openRig } from "../harness/fuzz/setup.ts";
import type { Level } from "../harness/fuzz/types.ts";
import type { TargetArgs } from "../harness/runner/target-config.ts";

export interface FuzzBench {
  levels: Level[];
  casesPerSecond: number;
  pingsPerSecond: number;
  ratio: number;
  cases: number;
  findings: number;
  /** Heap used (MB) after each tenth of the campaign. */
  heapMB: number[];
  rssMB: number;
}

/** Ping round trips per second, one loop per connection, all connections at once, for `ms`. */
async function pingCeiling(sessions: { barrier(): Promise<unknown> }[], ms: number): Promise<number> {
  let n = 0;
  const end = performance.now() + ms;
  const t = performance.now();
  await Promise.all(
    sessions.map(async (s) => {
      while (performance.now() < end) {
        await s.barrier();
        n += 1;
      }
    }),
  );
  return n / ((performance.now() - t) / 1000);
}

export async function benchFuzz(
  args: Partial<TargetArgs>,
  cases: number,
  levels: Level[] = ["stanza"],
  chunk = 1000,
): Promise<FuzzBench> {
  const opened = await openRig({ tls: "optional", insecure: false, account: [], fault: [], ...args }, 5000);
  try {
    const { alice, bob, eve } = await opened.rig.getParties();
    const heapMB: number[] = [];
    const step = Math.max(1, Math.floor(cases / 10));
    let next = step;
    const t = performance.now();
    const stats = await runCampaign({
      rig: opened.rig,
      levels,
      seed: 42,
      runs: cases,
      chunk,
      target: { name: opened.rig.target.name, url: opened.url },
      onCase(s) {
        // a batch books several cases at once: sample at each tenth crossed
        if (s.cases < next) return;
        next += step;
        // live heap, not garbage awaiting collection (npm run bench passes --expose-gc)
        (globalThis as { gc?: () => void }).gc?.();
        heapMB.push(Math.round(process.memoryUsage().heapUsed / 1e6));
      },
    });
    const secs = (performance.now() - t) / 1000;
    const casesPerSecond = stats.cases / secs;
    // the same three connections the stanza cases use, measured right after them
    const parties = await opened.rig.getParties();
    const pingsPerSecond = await pingCeiling(
      [parties.alice ?? alice, parties.bob ?? bob, parties.eve ?? eve],
      3000,
    );
    return {
      levels,
      casesPerSecond,
      pingsPerSecond,
      ratio: casesPerSecond / pingsPerSecond,
      cases: stats.cases,
      findings: stats.findings.length,
      heapMB,
      rssMB: Math.round(process.memoryUsage().rss / 1e6),
    };
  } finally {
    await opened.close();
  }
}

/** A figure over several repetitions: one reading is not a figure on a shared machine. */
export interface Spread {
  median: number;
  min: number;
  max: number;
}

export function spread(xs: number[]): Spread {
  const s = [...xs].sort((a, b) => a - b);
  return {
    median: s[Math.floor(s.length / 2)] ?? Number.NaN,
    min: s[0] ?? Number.NaN,
    max: s[s.length - 1] ?? Number.NaN,
  };
}

export const showSpread = (s: Spread, digits: number) =>
  `${s.median.toFixed(digits)} (${s.min.toFixed(digits)}–${s.max.toFixed(digits)})`;

/** The same campaign `reps` times, each on a rig of its own (new connections, new parties). */
export async function repeatFuzz(
  args: Partial<TargetArgs>,
  reps: number,
  cases: number,
  levels: Level[],
  chunk?: number,
): Promise<FuzzBench[]> {
  const out: FuzzBench[] = [];
  for (let i = 0; i < reps; i++) out.push(await benchFuzz(args, cases, levels, chunk));
  return out;
}

/** What a campaign is aimed at: a share of the ping ceiling, or cases per second. */
export type Aim = { ratio: number } | { casesPerSecond: number };

/** Cases/s, the ping ceiling and their ratio, each as median (min–max) over the repetitions, on one row. */
export function ratioRow(name: string, runs: FuzzBench[], aim: Aim): [string, string] {
  const b = runs[0];
  const findings = runs.reduce((n, r) => n + r.findings, 0);
  const rate = showSpread(spread(runs.map((r) => r.casesPerSecond)), 1);
  const ping = showSpread(spread(runs.map((r) => r.pingsPerSecond)), 0);
  const ratio = showSpread(spread(runs.map((r) => r.ratio)), 3);
  const goal = "ratio" in aim ? `ratio >= ${aim.ratio}` : `>= ${aim.casesPerSecond} cases/s`;
  return [
    `fuzz vs ${name}, ${b.levels.join("+")}: ${b.cases} cases x ${runs.length} runs, ${findings} findings (aim ${goal})`,
    `${rate} cases/s; ceiling ${ping} pings/s; ratio ${ratio}`,
  ];
}

/** The long campaign: its speed, findings, and the heap along it (it should stay flat). */
export function fuzzRows(name: string, b: FuzzBench): [string, string][] {
  return [
    [
      `fuzz cases/s vs ${name} (${b.levels.join("+")}, ${b.cases} cases, ${b.findings} findings)`,
      b.casesPerSecond.toFixed(0),
    ],
    [`fuzzer heap (MB) along the ${name} campaign, each tenth of ${b.cases} cases`, b.heapMB.join(" ")],
    [`fuzzer RSS after the ${name} campaign (MB)`, String(b.rssMB)],
  ];
}

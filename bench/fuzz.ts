// Fuzz throughput beside its raw ceiling: fuzz cases per second against a target, and bare ping
// round trips per second over the same number of connections, in the same run; and the fuzzer's
// memory along a long campaign (it should stay flat).
import { performance } from "node:perf_hooks";
import { runCampaign } from "../harness/fuzz/campaign.ts";
import { samplePid } from "../harness/fuzz/pid-watch.ts";
import { type OpenedRig, openRig } from "../harness/fuzz/setup.ts";
import type { Level } from "../harness/fuzz/types.ts";
import type { TargetArgs } from "../harness/runner/target-config.ts";
import { WorkerServer } from "../harness/server/worker-server.ts";

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
  /**
   * The target's work (ms) per fuzz case and per ping, measured over the same slices: a real server's CPU
   * (given its pid), the embedded server's thread time.
   */
  targetCpu?: { perCase: number; perPing: number; what: string };
}

/** Ping round trips in `ms`, one loop per connection, all connections at once. */
async function pingFor(
  sessions: { barrier(): Promise<unknown> }[],
  ms: number,
): Promise<{ n: number; ms: number }> {
  let n = 0;
  const t = performance.now();
  const end = t + ms;
  await Promise.all(
    sessions.map(async (s) => {
      while (performance.now() < end) {
        await s.barrier();
        n += 1;
      }
    }),
  );
  return { n, ms: performance.now() - t };
}

/** Ping time per slice: 3 s in all over the ten slices of a one-level campaign, as before slicing. */
const PING_SLICE_MS = 300;

/**
 * A campaign cut into slices, each followed by the heap (after a collection) and a short ping ceiling on the
 * same three connections: on a shared machine the load changes during a run, and both figures then see
 * the same load. One level: ten slices (a tenth each); several: slices of at least one turn per level.
 */
export async function benchFuzz(
  args: Partial<TargetArgs>,
  cases: number,
  levels: Level[] = ["stanza"],
  chunk = 1000,
  targetPid?: number,
): Promise<FuzzBench> {
  const opened = await openRig({ tls: "optional", insecure: false, account: [], fault: [], ...args }, 5000);
  const meter = targetMeter(opened, targetPid);
  const cpu = () => meter?.ms() ?? 0;
  try {
    const slices = levels.length === 1 ? 10 : Math.max(1, Math.floor(cases / (levels.length * chunk)));
    const heapMB: number[] = [];
    let done = 0;
    let findings = 0;
    let fuzzMs = 0;
    let pings = 0;
    let pingMs = 0;
    let fuzzCpu = 0;
    let pingCpu = 0;
    for (let i = 0; i < slices && done < cases; i++) {
      const t = performance.now();
      const c = cpu();
      const stats = await runCampaign({
        rig: opened.rig,
        levels,
        seed: 42 + i,
        runs: Math.round((cases * (i + 1)) / slices) - done,
        chunk,
        // the bench measures fuzzing: each slice is a campaign of its own and would shrink its findings again
        shrinkMs: 0,
        target: { name: opened.rig.target.name, url: opened.url },
      });
      fuzzMs += performance.now() - t;
      fuzzCpu += cpu() - c;
      done += stats.cases;
      findings += stats.findings.length;
      // live heap, not garbage awaiting collection (npm run bench passes --expose-gc)
      (globalThis as { gc?: () => void }).gc?.();
      heapMB.push(Math.round(process.memoryUsage().heapUsed / 1e6));
      const { alice, bob, eve } = await opened.rig.getParties();
      const pc = cpu();
      const p = await pingFor([alice, bob, eve], PING_SLICE_MS * (10 / slices));
      pingCpu += cpu() - pc;
      pings += p.n;
      pingMs += p.ms;
    }
    const casesPerSecond = done / (fuzzMs / 1000);
    const pingsPerSecond = pings / (pingMs / 1000);
    return {
      levels,
      casesPerSecond,
      pingsPerSecond,
      ratio: casesPerSecond / pingsPerSecond,
      cases: done,
      findings,
      heapMB,
      rssMB: Math.round(process.memoryUsage().rss / 1e6),
      targetCpu: meter && { perCase: fuzzCpu / done, perPing: pingCpu / pings, what: meter.what },
    };
  } finally {
    await opened.close();
  }
}

/** The target's work so far (ms): a real server's CPU from /proc (100 ticks a second), the embedded server's thread time. */
function targetMeter(opened: OpenedRig, pid?: number): { ms(): number; what: string } | undefined {
  if (pid !== undefined) return { ms: () => samplePid(pid).cpuTicks * 10, what: "CPU" };
  const server = opened.embedded();
  if (server instanceof WorkerServer) return { ms: () => server.busyMs(), what: "thread time" };
  return undefined;
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
  targetPid?: number,
): Promise<FuzzBench[]> {
  const out: FuzzBench[] = [];
  for (let i = 0; i < reps; i++) out.push(await benchFuzz(args, cases, levels, chunk, targetPid));
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
    `${rate} cases/s; ceiling ${ping} pings/s; ratio ${ratio}${targetBound(name, runs)}`,
  ];
}

/**
 * Where the target's own work bounds the ratio: a target (one thread: prosody, the reference server's worker)
 * spending c ms on a case does at most 1000/c cases a second, however fast the fuzzer, so the ratio is at most
 * that over the ping ceiling. A case costing as much as k pings allows about 1/k of the ceiling when the
 * pings kept the target busy, more when they did not (a session-level case is a model run of many stanzas).
 */
function targetBound(name: string, runs: FuzzBench[]): string {
  const measured = runs.flatMap((r) => (r.targetCpu ? [{ cpu: r.targetCpu, pings: r.pingsPerSecond }] : []));
  if (!measured.length) return "";
  const perCase = spread(measured.map((m) => m.cpu.perCase));
  const perPing = spread(measured.map((m) => m.cpu.perPing));
  const bound = spread(measured.map((m) => 1000 / m.cpu.perCase / m.pings));
  const what = measured[0].cpu.what;
  return `; ${name} ${what} ${perCase.median.toFixed(3)} ms a case, ${perPing.median.toFixed(3)} ms a ping: its bound on the ratio ${showSpread(bound, 3)}`;
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

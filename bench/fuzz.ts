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
      chunk: 1000,
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

export function fuzzRows(name: string, b: FuzzBench): [string, string][] {
  return [
    [
      `fuzz cases/s vs ${name} (${b.levels.join("+")}, ${b.cases} cases, ${b.findings} findings)`,
      b.casesPerSecond.toFixed(0),
    ],
    [`bare ping round trips/s vs ${name}, same 3 connections`, b.pingsPerSecond.toFixed(0)],
    [`fuzz / ping-ceiling ratio vs ${name}, ${b.levels.join("+")} (aim >= 0.5)`, b.ratio.toFixed(2)],
    [`fuzzer heap (MB) along the ${name} campaign, each tenth`, b.heapMB.join(" ")],
    [`fuzzer RSS after the ${name} campaign (MB)`, String(b.rssMB)],
  ];
}

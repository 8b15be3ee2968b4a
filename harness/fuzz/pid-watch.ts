// --pid: watch a local server process while fuzzing it. Death, memory that keeps growing, and a
// CPU stuck at full load while no case makes progress are findings of their own.
import { readFileSync } from "node:fs";

export interface PidSample {
  alive: boolean;
  rssKb: number;
  cpuTicks: number;
}

export function samplePid(pid: number): PidSample {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // fields after the ")" of the command name: state is 3rd, utime 14th, stime 15th
    const rest = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    if (rest[0] === "Z" || rest[0] === "X") return { alive: false, rssKb: 0, cpuTicks: 0 };
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const rss = /VmRSS:\s+(\d+)/.exec(status);
    return { alive: true, rssKb: rss ? Number(rss[1]) : 0, cpuTicks: Number(rest[11]) + Number(rest[12]) };
  } catch {
    return { alive: false, rssKb: 0, cpuTicks: 0 };
  }
}

export interface PidWatchOptions {
  pid: number;
  intervalMs?: number;
  /** Growth over the first sample that counts as a leak. */
  maxGrowthKb?: number;
  /** How long the CPU may stay at full load without a case finishing. */
  stuckMs?: number;
  /** Cases finished so far (progress). */
  progress(): number;
  onProblem(message: string): void;
}

/**
 * Share of one core, averaged over the stuck window, that counts as a CPU at full load: a spinning server
 * on a machine it shares with the fuzzer (and, in CI, with other tests) gets well under all of a core, and
 * an average, unlike a share every interval, does not start over at each interval the scheduler took.
 */
const BUSY_SHARE = 0.5;

interface Reading {
  at: number;
  cpuTicks: number;
  cases: number;
}

/** Start watching; returns a function that stops. */
export function watchPid(o: PidWatchOptions): () => void {
  const interval = o.intervalMs ?? 1000;
  const stuckMs = o.stuckMs ?? 10_000;
  const first = samplePid(o.pid);
  // the readings of the last stuckMs, and the one just before them
  const window: Reading[] = [{ at: Date.now(), cpuTicks: first.cpuTicks, cases: o.progress() }];
  let reported = false;
  const hz = 100; // USER_HZ on Linux
  const timer = setInterval(() => {
    if (reported) return;
    const now = samplePid(o.pid);
    const reading = { at: Date.now(), cpuTicks: now.cpuTicks, cases: o.progress() };
    if (!now.alive) {
      reported = true;
      o.onProblem(`process ${o.pid} is gone`);
      return;
    }
    if (now.rssKb - first.rssKb > (o.maxGrowthKb ?? 512 * 1024)) {
      reported = true;
      o.onProblem(`process ${o.pid} grew from ${first.rssKb} kB to ${now.rssKb} kB`);
      return;
    }
    // a finished case starts the window again
    if (reading.cases !== window[window.length - 1].cases) window.length = 0;
    window.push(reading);
    while (window.length > 2 && reading.at - window[1].at >= stuckMs) window.shift();
    const from = window[0];
    const span = reading.at - from.at;
    const share = (reading.cpuTicks - from.cpuTicks) / hz / (span / 1000);
    if (span >= stuckMs && share >= BUSY_SHARE) {
      reported = true;
      const pct = Math.round(share * 100);
      o.onProblem(
        `process ${o.pid} has kept a CPU busy (${pct}% of a core) for ${span} ms while no case finished`,
      );
    }
  }, interval);
  timer.unref();
  return () => clearInterval(timer);
}

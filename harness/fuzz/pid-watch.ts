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

/** Share of one core that counts as a CPU at full load. */
const BUSY_SHARE = 0.8;

/** Start watching; returns a function that stops. */
export function watchPid(o: PidWatchOptions): () => void {
  const interval = o.intervalMs ?? 1000;
  const first = samplePid(o.pid);
  let prev = first;
  let prevCases = o.progress();
  let busySince: number | undefined;
  let reported = false;
  const hz = 100; // USER_HZ on Linux
  const timer = setInterval(() => {
    if (reported) return;
    const now = samplePid(o.pid);
    const cases = o.progress();
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
    // "full load" leaves room for a busy machine sharing the core with the fuzzer itself
    const busy = (now.cpuTicks - prev.cpuTicks) / hz >= (interval / 1000) * BUSY_SHARE;
    if (busy && cases === prevCases) busySince ??= Date.now();
    else busySince = undefined;
    if (busySince !== undefined && Date.now() - busySince >= (o.stuckMs ?? 10_000)) {
      reported = true;
      o.onProblem(
        `process ${o.pid} has used a full CPU for ${o.stuckMs ?? 10_000} ms while no case finished`,
      );
    }
    prev = now;
    prevCases = cases;
  }, interval);
  timer.unref();
  return () => clearInterval(timer);
}

// `xmppspec fuzz`: a fuzz campaign against a target (default: the embedded reference server).
import { resolve } from "node:path";
import type { Argv } from "yargs";
import { type CampaignStats, newStats, runCampaign } from "../../harness/fuzz/campaign.ts";
import { type Finding, saveFinding } from "../../harness/fuzz/finding.ts";
import { watchPid } from "../../harness/fuzz/pid-watch.ts";
import { mergeSummaries, runWorkers } from "../../harness/fuzz/pool.ts";
import { Progress } from "../../harness/fuzz/progress.ts";
import { checkLoopback, openRig } from "../../harness/fuzz/setup.ts";
import { type FuzzSummary, summarize, summaryText, writeSummary } from "../../harness/fuzz/summary.ts";
import { LEVELS, type Level } from "../../harness/fuzz/types.ts";
import { ConfigError } from "../../harness/runner/target-config.ts";
import { waitForTarget } from "../../harness/runner/wait.ts";
import { type DifferentialArgs, differentialCommand, differentialOptions } from "./differential.ts";
import { parseDuration, type TargetArgs, targetOptions } from "./target-options.ts";
import { EXIT, UsageError } from "./usage-error.ts";

export type FuzzArgs = TargetArgs &
  DifferentialArgs & {
    runs?: number;
    duration?: string;
    seed?: number;
    level: string[];
    workers: number;
    pid?: number;
    out: string;
    json?: string;
    "allow-remote": boolean;
    timeout: number;
    quiet: boolean;
  };

export function fuzzOptions<T>(y: Argv<T>) {
  return differentialOptions(targetOptions(y))
    .option("runs", { type: "number", describe: "fuzz cases to run in all (default 1000 unless --duration)" })
    .option("duration", { type: "string", describe: "how long to fuzz: 60s, 5m, 1h" })
    .option("seed", { type: "number", describe: "fast-check seed (default: random, printed)" })
    .option("level", {
      type: "string",
      array: true,
      default: ["all"],
      describe: "xml, address, stanza, session or all; repeatable",
    })
    .option("workers", {
      type: "number",
      default: 1,
      describe: "independent fuzzer processes, distinct seeds, findings merged",
    })
    .option("pid", {
      type: "number",
      describe: "watch this local server process: death, memory growth, CPU stuck",
    })
    .option("out", { type: "string", default: "out/fuzz", describe: "directory for finding files" })
    .option("json", { type: "string", describe: "write the summary to this file" })
    .option("allow-remote", {
      type: "boolean",
      default: false,
      describe: "allow a target that is not on loopback",
    })
    .option("timeout", { type: "number", default: 3000, describe: "ms to wait for one expected answer" })
    .option("quiet", { type: "boolean", default: false, describe: "no live progress line" });
}

export function parseLevels(names: string[]): Level[] {
  const out = new Set<Level>();
  for (const n of names.flatMap((x) => x.split(","))) {
    if (n === "all") for (const l of LEVELS) out.add(l);
    else if ((LEVELS as readonly string[]).includes(n)) out.add(n as Level);
    else throw new UsageError(`unknown level '${n}' (have: ${LEVELS.join(", ")}, all)`);
  }
  return [...out];
}

function validate(a: FuzzArgs): {
  levels: Level[];
  durationMs?: number;
  waitMs?: number;
  runs?: number;
  seed: number;
} {
  if (a.runs !== undefined && (!Number.isInteger(a.runs) || a.runs < 1))
    throw new UsageError("--runs wants a whole number ≥ 1");
  if (!Number.isInteger(a.workers) || a.workers < 1)
    throw new UsageError("--workers wants a whole number ≥ 1");
  if (a.pid !== undefined && (!Number.isInteger(a.pid) || a.pid < 1))
    throw new UsageError("--pid wants a process id");
  if (a.seed !== undefined && !Number.isInteger(a.seed)) throw new UsageError("--seed wants a whole number");
  if (!(a.timeout > 0)) throw new UsageError("--timeout wants positive ms");
  if (a.report !== undefined && a.differential === undefined)
    throw new UsageError("--report goes with --differential");
  const durationMs = a.duration !== undefined ? parseDuration(a.duration) : undefined;
  const waitMs = a.wait !== undefined ? parseDuration(a.wait, "wait") : undefined;
  const runs = a.runs ?? (durationMs === undefined ? 1000 : undefined);
  try {
    // --differential checks each of its targets instead
    if (a.differential === undefined) checkLoopback(a, a["allow-remote"]);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  return {
    levels: parseLevels(a.level),
    durationMs,
    waitMs,
    runs,
    seed: a.seed ?? (Math.random() * 2 ** 31) | 0,
  };
}

export async function fuzzCommand(a: FuzzArgs): Promise<number> {
  const v = validate(a);
  const out = resolve(a.out);
  const abort = new AbortController();
  let interrupted = false;
  const onSignal = (sig: NodeJS.Signals) => {
    if (interrupted) process.exit(130);
    interrupted = true;
    process.stderr.write(
      `xmppspec: ${sig}: stopping the campaign, writing the findings and summary so far\n`,
    );
    abort.abort();
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  try {
    if (a.differential !== undefined) return await differentialCommand(a, v, abort.signal);
    const summary =
      a.workers > 1 ? await pooled(a, v, out, abort.signal) : await single(a, v, out, abort.signal);
    summary.partial ||= interrupted;
    if (a.json) writeSummary(a.json, summary);
    process.stdout.write(`${summaryText(summary)}\n`);
    return summary.findings.length > 0 || summary.partial ? EXIT.failed : EXIT.ok;
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
    leaveSoon();
  }
}

/**
 * A hostile target can leave sockets half-closed that keep the event loop alive after the summary is
 * out; the command's work is done, so the process leaves shortly after (an unref'd timer: it only
 * fires when something else still holds the loop).
 */
export function leaveSoon(): void {
  setTimeout(() => process.exit(process.exitCode ?? 0), 1500).unref();
}

type Plan = ReturnType<typeof validate>;

async function single(a: FuzzArgs, v: Plan, out: string, signal: AbortSignal): Promise<FuzzSummary> {
  let opened: Awaited<ReturnType<typeof openRig>>;
  try {
    opened = await openRig(a, a.timeout);
  } catch (err) {
    throw err instanceof ConfigError ? new UsageError(err.message) : err;
  }
  // a target that never answers is then reported by the campaign's own liveness check
  if (v.waitMs !== undefined)
    await waitForTarget(opened.rig.target, { waitMs: v.waitMs, timeoutMs: a.timeout, signal });
  const target = {
    name: opened.rig.target.name,
    url: opened.url,
    ...(a.fault.length ? { faults: a.fault } : {}),
  };
  process.stderr.write(
    `xmppspec: fuzzing ${opened.url} with seed ${v.seed} (levels ${v.levels.join(", ")})\n`,
  );
  const files = new Map<unknown, string>();
  const progress = new Progress();
  const local = new AbortController();
  signal.addEventListener("abort", () => local.abort());
  let stats: CampaignStats | undefined;
  let pidProblem: string | undefined;
  const stopWatch = a.pid
    ? watchPid({
        pid: a.pid,
        progress: () => stats?.cases ?? 0,
        onProblem: (m) => {
          pidProblem = m;
          local.abort();
        },
      })
    : () => {};
  // A target that swallows input without ever answering must not hold the campaign forever.
  const stallMs = Math.max(30_000, a.timeout * 20);
  let lastCases = -1;
  let lastChange = Date.now();
  const stall = new Promise<string>((resolveStall) => {
    const t = setInterval(() => {
      const n = stats?.cases ?? 0;
      if (n !== lastCases) {
        lastCases = n;
        lastChange = Date.now();
      } else if (Date.now() - lastChange > stallMs) {
        clearInterval(t);
        resolveStall(`no case finished for ${stallMs} ms; the target seems stuck`);
      }
    }, 1000);
    t.unref();
    local.signal.addEventListener("abort", () => clearInterval(t));
  });
  const campaign = (async () => {
    const dead = await opened.rig.alive();
    if (dead) {
      const s = newStats();
      s.stopped = `the target is not usable: ${dead}`;
      stats = s;
      return s;
    }
    return runCampaign({
      rig: opened.rig,
      levels: v.levels,
      seed: v.seed,
      runs: v.runs,
      durationMs: v.durationMs,
      // every level gets turns early on, however small the budget
      chunk: v.runs !== undefined ? Math.max(5, Math.min(100, Math.ceil(v.runs / v.levels.length / 4))) : 50,
      signal: local.signal,
      target,
      onCase(s) {
        stats = s;
        if (!a.quiet) progress.update(s);
      },
      onFinding(f: Finding) {
        files.set(f, saveFinding(out, f));
      },
    });
  })();
  const result = await Promise.race([campaign, stall]);
  stopWatch();
  let final: CampaignStats;
  if (typeof result === "string") {
    local.abort();
    final = stats ?? newStats();
    final.stopped = result;
  } else {
    final = result;
    await opened.close().catch(() => {});
  }
  if (!a.quiet) progress.update(final, true);
  progress.done();
  if (pidProblem) {
    const f: Finding = {
      schema: 1,
      level: final.last?.level ?? v.levels[0],
      oracle: "process",
      message: pidProblem,
      seed: v.seed,
      path: null,
      input: final.last?.input ?? null,
      shrunk: false,
      target,
      foundAt: new Date().toISOString(),
      repeats: 0,
      transcript: opened.rig.transcript.entries,
    };
    final.findings.push(f);
    final.perOracle.process = 1;
    // the watcher's abort is what "interrupted" the campaign
    if (final.stopped === undefined || final.stopped === "interrupted") final.stopped = pidProblem;
    files.set(f, saveFinding(out, f));
  }
  return summarize(final, {
    target,
    seed: v.seed,
    levels: v.levels,
    workers: 1,
    files,
    partial: signal.aborted,
  });
}

async function pooled(a: FuzzArgs, v: Plan, out: string, signal: AbortSignal): Promise<FuzzSummary> {
  const started = Date.now();
  const pass = (name: string, value: unknown) => (value === undefined ? [] : [`--${name}`, String(value)]);
  const common = [
    ...pass("target", a.target),
    ...pass("domain", a.domain),
    ...pass("second-domain", a["second-domain"]),
    ...pass("tls", a.tls),
    ...pass("tls-ca", a["tls-ca"]),
    ...(a.insecure ? ["--insecure"] : []),
    ...(a["allow-remote"] ? ["--allow-remote"] : []),
    ...a.account.flatMap((x) => ["--account", x]),
    ...pass("provision", a.provision),
    ...pass("admin-account", a["admin-account"]),
    ...pass("provision-command", a["provision-command"]),
    ...pass("deprovision-command", a["deprovision-command"]),
    ...a.fault.flatMap((x) => ["--fault", x]),
    ...v.levels.flatMap((l) => ["--level", l]),
    ...pass("timeout", a.timeout),
    ...pass("duration", a.duration),
    ...pass("wait", a.wait),
    ...pass("pid", a.pid),
  ];
  const { summaries, errors } = await runWorkers({
    workers: a.workers,
    seed: v.seed,
    out,
    signal,
    args: (_i, seed, dir, json) => [
      "fuzz",
      ...common,
      ...(v.runs !== undefined ? ["--runs", String(Math.ceil(v.runs / a.workers))] : []),
      "--seed",
      String(seed),
      "--out",
      dir,
      "--json",
      json,
      "--quiet",
    ],
  });
  for (const e of errors) process.stderr.write(`xmppspec: ${e}\n`);
  const merged = mergeSummaries(summaries, out, {
    schema: 1,
    tool: { name: "xmppspec", version: "0.1.0" },
    target: summaries[0]?.target ?? { name: a.target ?? "embedded", url: a.target ?? "embedded" },
    seed: v.seed,
    levels: v.levels,
    workers: a.workers,
    startedAt: new Date(started).toISOString(),
    durationMs: Date.now() - started,
    partial: signal.aborted || errors.length > 0,
  });
  return merged;
}

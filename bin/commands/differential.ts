// `xmppspec fuzz --differential A,B[,C...]` and `xmppspec replay FILE` on a disagreement: the same cases
// on every named target at once, their disagreements as findings, a summary, a report.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import type { Argv } from "yargs";
import {
  type DiffStats,
  type DiffTarget,
  newDiffStats,
  runDifferential,
} from "../../harness/fuzz/differential/campaign.ts";
import { type DisagreementFinding, saveDisagreement } from "../../harness/fuzz/differential/finding.ts";
import { htmlReport, markdownReport } from "../../harness/fuzz/differential/report.ts";
import { diffSummary, diffSummaryText } from "../../harness/fuzz/differential/summary.ts";
import { Progress } from "../../harness/fuzz/progress.ts";
import { checkLoopback, type OpenedRig, openRig } from "../../harness/fuzz/setup.ts";
import { writeSummary } from "../../harness/fuzz/summary.ts";
import type { Level } from "../../harness/fuzz/types.ts";
import { ConfigError } from "../../harness/runner/target-config.ts";
import { loadConfig } from "../config/load.ts";
import { differentialTargets, type NamedTarget } from "./differential-targets.ts";
import type { FuzzArgs } from "./fuzz.ts";
import { EXIT, UsageError } from "./usage-error.ts";

export type DifferentialArgs = { differential?: string; config?: string; report?: string };

export function differentialOptions<T>(y: Argv<T>) {
  return y
    .option("differential", {
      type: "string",
      describe:
        "A,B[,C...]: the same cases on every named target, their disagreements as findings (`embedded`, or names of the config's targets)",
    })
    .option("config", {
      type: "string",
      describe: "config file whose `targets` --differential names (default: xmppspec.config.json here)",
    })
    .option("report", {
      type: "string",
      describe: "with --differential: a report of the disagreements (.md or .html)",
    });
}

/** Flags that set one target: with --differential each target's settings come from the config instead. */
const SINGLE_TARGET_FLAGS = [
  "target",
  "domain",
  "tls-ca",
  "fault",
  "account",
  "provision",
  "direct-tls",
  "websocket",
];

/** The named targets, each checked for loopback; a mistake is one UsageError. */
export async function namedTargets(
  list: string,
  a: { config?: string; "allow-remote": boolean },
  argv: readonly string[] = process.argv.slice(2),
): Promise<NamedTarget[]> {
  const given = SINGLE_TARGET_FLAGS.find((f) => argv.some((t) => t === `--${f}` || t.startsWith(`--${f}=`)));
  if (given)
    throw new UsageError(
      `--${given} sets one target; with --differential give each target's settings in the config's targets`,
    );
  const targets = differentialTargets(list, await loadConfig(a.config, process.cwd()));
  for (const t of targets) {
    try {
      checkLoopback(t.args, a["allow-remote"]);
    } catch (err) {
      throw new UsageError(`${t.name}: ${(err as Error).message}`);
    }
  }
  return targets;
}

/** Open every target (concurrently); one that fails closes the others. */
export async function openTargets(
  targets: NamedTarget[],
  timeoutMs: number,
): Promise<{ opened: OpenedRig[]; diff: DiffTarget[] }> {
  const settled = await Promise.allSettled(targets.map((t) => openRig(t.args, timeoutMs)));
  const opened = settled.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
  const failed = settled.findIndex((r) => r.status === "rejected");
  if (failed >= 0) {
    await Promise.all(opened.map((o) => o.close().catch(() => {})));
    const reason = (settled[failed] as PromiseRejectedResult).reason as Error;
    const message = `${targets[failed].name}: ${reason.message}`;
    throw reason instanceof ConfigError ? new UsageError(message) : new Error(message);
  }
  const diff = targets.map((t, i) => ({
    info: { name: t.name, url: opened[i].url, ...(t.args.fault.length ? { faults: t.args.fault } : {}) },
    rig: opened[i].rig,
  }));
  return { opened, diff };
}

/** Every target answers a fresh stream, or the name of the first that does not and why. */
export async function unusable(diff: DiffTarget[]): Promise<string | undefined> {
  const dead = await Promise.all(diff.map(async (t) => [t.info.name, await t.rig.alive()] as const));
  const bad = dead.find(([, why]) => why !== undefined);
  return bad ? `${bad[0]} is not usable: ${bad[1]}` : undefined;
}

function writeReport(file: string, text: string): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
}

export async function differentialCommand(
  a: FuzzArgs & DifferentialArgs,
  plan: { levels: Level[]; seed: number; runs?: number; durationMs?: number },
  signal: AbortSignal,
): Promise<number> {
  const list = a.differential ?? "";
  if (a.workers > 1) throw new UsageError("--workers does not combine with --differential");
  if (a.report && !/\.(md|html?)$/i.test(a.report))
    throw new UsageError("--report wants a .md or .html file");
  const targets = await namedTargets(list, a);
  const { opened, diff } = await openTargets(targets, a.timeout);
  const out = resolve(a.out);
  const files = new Map<unknown, string>();
  const { levels } = plan;
  const progress = new Progress();
  let stats: DiffStats;
  process.stderr.write(
    `xmppspec: differential fuzzing of ${diff.map((t) => `${t.info.name} (${t.info.url})`).join(", ")} with seed ${plan.seed} (levels ${levels.join(", ")})\n`,
  );
  try {
    const bad = await unusable(diff);
    if (bad) {
      stats = newDiffStats();
      stats.stopped = bad;
    } else
      stats = await runDifferential({
        targets: diff,
        levels,
        seed: plan.seed,
        runs: plan.runs,
        durationMs: plan.durationMs,
        chunk:
          plan.runs !== undefined ? Math.max(5, Math.min(100, Math.ceil(plan.runs / levels.length / 4))) : 50,
        signal,
        onCase: (s) => {
          if (!a.quiet) progress.update(s);
        },
        onFinding: (f: DisagreementFinding) => {
          files.set(f, saveDisagreement(out, f));
        },
      });
  } finally {
    await Promise.all(opened.map((o) => o.close().catch(() => {})));
  }
  progress.done();
  const summary = diffSummary(stats, {
    targets: diff.map((t) => t.info),
    seed: plan.seed,
    levels,
    files,
    partial: signal.aborted,
  });
  if (a.json) writeSummary(a.json, summary);
  if (a.report)
    writeReport(
      a.report,
      /\.html?$/i.test(a.report)
        ? htmlReport(summary, stats.findings)
        : markdownReport(summary, stats.findings),
    );
  process.stdout.write(`${diffSummaryText(summary)}\n`);
  return summary.disagreements.length > 0 || summary.partial ? EXIT.failed : EXIT.ok;
}

// `xmppspec run`: select cases, probe the target, run, print, write results, exit by verdicts.
import type { Argv } from "yargs";
import type { RunResults } from "../../harness/results.ts";
import { caseLine, summaryTable } from "../../harness/runner/console.ts";
import {
  type RunOutcome,
  type RunRequest,
  runRequest,
  type SelectRequest,
} from "../../harness/runner/plan.ts";
import { DEFAULT_PARALLEL } from "../../harness/runner/run.ts";
import { writeResults } from "../../reports/json.ts";
import { profileText } from "../../reports/profiles.ts";
import type { ReportOutputs } from "../../reports/write.ts";
import { loadConfig } from "../config/load.ts";
import { givenFlags, mergeConfig } from "../config/merge.ts";
import { judgeByExpectations } from "./expect.ts";
import { reportOutputOptions, writeReportsOrFail } from "./report.ts";
import { parseDuration, type TargetArgs, targetOptions } from "./target-options.ts";
import { asUsageError, EXIT, UsageError } from "./usage-error.ts";

export interface SelectArgs {
  suite: string[];
  case: string[];
  grep?: string;
  shard?: string;
}

export const selectRequestOf = (a: SelectArgs): SelectRequest => ({
  suites: a.suite,
  cases: a.case,
  grep: a.grep,
  shard: a.shard,
});

export function selectOptions<T>(y: Argv<T>) {
  return y
    .option("suite", {
      type: "string",
      array: true,
      default: [] as string[],
      describe: "rfc6120, rfc6121, rfc7622",
    })
    .option("case", {
      type: "string",
      array: true,
      default: [] as string[],
      describe: "case id glob, e.g. 'rfc6120/4.*/**'",
    })
    .option("grep", { type: "string", describe: "substring or /regex/ over case ids and titles" })
    .option("shard", { type: "string", describe: "i/n: run the i-th of n deterministic slices" });
}

export type RunArgs = TargetArgs &
  SelectArgs &
  ReportOutputs & {
    expect?: string;
    parallel: number;
    timeout: number;
    "case-timeout": number;
    json?: string;
    strict: boolean;
    "fail-on-skip": boolean;
    quiet: boolean;
    config?: string;
    "keep-accounts": boolean;
    profile: string[];
  };

export function runOptions<T>(y: Argv<T>) {
  return reportOutputOptions(selectOptions(targetOptions(y)))
    .option("parallel", {
      type: "number",
      default: DEFAULT_PARALLEL,
      describe: "cases busy at once (one still waiting after 1 s lets the next start; at most 4× in flight)",
    })
    .option("timeout", { type: "number", default: 5000, describe: "ms to wait for one expected answer" })
    .option("case-timeout", { type: "number", default: 30000, describe: "ms a whole case may take" })
    .option("json", { type: "string", describe: "write the results to this file" })
    .option("strict", { type: "boolean", default: false, describe: "WARN verdicts fail the run too" })
    .option("fail-on-skip", {
      type: "boolean",
      default: false,
      describe: "SKIP verdicts fail the run too (exit 1): the target claims what the run selects",
    })
    .option("config", {
      type: "string",
      describe: "config file (default: xmppspec.config.json, .mjs or .js here); flags override it",
    })
    .option("quiet", { type: "boolean", default: false, describe: "no line per case" })
    .option("profile", {
      type: "string",
      array: true,
      default: [] as string[],
      describe:
        "judge a compliance profile of XEP-0479 (cs2023-core-server, cs2023-im-advanced-server, ...): runs the cases of the specifications it requires and ends with its table",
    })
    .option("keep-accounts", {
      type: "boolean",
      default: false,
      describe: "leave in-band registered accounts in place (a target reset before every run)",
    })
    .option("expect", {
      type: "string",
      describe:
        "expectations TSV (case id, verdict, reason, link): exit 1 only on a new failure or an unexpected pass",
    });
}

/** The one request the runner gets from this command's flags. */
function requestOf(a: RunArgs): RunRequest {
  return {
    target: a,
    select: selectRequestOf(a),
    profiles: a.profile,
    expect: a.expect,
    parallel: a.parallel,
    expectTimeoutMs: a.timeout,
    caseTimeoutMs: a["case-timeout"],
    keepAccounts: a["keep-accounts"],
    waitMs: a.wait === undefined ? undefined : parseDuration(a.wait, "wait"),
  };
}

/** The flags over the config file (`--config FILE`, else the one in the current directory, if any). */
export async function withConfig(a: RunArgs, argv: readonly string[], cwd = process.cwd()): Promise<RunArgs> {
  const loaded = await loadConfig(a.config, cwd);
  return loaded ? mergeConfig(a, givenFlags(argv), loaded) : a;
}

/** The verdicts that fail a run judged without an expectations file. */
function failing(s: RunResults["summary"], a: RunArgs): number {
  return s.FAIL + s.ERROR + (a.strict ? s.WARN : 0) + (a["fail-on-skip"] ? s.SKIP : 0);
}

export async function runCommand(flags: RunArgs, argv = process.argv.slice(2)): Promise<number> {
  const a = await withConfig(flags, argv);
  if (!Number.isInteger(a.parallel) || a.parallel < 1)
    throw new UsageError("--parallel wants a whole number ≥ 1");
  if (!(a.timeout > 0) || !(a["case-timeout"] > 0))
    throw new UsageError("--timeout and --case-timeout want positive ms");
  const colour = process.stdout.isTTY === true;
  const abort = new AbortController();
  let progress: (() => RunResults) | undefined;

  const onSignal = (sig: NodeJS.Signals) => {
    if (abort.signal.aborted) {
      // a second signal: no more waiting on running cases, but the results so far are still kept
      if (a.json && progress) writeResults(a.json, progress());
      process.stderr.write(`xmppspec: ${sig} again: partial results written, stopping now\n`);
      process.exit(130);
    }
    process.stderr.write(`xmppspec: ${sig}: finishing the running cases, then writing partial results\n`);
    abort.abort();
  };
  // a crash outside any case's own promise (a throw in some callback) must not lose the results gathered
  let crashed = false;
  const onCrash = (err: unknown) => {
    if (crashed) return;
    crashed = true;
    process.stderr.write(
      `xmppspec: internal error: ${(err as Error)?.message ?? String(err)}; finishing the running cases, then writing partial results\n`,
    );
    abort.abort();
  };

  let outcome: RunOutcome;
  try {
    outcome = await runRequest({
      ...requestOf(a),
      signal: abort.signal,
      onNote: (line) => process.stderr.write(`${line}\n`),
      onStarted(p) {
        progress = p;
        process.on("SIGINT", onSignal);
        process.on("SIGTERM", onSignal);
        process.on("uncaughtException", onCrash);
      },
      onResult(r, done, total) {
        if (!a.quiet) process.stdout.write(`${caseLine(r, done, total, colour)}\n`);
      },
    });
  } catch (err) {
    throw asUsageError(err);
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
    process.off("uncaughtException", onCrash);
  }
  const { doc: out, expected } = outcome;
  const interrupted = out.partial;
  if (a.json) writeResults(a.json, out);
  process.stdout.write(`\n${summaryTable(out.results)}\n`);
  const s = out.summary;
  process.stdout.write(
    `\n${s.total} cases: ${s.PASS} passed, ${s.FAIL} failed, ${s.WARN} warned, ${s.SKIP} skipped, ${s.ERROR} errors in ${(out.durationMs / 1000).toFixed(1)} s${interrupted ? " (interrupted: partial)" : ""}\n`,
  );
  for (const p of out.profiles ?? []) process.stdout.write(`\n${profileText(p)}\n`);
  for (const w of writeReportsOrFail([{ file: a.json ?? "this run", doc: out }], a))
    process.stdout.write(`${w}\n`);
  const skipsFail = a["fail-on-skip"] && s.SKIP > 0;
  if (skipsFail) process.stdout.write(`--fail-on-skip: ${s.SKIP} cases skipped, so the run fails\n`);
  if (expected) {
    const judged = judgeByExpectations(out.results, expected);
    process.stdout.write(`${judged.lines.join("\n")}\n`);
    return interrupted || skipsFail ? EXIT.failed : judged.code;
  }
  return failing(s, a) > 0 || interrupted ? EXIT.failed : EXIT.ok;
}

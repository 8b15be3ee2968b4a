// `xmppspec run`: select cases, probe the target, run, print, write results, exit by verdicts.
import type { Argv } from "yargs";
import { type CaseResult, type RunResults, runResults } from "../../harness/results.ts";
import type { Case } from "../../harness/runner/case.ts";
import { caseLine, summaryTable } from "../../harness/runner/console.ts";
import { allCases } from "../../harness/runner/registry.ts";
import { DEFAULT_PARALLEL, runCases } from "../../harness/runner/run.ts";
import { parseShard, selectCases } from "../../harness/runner/select.ts";
import { probeTarget } from "../../harness/runner/target.ts";
import { writeResults } from "../../reports/json.ts";
import type { ReportOutputs } from "../../reports/write.ts";
import { judgeByExpectations, loadExpectations } from "./expect.ts";
import { reportOutputOptions, writeReportsOrFail } from "./report.ts";
import { resolveTargetArgs, type TargetArgs, targetOptions } from "./target-options.ts";
import { EXIT, UsageError } from "./usage-error.ts";

export interface SelectArgs {
  suite: string[];
  case: string[];
  grep?: string;
  shard?: string;
}

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

export function selected(a: SelectArgs): Case[] {
  const cases = allCases();
  const suites = new Set(cases.map((c) => c.suite));
  for (const s of a.suite)
    if (!suites.has(s)) throw new UsageError(`unknown suite '${s}' (have: ${[...suites].join(", ")})`);
  let shard: [number, number] | undefined;
  try {
    shard = a.shard ? parseShard(a.shard) : undefined;
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const out = selectCases(cases, { suites: a.suite, globs: a.case, grep: a.grep, shard });
  if (!out.length) throw new UsageError("no case matches the selection");
  return out;
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
    quiet: boolean;
    "keep-accounts": boolean;
  };

export function runOptions<T>(y: Argv<T>) {
  return reportOutputOptions(selectOptions(targetOptions(y)))
    .option("parallel", { type: "number", default: DEFAULT_PARALLEL, describe: "cases at once" })
    .option("timeout", { type: "number", default: 5000, describe: "ms to wait for one expected answer" })
    .option("case-timeout", { type: "number", default: 30000, describe: "ms a whole case may take" })
    .option("json", { type: "string", describe: "write the results to this file" })
    .option("strict", { type: "boolean", default: false, describe: "WARN verdicts fail the run too" })
    .option("quiet", { type: "boolean", default: false, describe: "no line per case" })
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

export async function runCommand(a: RunArgs): Promise<number> {
  if (!Number.isInteger(a.parallel) || a.parallel < 1)
    throw new UsageError("--parallel wants a whole number ≥ 1");
  if (!(a.timeout > 0) || !(a["case-timeout"] > 0))
    throw new UsageError("--timeout and --case-timeout want positive ms");
  const cases = selected(a);
  const expected = a.expect ? loadExpectations(a.expect) : undefined;
  const { target, url, server } = await resolveTargetArgs(a);
  const started = new Date();
  const colour = process.stdout.isTTY === true;
  const results: CaseResult[] = [];
  const abort = new AbortController();
  let interrupted = false;

  const doc = (): RunResults =>
    runResults(
      { name: target.name, url, domain: target.domain, faults: a.fault.length ? a.fault : undefined },
      started,
      results,
      interrupted,
    );
  const onSignal = (sig: NodeJS.Signals) => {
    if (interrupted) {
      // a second signal: no more waiting on running cases, but the results so far are still kept
      if (a.json) writeResults(a.json, doc());
      process.stderr.write(`xmppspec: ${sig} again: partial results written, stopping now\n`);
      process.exit(130);
    }
    interrupted = true;
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
    interrupted = true;
    abort.abort();
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  process.on("uncaughtException", onCrash);

  try {
    const probe = await probeTarget(target, a.timeout);
    if (!probe.ok) process.stderr.write(`xmppspec: target ${url} is not usable: ${probe.reason}\n`);
    await runCases({
      target,
      cases,
      parallel: a.parallel,
      caseTimeoutMs: a["case-timeout"],
      expectTimeoutMs: a.timeout,
      signal: abort.signal,
      unusable: probe.ok ? undefined : `target not usable: ${probe.reason}`,
      keepAccounts: a["keep-accounts"],
      onResult(r) {
        results.push(r);
        if (!a.quiet) process.stdout.write(`${caseLine(r, results.length, cases.length, colour)}\n`);
      },
    });
  } finally {
    await server?.stop();
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
    process.off("uncaughtException", onCrash);
  }
  const out = doc();
  if (a.json) writeResults(a.json, out);
  process.stdout.write(`\n${summaryTable(results)}\n`);
  const s = out.summary;
  process.stdout.write(
    `\n${s.total} cases: ${s.PASS} passed, ${s.FAIL} failed, ${s.WARN} warned, ${s.SKIP} skipped, ${s.ERROR} errors in ${(out.durationMs / 1000).toFixed(1)} s${interrupted ? " (interrupted: partial)" : ""}\n`,
  );
  for (const w of writeReportsOrFail([{ file: a.json ?? "this run", doc: out }], a))
    process.stdout.write(`${w}\n`);
  if (expected) {
    const judged = judgeByExpectations(results, expected);
    process.stdout.write(`${judged.lines.join("\n")}\n`);
    return interrupted ? EXIT.failed : judged.code;
  }
  const bad = s.FAIL + s.ERROR + (a.strict ? s.WARN : 0);
  return bad > 0 || interrupted ? EXIT.failed : EXIT.ok;
}

// The GitHub Action's entry point (action.yml): the inputs from INPUT_* become one `xmppspec run` in the
// workspace; then the job summary ($GITHUB_STEP_SUMMARY) and the step outputs ($GITHUB_OUTPUT) are
// written from its results. The exit code is the run's.
import { spawn } from "node:child_process";
import { appendFileSync, existsSync, rmSync } from "node:fs";
import { resolve } from "node:path";
import { caseRenames } from "../../harness/fixtures/renames.ts";
import { packagePath } from "../../harness/package-root.ts";
import { loadExpectations } from "../../harness/runner/expectations.ts";
import { loadResults } from "../../reports/load.ts";
import { EXIT } from "../commands/usage-error.ts";
import { InputError, inputNamed, runArguments, secretsOf } from "./inputs.ts";
import { type ActionRun, actionOutputs, jobSummary } from "./summary.ts";

const env = process.env;
const cwd = env.GITHUB_WORKSPACE || process.cwd();
const input = (name: string) => inputNamed(env, name);
const inWorkspace = (name: string) => (input(name) ? resolve(cwd, input(name)) : undefined);

/** Runs the CLI with the log streaming through; keeps the end of stderr for the summary. */
function runXmppspec(args: string[]): Promise<{ code: number; stderrTail: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [packagePath("bin/xmppspec.mjs"), ...args], {
      cwd,
      stdio: ["ignore", "inherit", "pipe"],
    });
    let tail = "";
    child.stderr.on("data", (chunk: Buffer) => {
      process.stderr.write(chunk);
      tail = (tail + chunk.toString()).slice(-2000);
    });
    child.on("error", (err) => done({ code: EXIT.failed, stderrTail: err.message }));
    child.on("close", (code) => done({ code: code ?? EXIT.failed, stderrTail: tail.trim() }));
  });
}

function readRun(code: number, stderrTail: string, results: string): ActionRun {
  const run: ActionRun = { code, stderrTail };
  if (!existsSync(results)) return run;
  run.doc = loadResults(results);
  const expectFile = input("expect");
  if (expectFile) {
    run.expectFile = expectFile;
    run.expected = loadExpectations(resolve(cwd, expectFile), caseRenames(), () => {});
  }
  return run;
}

function writeOutcome(run: ActionRun, files: { results?: string; junit?: string }): void {
  const summary = jobSummary(run);
  if (env.GITHUB_STEP_SUMMARY) appendFileSync(env.GITHUB_STEP_SUMMARY, `${summary}\n`);
  else process.stdout.write(`\n${summary}\n`);
  const lines = Object.entries(actionOutputs(run, files))
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${v}\n`);
  if (env.GITHUB_OUTPUT) appendFileSync(env.GITHUB_OUTPUT, lines.join(""));
}

async function main(): Promise<number> {
  let args: string[];
  try {
    args = runArguments(env);
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    process.stderr.write(`xmppspec action: ${err.message}\n`);
    writeOutcome({ code: EXIT.usage, stderrTail: err.message }, {});
    return EXIT.usage;
  }
  for (const secret of secretsOf(env)) process.stdout.write(`::add-mask::${secret}\n`);
  const results = inWorkspace("results") as string;
  const junit = inWorkspace("junit");
  // files left by an earlier step must not be reported as this run's
  for (const f of [results, junit]) if (f) rmSync(f, { force: true });
  const { code, stderrTail } = await runXmppspec(args);
  const run = readRun(code, stderrTail, results);
  writeOutcome(run, {
    results: run.doc ? results : undefined,
    junit: junit && existsSync(junit) ? junit : undefined,
  });
  return code;
}

process.exitCode = await main();

// Real runs for the report tests, made once per mocha process: one against a reference server holding
// accounts with known passwords (to prove no report leaks them), a clean and a faulted embedded run.
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ReferenceServer } from "../harness/server/server.ts";
import { CLI_BIN } from "./support/cli-child.ts";

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function cli(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [CLI_BIN, ...args], { stdio: ["ignore", "pipe", "pipe"], env });
    let stdout = "";
    let stderr = "";
    p.stdout.on("data", (d) => (stdout += d));
    p.stderr.on("data", (d) => (stderr += d));
    p.on("error", reject);
    p.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** The selection every run uses: stream headers, SASL and stream restarts, and Appendix A rows. */
export const CASES = [
  "--case",
  "rfc6120/4.7.*/**",
  "--case",
  "rfc6120/6.4*/**",
  "--case",
  "rfc6121/A.2.2/**",
];
/** Faults that make some of those cases FAIL. */
export const FAULTS = ["--fault", "same-stream-id", "--fault", "no-stream-lang"];

export interface ReportRuns {
  dir: string;
  /** Run against a server whose two accounts have the passwords below. */
  secretRun: string;
  passwords: string[];
  users: string[];
  clean: string;
  faulted: string;
  /** The faulted run also wrote every report through `run` options. */
  faultedRun: CliResult;
  runReports: { junit: string; html: string; markdown: string; allure: string };
  /** `report clean faulted secret --html matrix.html --markdown matrix.md`, as the CI script calls it. */
  matrix: { html: string; markdown: string; run: CliResult };
}

async function make(): Promise<ReportRuns> {
  const dir = mkdtempSync(join(tmpdir(), "xmppspec-reports-"));
  const users = ["reportalice", "reportbob"];
  const passwords = ["Pw-known-4e1f9c2a", "Pw-known-b7d03e58"];
  const [secretRun, clean, faulted] = ["secret", "clean", "faulted"].map((n) => join(dir, `${n}.json`));
  const runReports = {
    junit: join(dir, "run.junit.xml"),
    html: join(dir, "run.html"),
    markdown: join(dir, "run.md"),
    allure: join(dir, "run-allure"),
  };
  const server = await ReferenceServer.start();
  let results: CliResult[];
  try {
    for (const [i, u] of users.entries()) server.accounts.create(`${u}@localhost`, passwords[i]);
    const accounts = users.flatMap((u, i) => ["--account", `${u}:${passwords[i]}`]);
    const target = ["--target", `xmpp://127.0.0.1:${server.endpoints.tcp.port}`, "--domain", "localhost"];
    const reportFlags = Object.entries(runReports).flatMap(([k, v]) => [`--${k}`, v]);
    results = await Promise.all([
      cli(["run", ...target, "--insecure", ...accounts, ...CASES, "--json", secretRun, "--quiet"]),
      cli(["run", ...CASES, "--json", clean, "--quiet"]),
      cli(["run", ...CASES, ...FAULTS, "--json", faulted, "--quiet", ...reportFlags]),
    ]);
  } finally {
    await server.stop();
  }
  const [secret, c, faultedRun] = results;
  if (secret.code === 2) throw new Error(`the run with known passwords did not start: ${secret.stderr}`);
  if (c.code !== 0) throw new Error(`the clean run did not pass: ${c.stdout}${c.stderr}`);
  const html = join(dir, "matrix.html");
  const markdown = join(dir, "matrix.md");
  const run = await cli(["report", clean, faulted, secretRun, "--html", html, "--markdown", markdown]);
  const matrix = { html, markdown, run };
  return { dir, secretRun, passwords, users, clean, faulted, faultedRun, runReports, matrix };
}

let runs: Promise<ReportRuns> | undefined;
export function reportRuns(): Promise<ReportRuns> {
  runs ??= make();
  return runs;
}

// Run the xmppspec CLI as a child process the way a user does, and measure it: exit code, output,
// wall time and peak memory. A child past its deadline is killed and reported, never left behind.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** The checkout's launcher: it runs the TypeScript through tsx, as a user's `npx xmppspec` does. */
const LAUNCHER = new URL("../../bin/xmppspec.mjs", import.meta.url).pathname;
/** The CLI a child runs: the one `npm test` compiled for its run (scripts/test.ts), else the launcher. */
export const CLI_BIN = process.env.XMPPSPEC_TEST_CLI ?? LAUNCHER;
// plain JavaScript, so a child needs no TypeScript loader before the launcher's own (tsx registered twice
// costs every child ~0.15 s of CPU)
const MAX_RSS = new URL("./max-rss.mjs", import.meta.url).pathname;

/**
 * Node's arguments before the CLI's. A test's own hook in TypeScript (a crash, a spy) patches the harness's
 * TypeScript modules, so that child runs them through tsx, loaded before the hook.
 */
function childArgs(nodeFlags: string[] = []): string[] {
  const hooked = nodeFlags.some((f) => f.endsWith(".ts"));
  const bin = hooked ? LAUNCHER : CLI_BIN;
  return [...(hooked ? ["--import", "tsx"] : []), "--import", MAX_RSS, ...nodeFlags, bin];
}

export interface CliRun {
  args: string[];
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  wallMs: number;
  /** Peak resident set size of the child, KiB (undefined if it died before it could say). */
  maxRssKiB?: number;
  /** It was killed for running past `deadlineMs`. */
  timedOut: boolean;
}

export interface CliOptions {
  /** Kill the child (SIGKILL) after this long. Default 120 s. */
  deadlineMs?: number;
  /** Extra node flags, e.g. --max-old-space-size=128. */
  nodeFlags?: string[];
  env?: Record<string, string>;
  /** The child's working directory (a user's, with their config in it); default this process's. */
  cwd?: string;
  /** Called with everything the child printed to stdout so far, after each piece (to signal it at a point, say). */
  onStdout?(stdout: string, child: ChildProcess): void;
  /** Kept small: a child that floods its output must not flood the test's memory. */
  maxOutputChars?: number;
}

export function runCli(args: string[], o: CliOptions = {}): Promise<CliRun> {
  const dir = mkdtempSync(join(tmpdir(), "xmppspec-child-"));
  const rssFile = join(dir, "max-rss");
  const limit = o.maxOutputChars ?? 1_000_000;
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...childArgs(o.nodeFlags), ...args], {
      cwd: o.cwd,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, ...o.env, XMPPSPEC_MAX_RSS_FILE: rssFile, FORCE_COLOR: "0" },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => {
      if (stdout.length < limit) stdout += d;
      o.onStdout?.(stdout, child);
    });
    child.stderr.on("data", (d) => {
      if (stderr.length < limit) stderr += d;
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, o.deadlineMs ?? 120_000);
    child.on("error", (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      let maxRssKiB: number | undefined;
      try {
        maxRssKiB = Number(readFileSync(rssFile, "utf8"));
      } catch {
        maxRssKiB = undefined;
      }
      rmSync(dir, { recursive: true, force: true });
      resolve({ args, code, signal, stdout, stderr, wallMs: Date.now() - started, maxRssKiB, timedOut });
    });
  });
}

/** Run the CLI and fail (reject) when it is still running after `deadlineMs`. */
export async function cliWithin(args: string[], deadlineMs: number): Promise<CliRun> {
  const r = await runCli(args, { deadlineMs });
  if (r.timedOut) throw new Error(`xmppspec ${args.join(" ")} did not finish in ${deadlineMs} ms`);
  return r;
}

/** A Node stack trace, or a V8 fatal error, anywhere in the text. */
export function hasStackTrace(text: string): boolean {
  return (
    /\n\s+at .+[(\s].*:\d+:\d+\)?/.test(text) ||
    /FATAL ERROR|JS stacktrace|triggerUncaughtException/.test(text)
  );
}

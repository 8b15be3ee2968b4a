// `npm test`'s mocha part: the tests against Debian's real servers and all the others run side by side,
// as two mocha processes. The real-server tests spend most of their time waiting on prosody, ejabberd and
// jabberd2 (separate processes on their own fixed ports, 15xxx/25xxx/31xxx, which no other test uses), so
// the rest of the tests fill that time. The others print live; the real-server group's output is held and
// printed whole when it ends, so neither report is cut into the other. Arguments go to both
// (`npm test -- --grep stanza`). Exit status: the first non-zero of the two. Failures of the live group are
// printed again at the very end: a CI log is often read from its tail, and there they would sit above the
// whole real-server report.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { join, relative } from "node:path";
import { packagePath } from "../harness/package-root.ts";

/**
 * The second process: the test files that start real servers (test/support/real-servers.ts), and the two
 * that share their whole embedded-suite runs with real-servers-suite.test.ts
 * (test/support/embedded-suite-runs.ts), which also makes the two processes take about as long.
 */
const REAL_SERVER_FILES = new Set([
  "test/provisioning-real.test.ts",
  "test/real-federation.test.ts",
  "test/real-servers-suite.test.ts",
  "test/real-servers.test.ts",
  "test/determinism.test.ts",
  "test/suite-embedded.test.ts",
]);

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => {
      const path = join(dir, e.name);
      if (e.isDirectory()) return testFiles(path);
      return e.name.endsWith(".test.ts") ? [relative(packagePath("."), path)] : [];
    })
    .sort();
}

const mocha = createRequire(import.meta.url).resolve("mocha/bin/mocha.js");
/** Where the tests' CLI is compiled (ignored by git). */
const TEST_DIST = ".test-dist";
const extra = process.argv.slice(2);
const all = testFiles(packagePath("test"));
const real = all.filter((f) => REAL_SERVER_FILES.has(f));
const others = all.filter((f) => !REAL_SERVER_FILES.has(f));
for (const f of REAL_SERVER_FILES)
  if (!real.includes(f)) process.stderr.write(`test: ${f} is listed as a real-server file but is missing\n`);

const children: ChildProcess[] = [];

/** Mocha's closing report from its "N failing" line on, or the output's last lines when it has none (a crash). */
function failures(output: string): string {
  const plain = output.replace(/\x1b\[[0-9;]*m/g, "");
  const at = plain.search(/^\s*\d+ failing$/m);
  return at >= 0 ? plain.slice(at) : `${plain.split("\n").slice(-40).join("\n")}\n`;
}

function runGroup(files: string[], live: boolean): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [mocha, ...files, ...extra], {
      cwd: packagePath("."),
      stdio: ["ignore", "pipe", "pipe"],
      env: { FORCE_COLOR: process.stdout.isTTY ? "1" : "0", ...process.env },
    });
    children.push(child);
    let output = "";
    child.stdout.on("data", (d) => {
      output += d;
      if (live) process.stdout.write(d);
    });
    child.stderr.on("data", (d) => {
      output += d;
      if (live) process.stderr.write(d);
    });
    child.on("error", (err) => resolve({ code: 1, output: `${output}\ntest: ${err.message}\n` }));
    child.on("close", (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), output }));
  });
}

// a stopped `npm test` stops both groups, so the real-server group's after() hooks stop its servers
for (const sig of ["SIGINT", "SIGTERM"] as const)
  process.on(sig, () => {
    for (const c of children) c.kill(sig);
  });

const started = Date.now();
// The CLI children of the tests start from compiled JavaScript: through tsx each start costs ~1.2 s more of
// CPU, and npm test starts well over a hundred. Built afresh for every run, so it is never stale; a mocha
// run of single files (no XMPPSPEC_TEST_CLI) starts them through the launcher and tsx as a checkout does.
const built = spawnSync(process.execPath, ["--import", "tsx", packagePath("scripts/build.ts"), TEST_DIST], {
  stdio: "inherit",
});
if (built.status !== 0) {
  process.stderr.write("test: the build of the CLI for the tests failed\n");
  process.exit(1);
}
process.env.XMPPSPEC_TEST_CLI = packagePath(`${TEST_DIST}/bin/xmppspec.js`);
const realRun = runGroup(real, false);
const othersRun = runGroup(others, true);
const rest = await othersRun;
process.stdout.write(
  `\n== the tests against the real servers (${real.length} files with determinism's, run beside the others)${
    rest.code === 0 ? "" : "; the others failed above"
  }\n`,
);
const servers = await realRun;
process.stdout.write(servers.output);
if (rest.code !== 0) process.stdout.write(`\n== the others' failures, again\n${failures(rest.output)}`);
const seconds = ((Date.now() - started) / 1000).toFixed(0);
process.stdout.write(
  `\nnpm test: ${others.length} files: exit ${rest.code}; ${real.length} real-server files: exit ${servers.code}; ${seconds} s\n`,
);
process.exitCode = rest.code || servers.code;

// The GitHub Action as a runner starts it: bin/action.mjs as a child process with INPUT_* variables,
// GITHUB_WORKSPACE, GITHUB_STEP_SUMMARY and GITHUB_OUTPUT, against the embedded server; and action.yml
// held to the inputs and outputs the entry point reads and writes.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "chai";
import { load } from "js-yaml";
import { parse } from "junit2json";
import { ACTION_INPUTS, inputEnvName } from "../bin/action/inputs.ts";
import { ACTION_OUTPUTS } from "../bin/action/summary.ts";
import { packagePath } from "../harness/package-root.ts";
import { CLI_BIN } from "./support/cli-child.ts";
import { startServe } from "./support/serve-child.ts";

const ENTRY = packagePath("bin/action.mjs");
const STALE = "rfc7622/3.1/two-at-signs";

interface StepRun {
  code: number | null;
  log: string;
  summary: string;
  outputs: Map<string, string>;
}

/** One step: the runner's variables (and none of this process's INPUT_* or GITHUB_*), the workspace as cwd. */
function runStep(workspace: string, inputs: Record<string, string>): StepRun {
  // the runner's files are fresh and empty for each step, outside the workspace
  const files = mkdtempSync(join(workspace, "..", "step-"));
  const summaryFile = join(files, "summary.md");
  const outputFile = join(files, "output");
  writeFileSync(summaryFile, "");
  writeFileSync(outputFile, "");
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(INPUT_|GITHUB_)/.test(k)));
  const r = spawnSync(process.execPath, [ENTRY], {
    cwd: workspace,
    encoding: "utf8",
    timeout: 90_000,
    env: {
      ...base,
      ...Object.fromEntries(Object.entries(inputs).map(([k, v]) => [inputEnvName(k), v])),
      GITHUB_ACTIONS: "true",
      GITHUB_WORKSPACE: workspace,
      GITHUB_STEP_SUMMARY: summaryFile,
      GITHUB_OUTPUT: outputFile,
      FORCE_COLOR: "0",
    },
  });
  const outputs = new Map(
    readFileSync(outputFile, "utf8")
      .split("\n")
      .filter(Boolean)
      .map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)] as [string, string]),
  );
  return { code: r.status, log: r.stdout + r.stderr, summary: readFileSync(summaryFile, "utf8"), outputs };
}

describe("the GitHub Action's entry point, run as a runner runs it", function () {
  this.timeout(120_000);
  let dir: string;
  let workspace: string;

  before(() => {
    dir = mkdtempSync(join(tmpdir(), "xmppspec-action-"));
    workspace = join(dir, "workspace");
    mkdirSync(workspace);
    writeFileSync(
      join(workspace, "stale.tsv"),
      `${STALE}\tFAIL\tfixed upstream since\thttps://example.org/bug/1\n`,
    );
    writeFileSync(join(workspace, "clean.tsv"), "# nothing expected to deviate\n");
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("an expected FAIL that passes: the summary opens on the unexpected pass, and the step fails", async () => {
    const r = runStep(workspace, { suites: "rfc7622", expect: "stale.tsv", results: "out/results.json" });
    expect(r.code, r.log).to.equal(1);
    const lines = r.summary.split("\n");
    expect(lines[0]).to.equal("## xmppspec: new against stale.tsv");
    expect(lines.slice(0, 6).join("\n")).to.include(
      `unexpected pass: ${STALE} (expected FAIL: fixed upstream since`,
    );
    expect(r.summary.indexOf("unexpected pass")).to.be.lessThan(r.summary.indexOf("| section |"));
    expect(r.summary).to.include("0 new failures, 1 unexpected passes");
    const results = join(workspace, "out/results.json");
    expect(Object.fromEntries(r.outputs)).to.deep.include({
      results,
      junit: join(workspace, "xmppspec-junit.xml"),
      "exit-code": "1",
      "unexpected-passes": "1",
      "new-failures": "0",
      fail: "0",
    });
    const doc = JSON.parse(readFileSync(results, "utf8"));
    expect(r.outputs.get("total")).to.equal(String(doc.summary.total)).and.not.equal("0");
    expect(r.outputs.get("pass")).to.equal(String(doc.summary.total));
    const junit = await parse(readFileSync(join(workspace, "xmppspec-junit.xml"), "utf8"));
    if (!junit || !("testsuite" in junit)) throw new Error("junit2json found no <testsuites>");
    expect(junit.tests).to.equal(doc.summary.total);
  });

  it("nothing new: exit 0, and the summary says so before the table", () => {
    const r = runStep(workspace, { suites: "rfc7622", expect: "clean.tsv", strict: "true" });
    expect(r.code, r.log).to.equal(0);
    expect(r.summary.split("\n").slice(0, 3)).to.deep.equal([
      "## xmppspec: new against clean.tsv",
      "",
      "expectations: 0 new failures, 0 unexpected passes, 0 expected deviations seen",
    ]);
    expect(r.outputs.get("exit-code")).to.equal("0");
    expect(existsSync(join(workspace, "xmppspec-results.json"))).to.equal(true);
  });

  it("against a target the job started: its CA file, a pool of accounts (one a line), wait", async () => {
    const pool = ["a1:pw-one", "a2:pw-two", "a3:pw-three", "a4:pw-four"];
    const serve = await startServe(process.execPath, [
      CLI_BIN,
      "serve",
      ...["--port", "0", "--tls-port", "0", "--ws-port", "0", "--domain", "ci.test"],
      ...["--tls", "required", "--write-ca", join(workspace, "ca.pem")],
      ...pool.flatMap((a) => ["--account", a]),
    ]);
    try {
      const r = runStep(workspace, {
        target: `xmpp://127.0.0.1:${serve.port}`,
        domain: "ci.test",
        tls: "required",
        "tls-ca": "ca.pem",
        accounts: `${pool.join("\n")}\n`,
        wait: "30s",
        suites: "rfc7622",
        results: "target.json",
      });
      expect(r.code, r.log).to.equal(0);
      for (const a of pool) expect(r.log).to.include(`::add-mask::${a.slice(3)}\n`);
      expect(r.summary.split("\n")[0]).to.equal(`## xmppspec: xmpp://127.0.0.1:${serve.port}`);
      const doc = JSON.parse(readFileSync(join(workspace, "target.json"), "utf8"));
      expect(doc.summary.PASS).to.equal(doc.summary.total).and.be.greaterThan(0);
    } finally {
      serve.child.kill("SIGINT");
      await serve.exited;
    }
  });

  it("a bad input: one line, exit 2, and the summary says why", () => {
    const r = runStep(workspace, { suites: "rfc7622", strict: "yes" });
    expect(r.code).to.equal(2);
    expect(r.log.trim()).to.equal("xmppspec action: input 'strict' wants true or false, got 'yes'");
    expect(r.summary).to.include("stopped before any results (exit 2)");
    expect(r.outputs.get("exit-code")).to.equal("2");
  });

  it("a usage error of the run (accounts without a target) reaches the summary; passwords are masked", () => {
    const r = runStep(workspace, { accounts: "a1:s3cret-1\na2:s3cret-2" });
    expect(r.code).to.equal(2);
    expect(r.log).to.include("::add-mask::s3cret-1\n").and.include("::add-mask::s3cret-2\n");
    expect(r.summary).to.include("--account apply to a --target");
    expect(r.outputs.has("results")).to.equal(false);
  });
});

interface ActionYml {
  name: string;
  description: string;
  inputs: Record<string, { description?: string; default?: string }>;
  outputs: Record<string, { description?: string; value?: string }>;
  runs: { using: string; steps: { id?: string; env?: Record<string, string>; run?: string }[] };
}

describe("action.yml", () => {
  const yml = load(readFileSync(packagePath("action.yml"), "utf8")) as ActionYml;
  const runStepOf = () => yml.runs.steps.find((s) => s.id === "run");

  it("is a composite action with a name, a description and a step that runs the entry point", () => {
    expect(yml.name).to.be.a("string");
    expect(yml.description).to.be.a("string");
    expect(["composite", "node24"]).to.include(yml.runs.using);
    expect(runStepOf()?.run).to.include("bin/action.mjs");
  });

  it("has every input the entry point reads, each described, defaults alike, and no other", () => {
    expect(Object.keys(yml.inputs).sort()).to.deep.equal(ACTION_INPUTS.map((i) => i.name).sort());
    for (const i of ACTION_INPUTS) {
      expect(yml.inputs[i.name].description, i.name).to.be.a("string").and.not.equal("");
      expect(yml.inputs[i.name].default, i.name).to.equal(i.default);
    }
  });

  it("passes each input to the entry point as the runner names it (INPUT_*)", () => {
    const env = runStepOf()?.env ?? {};
    expect(Object.keys(env).sort()).to.deep.equal(ACTION_INPUTS.map((i) => inputEnvName(i.name)).sort());
    for (const i of ACTION_INPUTS) expect(env[inputEnvName(i.name)]).to.equal(`\${{ inputs.${i.name} }}`);
  });

  it("declares every output the entry point writes, each described, from the run step", () => {
    expect(Object.keys(yml.outputs).sort()).to.deep.equal([...ACTION_OUTPUTS].sort());
    for (const o of ACTION_OUTPUTS) {
      expect(yml.outputs[o].description, o).to.be.a("string").and.not.equal("");
      expect(yml.outputs[o].value).to.equal(`\${{ steps.run.outputs.${o} }}`);
    }
  });

  it("README's workflow parses, starts prosody and gives the action only inputs it has", () => {
    const readme = readFileSync(packagePath("README.md"), "utf8");
    const block = /## Use in CI[\s\S]*?```yaml\n([\s\S]*?)```/.exec(readme)?.[1];
    if (!block) throw new Error('README has no yaml block under "## Use in CI"');
    const wf = load(block) as {
      jobs: Record<string, { steps: { uses?: string; run?: string; with?: object }[] }>;
    };
    const steps = Object.values(wf.jobs).flatMap((j) => j.steps);
    expect(steps.some((s) => /apt-get install -y prosody/.test(s.run ?? ""))).to.equal(true);
    const ours = steps.find((s) => s.uses?.includes("/xmppspec@"));
    if (!ours?.with) throw new Error("README's workflow does not use the action with inputs");
    for (const k of Object.keys(ours.with)) expect(yml.inputs, k).to.have.property(k);
    expect(ours.with).to.include({ wait: "30s" }).and.to.have.property("expect");
  });
});

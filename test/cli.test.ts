// The command line as a user meets it: exit codes, one-line errors, results file.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "chai";
import { ReferenceServer } from "../harness/server/server.ts";
import { cliWithin } from "./support/cli-child.ts";
import { freePort } from "./support/free-port.ts";

const cli = (args: string[], deadlineMs = 60_000) => cliWithin(args, deadlineMs);

function noStack(text: string): void {
  expect(text).to.not.match(/\n\s+at .+\(.*:\d+:\d+\)/);
}

describe("xmppspec CLI", function () {
  this.timeout(90_000);
  const dir = mkdtempSync(join(tmpdir(), "xmppspec-cli-"));

  it("a bad flag gives one line and exit 2", async () => {
    const r = await cli(["run", "--no-such-flag"]);
    expect(r.code).to.equal(2);
    expect(r.stderr.trim().split("\n")).to.have.length(1);
    noStack(r.stderr);
  });

  it("a bad target URL gives one line and exit 2", async () => {
    const r = await cli(["run", "--target", "gopher://x"]);
    expect(r.code).to.equal(2);
    expect(r.stderr).to.match(/^xmppspec: /);
    expect(r.stderr.trim().split("\n")).to.have.length(1);
  });

  it("an unknown fault gives one line and exit 2", async () => {
    const r = await cli(["run", "--fault", "no-such-fault"]);
    expect(r.code).to.equal(2);
    expect(r.stderr.trim().split("\n")).to.have.length(1);
  });

  it("a selection that matches nothing gives exit 2", async () => {
    const r = await cli(["run", "--case", "no/such/case"]);
    expect(r.code).to.equal(2);
  });

  it("an unreachable target gives ERROR verdicts, exit 1, and still writes the results", async () => {
    const port = await freePort();
    const out = join(dir, "unreachable.json");
    const r = await cli([
      "run",
      "--target",
      `xmpp://127.0.0.1:${port}`,
      "--domain",
      "localhost",
      "--suite",
      "rfc6120",
      "--json",
      out,
      "--quiet",
    ]);
    expect(r.code).to.equal(1);
    noStack(r.stderr + r.stdout);
    expect(r.stderr).to.match(/refused/);
    const doc = JSON.parse(readFileSync(out, "utf8"));
    expect(doc.summary.ERROR).to.equal(doc.summary.total);
    expect(doc.results[0].message).to.match(/refused/);
  });

  it("a refused login of a given account gives ERROR verdicts that say so", async () => {
    const server = await ReferenceServer.start();
    try {
      const out = join(dir, "refused.json");
      const url = `xmpp://127.0.0.1:${server.endpoints.tcp.port}`;
      const r = await cli([
        "run",
        "--target",
        url,
        "--domain",
        "localhost",
        "--insecure",
        "--account",
        "ghost:wrong",
        "--account",
        "ghost2:wrong2",
        "--case",
        "rfc6120/8.2.3/**",
        "--json",
        out,
        "--quiet",
      ]);
      expect(r.code).to.equal(1);
      noStack(r.stderr + r.stdout);
      const doc = JSON.parse(readFileSync(out, "utf8"));
      expect(doc.summary.ERROR).to.equal(doc.summary.total);
      expect(doc.results[0].message).to.match(/refused the login of test account ghost2?@localhost/);
    } finally {
      await server.stop();
    }
  });

  it("run writes the documented results schema and exits 0 when all pass", async () => {
    const out = join(dir, "results.json");
    const r = await cli(["run", "--case", "rfc6120/4.7.3/**", "--case", "rfc6120/6.4.6/**", "--json", out]);
    expect(r.code, r.stdout + r.stderr).to.equal(0);
    expect(r.stdout).to.match(/PASS\s+rfc6120\/4\.7\.3\/stream-id-unique/);
    expect(r.stdout).to.match(/rfc6120 §4/);
    const doc = JSON.parse(readFileSync(out, "utf8"));
    expect(doc).to.include.keys(
      "schema",
      "tool",
      "target",
      "startedAt",
      "durationMs",
      "partial",
      "summary",
      "results",
    );
    expect(doc.tool.name).to.equal("xmppspec");
    expect(doc.partial).to.equal(false);
    const res = doc.results[0];
    expect(res).to.include.keys(
      "id",
      "title",
      "requirements",
      "level",
      "verdict",
      "durationMs",
      "transcript",
    );
    expect(res.transcript[0]).to.include.keys("t", "session", "dir", "data");
    expect(doc.summary.PASS).to.equal(doc.summary.total);
  });

  it("a fault makes run exit 1 with FAIL verdicts citing the broken requirement", async () => {
    const out = join(dir, "fault.json");
    const r = await cli([
      "run",
      "--fault",
      "no-from-stamp",
      "--case",
      "rfc6120/8.1.2.1/**",
      "--json",
      out,
      "--quiet",
    ]);
    expect(r.code).to.equal(1);
    const doc = JSON.parse(readFileSync(out, "utf8"));
    expect(doc.target.faults).to.deep.equal(["no-from-stamp"]);
    expect(doc.summary.FAIL).to.be.greaterThan(0);
  });

  it("list prints every case with its requirement ids", async () => {
    const r = await cli(["list", "--json"]);
    expect(r.code).to.equal(0);
    const rows = JSON.parse(r.stdout);
    expect(rows.length).to.be.at.least(40);
    expect(rows[0]).to.include.keys("id", "requirements", "level");
  });

  it("coverage prints per-section figures, and JSON with --json", async () => {
    const r = await cli(["coverage", "--rfc", "6120", "--json"]);
    expect(r.code).to.equal(0);
    const rows = JSON.parse(r.stdout);
    const all = rows.find((x: { section: string }) => x.section === "all");
    expect(all.requirements).to.equal(566);
    expect(all.covered).to.be.greaterThan(0);
    const bad = await cli(["coverage", "--rfc", "sixty"]);
    expect(bad.code).to.equal(2);
  });

  it("faults lists the named faults with requirement ids", async () => {
    const r = await cli(["faults", "--json"]);
    expect(r.code).to.equal(0);
    const rows = JSON.parse(r.stdout);
    expect(rows.length).to.be.at.least(12);
    for (const f of rows) expect(f.breaks).to.not.be.empty;
  });

  it("--fail-on-skip turns a SKIP into exit 1, still writing the results; a bad value is exit 2", async () => {
    const server = await ReferenceServer.start();
    try {
      // no --websocket: the target offers none, so the RFC 7395 case SKIPs
      const base = [
        "run",
        "--target",
        `xmpp://127.0.0.1:${server.endpoints.tcp.port}`,
        "--domain",
        "localhost",
      ];
      const args = [...base, "--insecure", "--case", "rfc7395/**", "--quiet"];
      const plain = await cli(args);
      expect(plain.code, plain.stderr).to.equal(0);
      expect(plain.stdout).to.match(/1 skipped/);
      const out = join(dir, "skipped.json");
      const strict = await cli([...args, "--fail-on-skip", "--json", out]);
      expect(strict.code).to.equal(1);
      expect(strict.stdout).to.match(/--fail-on-skip: 1 cases skipped/);
      expect(JSON.parse(readFileSync(out, "utf8")).summary.SKIP).to.equal(1);
      const bad = await cli(["run", "--fail-on-skip", "maybe"]);
      expect(bad.code).to.equal(2);
      expect(bad.stderr.trim().split("\n")).to.have.length(1);
    } finally {
      await server.stop();
    }
  });
});

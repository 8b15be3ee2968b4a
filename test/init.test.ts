// `xmppspec init`: a commented starter config that `run` reads as written, never written over another.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "chai";
import { runCli } from "./support/cli-child.ts";

/** The CLI in `cwd`, as a user runs it there. */
const xmppspec = (cwd: string, args: string[]) => runCli(args, { cwd, deadlineMs: 60_000 });

describe("xmppspec init", function () {
  this.timeout(120_000);

  it("writes a commented xmppspec.config.json that run reads as it is", async () => {
    const dir = mkdtempSync(join(tmpdir(), "xmppspec-init-"));
    const w = await xmppspec(dir, ["init"]);
    expect(w.code, w.stderr).to.equal(0);
    const text = readFileSync(join(dir, "xmppspec.config.json"), "utf8");
    expect(text).to.match(/^\/\/ /);
    const schemaRef = /"\$schema": "([^"]+)"/.exec(text)?.[1] ?? "";
    expect(existsSync(join(dir, schemaRef)), schemaRef).to.equal(true);
    const r = await xmppspec(dir, ["run", "--case", "rfc7622/3.2/**", "--quiet"]);
    expect(r.code, r.stderr).to.equal(0);
    expect(r.stdout).to.match(/cases: \d+ passed, 0 failed/);
  });

  it("a config already here is one line and exit 2; --force overwrites a .json one", async () => {
    const dir = mkdtempSync(join(tmpdir(), "xmppspec-init-"));
    writeFileSync(join(dir, "xmppspec.config.json"), "{}");
    const r = await xmppspec(dir, ["init"]);
    expect(r.code).to.equal(2);
    expect(r.stderr.trim().split("\n")).to.have.length(1);
    expect(r.stderr).to.match(/already here/);
    expect((await xmppspec(dir, ["init", "--force"])).code).to.equal(0);
    expect(readFileSync(join(dir, "xmppspec.config.json"), "utf8")).to.include('"targets"');
  });

  it("two configs in one directory make run refuse with one line", async () => {
    const dir = mkdtempSync(join(tmpdir(), "xmppspec-init-"));
    writeFileSync(join(dir, "xmppspec.config.json"), "{}");
    writeFileSync(join(dir, "xmppspec.config.mjs"), "export default {};");
    const r = await xmppspec(dir, ["run"]);
    expect(r.code).to.equal(2);
    expect(r.stderr).to.match(/found xmppspec.config.json and xmppspec.config.mjs/);
  });
});

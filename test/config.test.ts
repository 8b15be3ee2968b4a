// The config file: found, parsed (comments allowed), checked against the shipped schema, and merged
// under the flags; the schema, the Config type's keys and the flags of `run` kept the same.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "chai";
import yargs from "yargs";
import { runOptions } from "../bin/commands/run.ts";
import { UsageError } from "../bin/commands/usage-error.ts";
import { checkSchema, type Schema } from "../bin/config/json-schema.ts";
import { parseJsonc } from "../bin/config/jsonc.ts";
import { type Config, configSchema, findConfig, loadConfig } from "../bin/config/load.ts";
import { givenFlags, mergeConfig, REPORT_FLAGS, RUN_FLAGS, TARGET_FLAGS } from "../bin/config/merge.ts";
import { starterConfig } from "../bin/config/starter.ts";
import { cliWithin } from "./support/cli-child.ts";

const fresh = () => mkdtempSync(join(tmpdir(), "xmppspec-config-"));

async function refusal(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    expect(err).to.be.instanceOf(UsageError);
    expect((err as Error).message).to.not.include("\n");
    return (err as Error).message;
  }
  throw new Error("was accepted");
}

/** `run`'s parsed flags (defaults included) for a command line. */
const parse = (argv: string[]) =>
  runOptions(yargs()).strict().parseSync(argv) as unknown as Record<string, unknown>;

function loadedFrom(config: Config, dir = "/cfg") {
  return { file: join(dir, "xmppspec.config.json"), config };
}

describe("config: JSON with comments", () => {
  it("reads comments and trailing commas, and leaves // inside strings alone", () => {
    const v = parseJsonc('// head\n{ "a": "x // y", /* b */ "b": [1, 2,], }\n');
    expect(v).to.deep.equal({ a: "x // y", b: [1, 2] });
  });

  it("a syntax error names its line and column", () => {
    expect(() => parseJsonc('{\n  "a": 1\n  "b": 2\n}')).to.throw(/line 3, column 3/);
  });
});

describe("config: the schema checker", () => {
  const schema = configSchema();

  it("the starter `init` writes is valid", () => {
    expect(checkSchema(schema, parseJsonc(starterConfig("./x.json")))).to.equal(undefined);
  });

  it("names the place and the rule of the first problem", () => {
    const check = (v: unknown) => checkSchema(schema, v);
    expect(check({ parallel: 1.5 })).to.deep.equal({
      path: "parallel",
      message: "must be a whole number, not 1.5",
    });
    expect(check({ targets: { p: { tls: "maybe" } } })?.path).to.equal("targets.p.tls");
    expect(check({ suites: ["rfc6120", 3] })?.path).to.equal("suites[1]");
    expect(check({ shard: "0/2" })?.message).to.match(/does not match/);
    expect(check({ targets: { p: { url: "http://x" } } })?.path).to.equal("targets.p.url");
    expect(check({ timeout: 0 })?.message).to.equal("must be more than 0");
  });

  it("an unknown key suggests the known one it resembles, else lists them", () => {
    expect(checkSchema(schema, { "fail-on-skip": true })?.message).to.equal(
      'unknown key "fail-on-skip" (did you mean "failOnSkip"?)',
    );
    expect(checkSchema(schema, { suits: [] })?.message).to.equal(
      'unknown key "suits" (did you mean "suites"?)',
    );
    expect(checkSchema(schema, { reports: { pdf: "a" } })?.message).to.match(
      /^unknown key "pdf" \(known: json, /,
    );
  });

  it("refuses a keyword it does not check, so the schema promises nothing it does not keep", () => {
    expect(() => checkSchema({ type: "string", maxLength: 3 } as Schema, "abcd")).to.throw(/maxLength/);
  });
});

describe("config: the schema, the Config type and the flags of `run` agree", () => {
  const schema = configSchema();
  const targetKeys = Object.keys(schema.$defs?.target.properties ?? {});
  const topKeys = Object.keys(schema.properties ?? {});

  // getOptions() is yargs' own list of what it was told (untyped in @types/yargs)
  const y = runOptions(yargs()) as unknown as { getOptions(): { key: Record<string, unknown> } };
  const flags = new Set(Object.keys(y.getOptions().key));
  for (const f of ["help", "version", "config"]) flags.delete(f);
  const mapped = new Set([
    ...Object.values(TARGET_FLAGS),
    ...Object.values(RUN_FLAGS),
    ...Object.values(REPORT_FLAGS),
  ]);

  it("every flag of `run` has a config key", () => {
    expect([...flags].filter((f) => !mapped.has(f))).to.deep.equal([]);
  });

  it("every config key stands for a flag of `run`", () => {
    expect([...mapped].filter((f) => !flags.has(f))).to.deep.equal([]);
  });

  it("every mapped key is in the schema and every schema key is mapped", () => {
    expect(targetKeys.sort()).to.deep.equal(Object.keys(TARGET_FLAGS).sort());
    expect(Object.keys(schema.properties?.reports.properties ?? {}).sort()).to.deep.equal(
      Object.keys(REPORT_FLAGS).sort(),
    );
    expect(topKeys.sort()).to.deep.equal(
      [...Object.keys(RUN_FLAGS), "$schema", "target", "targets", "reports"].sort(),
    );
  });
});

describe("config: finding and loading", () => {
  it("finds xmppspec.config.json here, none when absent, and refuses two", () => {
    const dir = fresh();
    expect(findConfig(dir)).to.equal(undefined);
    writeFileSync(join(dir, "xmppspec.config.json"), "{}");
    expect(findConfig(dir)).to.equal(join(dir, "xmppspec.config.json"));
    writeFileSync(join(dir, "xmppspec.config.mjs"), "export default {};");
    expect(() => findConfig(dir)).to.throw(UsageError, /xmppspec.config.json and xmppspec.config.mjs/);
  });

  it("loads an .mjs config's default export and checks it like JSON", async () => {
    const dir = fresh();
    writeFileSync(join(dir, "xmppspec.config.mjs"), 'export default { suites: ["rfc7622"] };');
    expect((await loadConfig(undefined, dir))?.config).to.deep.equal({ suites: ["rfc7622"] });
    writeFileSync(join(dir, "bad.mjs"), "export default { suite: [] };");
    expect(await refusal(loadConfig("bad.mjs", dir))).to.match(/bad.mjs: unknown key "suite"/);
  });

  it("a TypeScript config is refused in words, found here or named", async () => {
    const dir = fresh();
    writeFileSync(join(dir, "xmppspec.config.ts"), "export default {};");
    expect(await refusal(loadConfig(undefined, dir))).to.match(
      /xmppspec.config.ts: a TypeScript config .* rename it .mjs/,
    );
    expect(await refusal(loadConfig("xmppspec.config.ts", dir))).to.match(/rename it .mjs/);
  });

  it("a missing, unparsable or non-object config is one line", async () => {
    const dir = fresh();
    expect(await refusal(loadConfig("none.json", dir))).to.match(/cannot read .*none.json: ENOENT/);
    writeFileSync(join(dir, "broken.json"), '{ "a": }');
    expect(await refusal(loadConfig("broken.json", dir))).to.match(/broken.json: Unexpected token/);
    writeFileSync(join(dir, "list.json"), "[]");
    expect(await refusal(loadConfig("list.json", dir))).to.match(/a config is an object/);
  });
});

describe("config: merged under the flags", () => {
  it("givenFlags reads --x, --x=v, --no-x and camelCase, and stops at --", () => {
    expect([
      ...givenFlags(["run", "--tls-ca", "a", "--caseTimeout=3", "--no-strict", "--", "--quiet"]),
    ]).to.deep.equal(["tls-ca", "case-timeout", "strict"]);
  });

  it("the config's values replace defaults; every flag given replaces the config's", () => {
    const cfg: Config = {
      suites: ["rfc6121"],
      parallel: 2,
      strict: true,
      failOnSkip: true,
      targets: { p: { url: "xmpp://p:5222", tls: "required", accounts: ["a:b"] } },
    };
    const argv = ["--parallel", "8", "--no-strict", "--account", "c:d"];
    const a = mergeConfig(parse(argv), givenFlags(argv), loadedFrom(cfg));
    expect(a).to.include({
      parallel: 8,
      strict: false,
      "fail-on-skip": true,
      target: "xmpp://p:5222",
      tls: "required",
    });
    expect(a.suite).to.deep.equal(["rfc6121"]);
    expect(a.account).to.deep.equal(["c:d"]);
  });

  it("--target NAME picks a target; --target URL keeps the picked one's settings under a new url", () => {
    const cfg: Config = {
      target: "p",
      targets: { p: { url: "xmpp://p:5222", domain: "p.example" }, e: { faults: ["no-from-stamp"] } },
    };
    const byName = mergeConfig(parse(["--target", "e"]), givenFlags(["--target", "e"]), loadedFrom(cfg));
    expect(byName.target).to.equal(undefined);
    expect(byName.fault).to.deep.equal(["no-from-stamp"]);
    const argv = ["--target", "xmpp://q:5222"];
    const byUrl = mergeConfig(parse(argv), givenFlags(argv), loadedFrom(cfg));
    expect(byUrl).to.include({ target: "xmpp://q:5222", domain: "p.example" });
  });

  it("several targets and none picked, or a default that is not there, is one line", () => {
    const two: Config = { targets: { a: {}, b: {} } };
    expect(() => mergeConfig(parse([]), new Set(), loadedFrom(two))).to.throw(UsageError, /several \(a, b\)/);
    expect(() => mergeConfig(parse([]), new Set(), loadedFrom({ target: "c", targets: {} }))).to.throw(
      UsageError,
      /no "c" in targets/,
    );
  });

  it("paths in the config are relative to its file, paths in flags to the current directory", () => {
    const cfg: Config = { expect: "exp.tsv", reports: { json: "out/r.json", junit: "out/j.xml" } };
    const argv = ["--junit", "mine.xml"];
    const a = mergeConfig(parse(argv), givenFlags(argv), loadedFrom(cfg, "/srv/ci"));
    expect(a).to.include({ expect: "/srv/ci/exp.tsv", json: "/srv/ci/out/r.json", junit: "mine.xml" });
  });
});

describe("config: the command line", function () {
  this.timeout(120_000);
  const dir = fresh();
  const write = (name: string, config: unknown) => {
    writeFileSync(join(dir, name), JSON.stringify(config));
    return join(dir, name);
  };

  it("run reads --config under its flags; relative report paths land beside the config", async () => {
    const file = write("run.json", { suites: ["rfc6120"], quiet: true, reports: { json: "out/r.json" } });
    const r = await cliWithin(
      ["run", "--config", file, "--suite", "rfc7622", "--case", "rfc7622/3.2/**"],
      60_000,
    );
    expect(r.code, r.stderr).to.equal(0);
    expect(r.stdout).to.not.match(/^\[1\//m);
    const doc = JSON.parse(readFileSync(join(dir, "out", "r.json"), "utf8"));
    expect(doc.results.length).to.be.greaterThan(0);
    expect(doc.results.every((x: { suite: string }) => x.suite === "rfc7622")).to.equal(true);
  });

  it("a bad config is one line and exit 2: an unknown key, a bad value, a missing file", async () => {
    for (const [args, message] of [
      [
        ["--config", write("k.json", { targets: { p: { tls_ca: "x" } } })],
        /targets\.p: unknown key "tls_ca" \(did you mean "tlsCa"\?\)/,
      ],
      [["--config", write("v.json", { failOnSkip: "yes" })], /failOnSkip: must be a boolean, not "yes"/],
      [["--config", join(dir, "missing.json")], /cannot read .*missing.json: ENOENT/],
    ] as const) {
      const r = await cliWithin(["run", ...args], 60_000);
      expect(r.code, r.stderr).to.equal(2);
      expect(r.stderr.trim().split("\n")).to.have.length(1);
      expect(r.stderr).to.match(message);
    }
  });
});

describe("config: README", () => {
  it("the example config in README.md is valid against the schema", () => {
    const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
    const example = /### Config file[\s\S]*?```jsonc\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(example, "a jsonc block under ### Config file").to.be.a("string");
    expect(checkSchema(configSchema(), parseJsonc(example ?? ""))).to.equal(undefined);
  });
});

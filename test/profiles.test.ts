// Compliance profiles (XEP-0479): what each requires, how a run is judged against one, what a target claims,
// and `run --profile` as a user meets it.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "chai";
import { probeClaims } from "../harness/profiles/claims.ts";
import { judgeProfile, SpecCases } from "../harness/profiles/judge.ts";
import { profile, profiles, requiredSpecs } from "../harness/profiles/profiles.ts";
import type { CaseResult, RunResults } from "../harness/results.ts";
import { probeTarget } from "../harness/runner/target.ts";
import { resolveTarget } from "../harness/runner/target-config.ts";
import { profileMarkdown, profileText, profileVerdictLine } from "../reports/profiles.ts";
import { cliWithin } from "./support/cli-child.ts";

const named = (name: string) => {
  const p = profile(name);
  if (!p) throw new Error(`no profile ${name}`);
  return p;
};

const result = (
  id: string,
  suite: string,
  verdict: CaseResult["verdict"],
  requirements: string[],
): CaseResult => ({
  id,
  title: id,
  suite,
  section: "1",
  requirements,
  level: "MUST",
  verdict,
  durationMs: 1,
  transcript: [],
});

describe("compliance profiles (XEP-0479, 2023)", () => {
  it("reads a profile per category and server level, Core's features in every category", () => {
    const names = profiles().map((p) => p.name);
    for (const n of [
      "cs2023-core-server",
      "cs2023-im-server",
      "cs2023-mobile-server",
      "cs2023-im-advanced-server",
    ])
      expect(names).to.include(n);
    const im = requiredSpecs(named("cs2023-im-server"));
    expect(im).to.include.members(["RFC 6120", "XEP-0030", "XEP-0114", "RFC 6121", "XEP-0054", "XEP-0280"]);
    expect(im, "'no' at the Server level").to.not.include("XEP-0191");
    expect(requiredSpecs(named("cs2023-im-advanced-server"))).to.include.members([
      "XEP-0191",
      "XEP-0313",
      "XEP-0368",
    ]);
    expect(requiredSpecs(named("cs2023-mobile-server"))).to.deep.equal([
      "RFC 6120",
      "RFC 7590",
      "XEP-0030",
      "XEP-0114",
      "XEP-0198",
      "XEP-0352",
    ]);
  });

  it("meets only when every required specification meets; a failure names its MUST rows", () => {
    const p = named("cs2023-mobile-server");
    // the suites there are: RFC 6120's and three XEPs' (XEP-0114 has none: not tested); RFC 7590 has no suite
    // of its own, so the cases citing its rows check it
    const suites = ["rfc6120", "xep0030", "xep0198", "xep0352"].map((suite) => ({ suite, requirements: [] }));
    const tls = { suite: "rfc6120", requirements: ["RFC7590-3.1-1"] };
    const tested = new SpecCases([...suites, tls]);
    const all = new SpecCases([...suites, tls, { suite: "xep0114", requirements: [] }]);
    const claims = { "XEP-0030": "yes", "XEP-0198": "yes", "XEP-0352": "yes" } as const;
    const passing = [
      result("rfc6120/4/a", "rfc6120", "PASS", ["RFC6120-4.7.3-1"]),
      result("xep0030/3/a", "xep0030", "PASS", []),
      result("xep0198/4/a", "xep0198", "PASS", []),
      result("xep0352/4/a", "xep0352", "PASS", []),
      result("rfc6120/5/tls", "rfc6120", "PASS", ["RFC7590-3.1-1"]),
    ];
    const untested = judgeProfile(p, passing, claims, tested);
    expect(untested.verdict, "XEP-0114 has no case: never counted as met").to.equal("not shown to meet");
    expect(untested.specs.find((s) => s.spec === "XEP-0114")?.verdict).to.equal("not tested");
    expect(judgeProfile(p, passing, claims, all).specs.find((s) => s.spec === "XEP-0114")?.verdict).to.equal(
      "not established",
    );

    const failing = [
      ...passing,
      result("xep0198/4/b", "xep0198", "FAIL", ["XEP0198-4-3", "RFC6120-8.2.3-1"]),
    ];
    const judged = judgeProfile(p, failing, claims, tested);
    expect(judged.verdict).to.equal("does not meet");
    expect(judged.failing).to.deep.equal(["XEP0198-4-3"]);
    expect(profileVerdictLine(judged)).to.match(/does not meet \(1 MUST requirements fail: XEP0198-4-3\)/);

    const unclaimed = judgeProfile(p, passing, { ...claims, "XEP-0352": "no" }, all);
    expect(unclaimed.specs.find((s) => s.spec === "XEP-0352")?.verdict).to.equal("does not meet");
    expect(profileVerdictLine(unclaimed)).to.match(/not advertised: XEP-0352/);

    const decided = judgeProfile(p, [...passing, result("x/1/b", "xep0114", "PASS", [])], claims, all);
    expect(decided.verdict).to.equal("meets");
    expect(profileText(decided)).to.match(/=> cs2023-mobile-server: meets/);
    expect(profileMarkdown(judged)).to.match(
      /\| XEP-0198 \| yes \| 1\/1\/0\/0 \| 50\.0 % \| does not meet: XEP0198-4-3 \|/,
    );
  });

  it("asks the embedded server what it claims: disco, stream features, the endpoints given", async function () {
    this.timeout(30_000);
    const { target, server } = await resolveTarget(
      { tls: "optional", insecure: false, account: [], fault: [] },
      { inProcess: true },
    );
    try {
      expect((await probeTarget(target, 3000)).ok).to.equal(true);
      const claims = await probeClaims(
        target,
        ["RFC 6120", "XEP-0030", "XEP-0215", "RFC 7395", "XEP-0999"],
        3000,
      );
      expect(claims).to.deep.equal({
        "RFC 6120": "yes",
        "XEP-0030": "yes",
        "XEP-0215": "no",
        "RFC 7395": "yes",
        "XEP-0999": "unknown",
      });
    } finally {
      await server?.stop();
    }
  });

  it("`run --profile` ends with the profile's table and writes it into the results", async function () {
    this.timeout(120_000);
    const dir = mkdtempSync(join(tmpdir(), "xmppspec-profile-"));
    const json = join(dir, "r.json");
    const md = join(dir, "r.md");
    const r = await cliWithin(
      [
        "run",
        "--profile",
        "cs2023-core-server",
        "--case",
        "rfc6120/4.7*/**",
        "--quiet",
        "--json",
        json,
        "--markdown",
        md,
      ],
      100_000,
    );
    expect(r.code, r.stderr).to.equal(0);
    expect(r.stdout).to.match(/Profile XEP-0479 \(2023\) Core Server \(cs2023-core-server\)/);
    expect(r.stdout).to.match(/=> cs2023-core-server: /);
    const doc = JSON.parse(readFileSync(json, "utf8")) as RunResults;
    expect(doc.profiles?.[0].name).to.equal("cs2023-core-server");
    expect(doc.results.every((c) => c.id.startsWith("rfc6120/4.7"))).to.equal(true);
    expect(readFileSync(md, "utf8")).to.match(/### Profile XEP-0479 \(2023\) Core Server/);
  });

  it("an unknown profile gives one line naming those there are, exit 2", async () => {
    const r = await cliWithin(["run", "--profile", "cs2023-nothing"], 30_000);
    expect(r.code).to.equal(2);
    expect(r.stderr.trim().split("\n")).to.have.length(1);
    expect(r.stderr).to.match(/unknown profile 'cs2023-nothing' \(have: cs2023-core-server, /);
  });
});

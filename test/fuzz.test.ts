// The fuzzer itself: no false alarms against the fault-free reference server, the stored regressions
// replay (failing under their fault, passing without it), loopback-only targets, the command line.
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "chai";
import fc from "fast-check";
import { parseLevels } from "../bin/commands/fuzz.ts";
import { parseDuration } from "../bin/commands/target-options.ts";
import { foundNothing, runCampaign, TurnOver } from "../harness/fuzz/campaign.ts";
import { loadFinding } from "../harness/fuzz/finding.ts";
import { type StanzaSpec, stanzaLevel } from "../harness/fuzz/levels/stanza.ts";
import { replayFinding } from "../harness/fuzz/replay.ts";
import { runCase } from "../harness/fuzz/run-case.ts";
import { checkLoopback, openRig } from "../harness/fuzz/setup.ts";
import { OracleFailure } from "../harness/fuzz/types.ts";
import { cliWithin } from "./support/cli-child.ts";

const REGRESSIONS = new URL("../fixtures/regressions/", import.meta.url).pathname;
const BASE = { tls: "optional", insecure: false, account: [] as string[] };

const cli = (args: string[], deadlineMs = 90_000) => cliWithin(args, deadlineMs);

describe("the stanza fuzzer", function () {
  this.timeout(180_000);

  it("finds nothing in the fault-free reference server (every level, fixed seed)", async () => {
    const o = await openRig({ ...BASE, fault: [] }, 3000);
    try {
      const stats = await runCampaign({
        rig: o.rig,
        levels: ["xml", "address", "stanza", "session"],
        seed: 20261125,
        runs: 240,
        chunk: 30,
        target: { name: "embedded", url: o.url },
      });
      expect(stats.findings.map((f) => f.message)).to.deep.equal([]);
      expect(stats.cases).to.equal(240);
      for (const l of ["xml", "address", "stanza", "session"] as const)
        expect(stats.perLevel[l], l).to.be.above(0);
    } finally {
      await o.close();
    }
  });

  const files = readdirSync(REGRESSIONS).filter((f) => f.endsWith(".json"));
  it("keeps shrunk regressions in fixtures/regressions", () => {
    expect(files.length).to.be.at.least(3);
  });
  for (const file of files) {
    it(`regression ${file}: fails under its fault, passes without it`, async () => {
      const f = loadFinding(join(REGRESSIONS, file));
      expect(f.shrunk).to.equal(true);
      const faulty = await openRig({ ...BASE, fault: f.target.faults ?? [] }, 1500);
      try {
        const r = await replayFinding(faulty.rig, f);
        expect(r.reproduced, r.message ?? "passed").to.equal(true);
      } finally {
        await faulty.close();
      }
      const clean = await openRig({ ...BASE, fault: [] }, 1500);
      try {
        const r = await replayFinding(clean.rig, f);
        expect(r.reproduced || r.other !== undefined, r.message).to.equal(false);
      } finally {
        await clean.close();
      }
    });
  }

  it("judges a batch that broke a party's stream parsing at once, without waiting for alice's close", async () => {
    // relay-comment slips a comment into every message routed to a client: bob's parser stops there
    // (RFC 6120 §11.1), the verdict is well-formed, and nothing alice's stream does later can change it
    const o = await openRig({ ...BASE, fault: ["relay-comment"] }, 1500);
    try {
      const { alice } = await o.rig.getParties();
      // a wait for the target to close alice's stream while her side is still open (teardown's close
      // waits for the answer to its own </stream:stream>: that one does not count)
      let closeAwaited = 0;
      let closing = false;
      const expectClose = alice.expectClose.bind(alice);
      const close = alice.close.bind(alice);
      alice.expectClose = (...args) => {
        if (!closing) closeAwaited += 1;
        return expectClose(...args);
      };
      alice.close = (...args) => {
        closing = true;
        return close(...args);
      };
      const message: StanzaSpec = { kind: "message", to: "bob-full", type: "chat", id: true, children: [] };
      const err = await runCase(o.rig, stanzaLevel, [message]).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).to.be.instanceOf(OracleFailure);
      expect((err as OracleFailure).oracle).to.equal("well-formed");
      expect(closeAwaited, "alice's close awaited").to.equal(0);
    } finally {
      await o.close();
    }
  });

  it("refuses a target off loopback unless --allow-remote", () => {
    expect(() => checkLoopback({ ...BASE, fault: [], target: "xmpp://10.1.2.3:5222" }, false)).to.throw(
      /allow-remote/,
    );
    expect(() => checkLoopback({ ...BASE, fault: [], target: "xmpp://10.1.2.3:5222" }, true)).to.not.throw();
    expect(() =>
      checkLoopback(
        { ...BASE, fault: [], target: "xmpp://127.0.0.1:5222", websocket: "ws://192.0.2.1/x" },
        false,
      ),
    ).to.throw(/websocket/);
    expect(() => checkLoopback({ ...BASE, fault: [], target: "xmpp://[::1]:5222" }, false)).to.not.throw();
  });

  it("takes a turn the deadline cut before its first case ended for no finding (fast-check reports it failed)", async () => {
    const slow = fc.asyncProperty(fc.nat(), () => new Promise<void>((r) => setTimeout(r, 50)));
    const cut = await fc.check(slow, { numRuns: 5, interruptAfterTimeLimit: 1 });
    expect([cut.failed, cut.interrupted, cut.errorInstance]).to.deep.equal([true, true, null]);
    expect(
      foundNothing(cut, () => true),
      "cut at the campaign's deadline",
    ).to.equal(true);
    expect(
      foundNothing(cut, () => false),
      "cut with the campaign still on",
    ).to.equal(false);
    const spent = await fc.check(
      fc.asyncProperty(fc.nat(), async () => {
        throw new TurnOver();
      }),
    );
    expect(foundNothing(spent, () => false)).to.equal(true);
    const broke = await fc.check(
      fc.asyncProperty(fc.nat(), async () => {
        throw new OracleFailure("alive", "no answer");
      }),
    );
    expect(foundNothing(broke, () => true)).to.equal(false);
  });

  it("reads durations and levels, and refuses bad ones", () => {
    expect(parseDuration("60s")).to.equal(60_000);
    expect(parseDuration("2m")).to.equal(120_000);
    expect(parseDuration("1500ms")).to.equal(1500);
    expect(() => parseDuration("soon")).to.throw(/duration/);
    expect(parseLevels(["all"])).to.deep.equal(["xml", "address", "stanza", "session", "sm", "mam"]);
    expect(parseLevels(["xml,stanza"])).to.deep.equal(["xml", "stanza"]);
    expect(() => parseLevels(["bogus"])).to.throw(/unknown level/);
  });

  it("CLI: refuses a remote target in one line (exit 2)", async () => {
    const r = await cli(["fuzz", "--target", "xmpp://10.1.2.3:5222", "--runs", "1"]);
    expect(r.code).to.equal(2);
    expect(r.stderr.trim().split("\n")).to.have.length(1);
    expect(r.stderr).to.match(/allow-remote/);
  });

  it("CLI: fuzz writes a summary, replay exits 1 while the finding still fails", async () => {
    const dir = mkdtempSync(join(tmpdir(), "xmppspec-fuzz-"));
    const run = await cli([
      "fuzz",
      "--fault",
      "crash-address-form",
      "--level",
      "address",
      "--seed",
      "2",
      "--runs",
      "60",
      "--out",
      dir,
      "--json",
      join(dir, "s.json"),
      "--quiet",
    ]);
    const summary = JSON.parse(readFileSync(join(dir, "s.json"), "utf8"));
    expect(
      summary.findings.map((f: { oracle: string }) => f.oracle),
      run.stderr,
    ).to.include("alive");
    expect(run.code).to.equal(1);
    const file = summary.findings[0].file as string;
    const replayed = await cli(["replay", file, "--fault", "crash-address-form"]);
    expect(replayed.code, replayed.stdout + replayed.stderr).to.equal(1);
    expect(replayed.stdout).to.match(/still fails/);
  });
});

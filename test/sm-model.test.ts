// The XEP-0198 model (harness/fuzz/levels/sm.ts) finds the reference server's resumption faults from a
// fixed seed: a shrunk sequence of sends, acks and cuts, saved as a finding, loaded back and replayed
// under the fault, and passing on the server without it.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "chai";
import { runCampaign } from "../harness/fuzz/campaign.ts";
import { type Finding, loadFinding, saveFinding } from "../harness/fuzz/finding.ts";
import { replayFinding } from "../harness/fuzz/replay.ts";
import { openRig } from "../harness/fuzz/setup.ts";

const FAULTS = ["sm-h-off-by-one", "sm-resume-loses-stanza", "sm-resume-duplicates-stanza"];
const BASE = { tls: "optional", insecure: false, account: [] as string[] };
const TIMEOUT_MS = 1500;

describe("the stream-management model finds the resumption faults (fixed seed)", function () {
  this.timeout(120_000);
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "xmppspec-sm-"));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("runs clean against the reference server without faults", async () => {
    const clean = await openRig({ ...BASE, fault: [] }, TIMEOUT_MS);
    try {
      const stats = await runCampaign({
        rig: clean.rig,
        levels: ["sm"],
        seed: 1,
        durationMs: 8_000,
        chunk: 50,
        target: { name: "embedded", url: clean.url },
      });
      expect(stats.cases).to.be.above(10);
      expect(stats.findings.map((f) => f.message)).to.deep.equal([]);
    } finally {
      await clean.close();
    }
  });

  for (const fault of FAULTS) {
    it(`${fault}: found, shrunk, saved, replayed`, async () => {
      const faulty = await openRig({ ...BASE, fault: [fault] }, TIMEOUT_MS);
      let file: string;
      try {
        const stats = await runCampaign({
          rig: faulty.rig,
          levels: ["sm"],
          seed: 1,
          durationMs: 40_000,
          chunk: 50,
          shrinkMs: 8_000,
          target: { name: "embedded", url: faulty.url, faults: [fault] },
          stopAt: (f) => f.oracle === "model",
        });
        const found = stats.findings.find((f) => f.oracle === "model");
        expect(found, `no model finding in ${stats.cases} cases`).to.not.equal(undefined);
        const f = found as Finding;
        expect(f.shrunk).to.equal(true);
        // the smallest sequence that shows a resumption fault is one cut (with what it needs before)
        expect((f.input as unknown[]).length).to.be.at.most(3);
        file = saveFinding(dir, f);
        const again = await replayFinding(faulty.rig, loadFinding(file));
        expect(again.reproduced, `replay under ${fault}: ${again.message ?? "passed"}`).to.equal(true);
      } finally {
        await faulty.close();
      }
      const clean = await openRig({ ...BASE, fault: [] }, TIMEOUT_MS);
      try {
        const fixed = await replayFinding(clean.rig, loadFinding(file));
        expect(fixed.reproduced || fixed.other !== undefined, `without the fault: ${fixed.message}`).to.equal(
          false,
        );
      } finally {
        await clean.close();
      }
    });
  }
});

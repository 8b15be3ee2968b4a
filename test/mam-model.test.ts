// The archive model property (the fuzzer's mam level: random sends and paged reads checked against a model
// of the archive, over real connections) finds the reference server's XEP-0313 paging and storage faults
// from a fixed seed, shrinks each to a short sequence, saves it as a finding file, and the saved finding
// replays: it breaks the model again under the fault and passes without it.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "chai";
import { runCampaign } from "../harness/fuzz/campaign.ts";
import { type Finding, loadFinding, saveFinding } from "../harness/fuzz/finding.ts";
import { replayFinding } from "../harness/fuzz/replay.ts";
import { openRig } from "../harness/fuzz/setup.ts";

const FAULTS = [
  "mam-page-skips-item",
  "mam-wrong-order",
  "mam-complete-early",
  "mam-modifies-message",
  "mam-unknown-id-answered",
  "mam-before-ignored",
];
const BASE = { tls: "optional", insecure: false, account: [] as string[] };
const TIMEOUT_MS = 1500;
const SEED = 1;

describe("the archive model property (fuzz level mam) finds the XEP-0313 faults from a fixed seed", function () {
  this.timeout(120_000);
  let dir = "";
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "xmppspec-mam-"));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("keeps to the model on the reference server without faults", async () => {
    const clean = await openRig({ ...BASE, fault: [] }, TIMEOUT_MS);
    try {
      const stats = await runCampaign({
        rig: clean.rig,
        levels: ["mam"],
        seed: SEED,
        runs: 40,
        target: { name: "embedded", url: clean.url },
      });
      expect(stats.findings.map((f) => f.message)).to.deep.equal([]);
      expect(stats.perLevel.mam).to.equal(40);
    } finally {
      await clean.close();
    }
  });

  for (const fault of FAULTS) {
    it(`${fault}: found, shrunk, saved, replayed`, async () => {
      const faulty = await openRig({ ...BASE, fault: [fault] }, TIMEOUT_MS);
      let saved = "";
      try {
        const stats = await runCampaign({
          rig: faulty.rig,
          levels: ["mam"],
          seed: SEED,
          durationMs: 50_000,
          chunk: 200,
          shrinkMs: 8_000,
          target: { name: "embedded", url: faulty.url, faults: [fault] },
          stopAt: (f) => f.oracle === "model",
        });
        const finding = stats.findings.find((f) => f.oracle === "model");
        expect(finding, `no model finding in ${stats.cases} cases`).to.not.equal(undefined);
        const found = finding as Finding;
        expect(found.shrunk).to.equal(true);
        expect((found.input as unknown[]).length, "the shrunk sequence is short").to.be.at.most(4);
        saved = saveFinding(dir, found);
        const again = await replayFinding(faulty.rig, loadFinding(saved));
        expect(again.reproduced, `replay under ${fault}: ${again.message ?? "passed"}`).to.equal(true);
      } finally {
        await faulty.close();
      }
      const clean = await openRig({ ...BASE, fault: [] }, TIMEOUT_MS);
      try {
        const fixed = await replayFinding(clean.rig, loadFinding(saved));
        expect(fixed.reproduced || fixed.other !== undefined, `without the fault: ${fixed.message}`).to.equal(
          false,
        );
      } finally {
        await clean.close();
      }
    });
  }
});

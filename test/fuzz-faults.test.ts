// The fuzzer finds the reference server's fuzz-relevant faults: from a fixed seed, within 60 s, with a
// shrunk reproducer that replay confirms against the faulty server and that passes without the fault.
import { expect } from "chai";
import { runCampaign } from "../harness/fuzz/campaign.ts";
import { replayFinding } from "../harness/fuzz/replay.ts";
import { openRig } from "../harness/fuzz/setup.ts";
import type { Level, OracleName } from "../harness/fuzz/types.ts";
import { allFaults } from "../harness/server/faults/index.ts";

interface Hunt {
  fault: string;
  level: Level;
  seed: number;
  /** The oracles that may catch it (a fault can show first through either). */
  oracles: OracleName[];
}

/** Each fault with the level that reaches it and a seed that finds it early. */
const HUNTS: Hunt[] = [
  { fault: "crash-deep-nesting", level: "xml", seed: 1, oracles: ["alive"] },
  { fault: "crash-invalid-utf8", level: "xml", seed: 1, oracles: ["alive"] },
  { fault: "wrong-stream-error", level: "xml", seed: 1, oracles: ["stream-error"] },
  { fault: "pass-restricted-xml", level: "xml", seed: 1, oracles: ["stream-error"] },
  { fault: "restricted-xml-mixed", level: "xml", seed: 1, oracles: ["stream-error"] },
  { fault: "crash-address-form", level: "address", seed: 1, oracles: ["alive"] },
  { fault: "relay-comment", level: "stanza", seed: 1, oracles: ["well-formed"] },
  { fault: "iq-double-reply", level: "stanza", seed: 1, oracles: ["iq-reply"] },
  { fault: "iq-no-reply", level: "stanza", seed: 1, oracles: ["iq-reply"] },
  { fault: "leak-message", level: "stanza", seed: 1, oracles: ["no-leak"] },
  { fault: "unescaped-relay", level: "stanza", seed: 1, oracles: ["well-formed", "payload"] },
  { fault: "no-from-stamp", level: "stanza", seed: 1, oracles: ["from-stamp", "iq-reply"] },
  // a dropped IQ is a dropped request too: it shows as an IQ left without reply as often as a missing copy
  { fault: "drop-spoofed-from", level: "stanza", seed: 1, oracles: ["from-stamp", "iq-reply"] },
  { fault: "spoofed-from-not-authorized", level: "stanza", seed: 1, oracles: ["from-stamp"] },
  { fault: "allow-spoofed-from", level: "address", seed: 1, oracles: ["from-stamp", "no-leak"] },
  { fault: "server-reply-no-from", level: "stanza", seed: 1, oracles: ["from-stamp"] },
  { fault: "error-two-conditions", level: "stanza", seed: 1, oracles: ["error-condition"] },
  { fault: "offline-alter", level: "session", seed: 1, oracles: ["payload"] },
  { fault: "route-stanza-before-bind", level: "session", seed: 1, oracles: ["no-leak"] },
];

const BASE = { tls: "optional", insecure: false, account: [] as string[] };
const TIMEOUT_MS = 1500;

describe("the fuzzer finds the reference server's faults (fixed seeds)", function () {
  this.timeout(300_000);

  it("hunts at least 12 faults, every fuzz-only fault among them", () => {
    expect(new Set(HUNTS.map((h) => h.fault)).size).to.be.at.least(12);
    const fuzzOnly = allFaults()
      .filter((f) => f.fuzzOnly)
      .map((f) => f.name);
    expect(fuzzOnly).to.not.be.empty;
    for (const name of fuzzOnly)
      expect(
        HUNTS.map((h) => h.fault),
        name,
      ).to.include(name);
  });

  for (const h of HUNTS) {
    it(`${h.fault}: found at the ${h.level} level, shrunk, replayed`, async () => {
      const faulty = await openRig({ ...BASE, fault: [h.fault] }, TIMEOUT_MS);
      let finding: Awaited<ReturnType<typeof runCampaign>>["findings"][number] | undefined;
      try {
        const stats = await runCampaign({
          rig: faulty.rig,
          levels: [h.level],
          seed: h.seed,
          // a number of cases, not a time: a fixed seed then finds the fault however loaded the machine
          // is (the slowest, spoofed-from-not-authorized, needs about 20,000); the time is a backstop
          runs: 60_000,
          durationMs: 200_000,
          chunk: 500,
          shrinkMs: 8_000,
          target: { name: "embedded", url: faulty.url, faults: [h.fault] },
          stopAt: (f) => h.oracles.includes(f.oracle),
        });
        finding = stats.findings.find((f) => h.oracles.includes(f.oracle));
        expect(
          finding,
          `no ${h.oracles.join("/")} finding in ${stats.cases} cases: ${JSON.stringify(stats.findings.map((f) => f.message))}`,
        ).to.not.equal(undefined);
        const again = await replayFinding(faulty.rig, finding!);
        expect(again.reproduced, `replay under ${h.fault}: ${again.message ?? "passed"}`).to.equal(true);
      } finally {
        await faulty.close();
      }
      const clean = await openRig({ ...BASE, fault: [] }, TIMEOUT_MS);
      try {
        const fixed = await replayFinding(clean.rig, finding!);
        expect(fixed.reproduced || fixed.other !== undefined, `without the fault: ${fixed.message}`).to.equal(
          false,
        );
      } finally {
        await clean.close();
      }
    });
  }
});

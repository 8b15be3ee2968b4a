// The fuzzer finds the reference server's fuzz-relevant faults: from a fixed seed, within 60 s, with a
// shrunk reproducer that replay confirms against the faulty server and that passes without the fault.
import { expect } from "chai";
import { runCampaign } from "../harness/fuzz/campaign.ts";
import { type ReplayOutcome, replayFinding } from "../harness/fuzz/replay.ts";
import { openRig } from "../harness/fuzz/setup.ts";
import type { Level, OracleName } from "../harness/fuzz/types.ts";
import { allFaults } from "../harness/server/faults/index.ts";
import { selectedByMocha } from "./support/mocha-grep.ts";
import { limited } from "./support/side-by-side.ts";

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
/**
 * Hunts run side by side: most of a hunt is waiting out answers its fault withholds (a shrink step of
 * iq-no-reply is a 1.5 s wait), so hunts overlap well; each test then reads its own.
 */
const SIDE_BY_SIDE = 4;

type Found = Awaited<ReturnType<typeof runCampaign>>["findings"][number];

interface HuntResult {
  finding?: Found;
  /** Why the campaign found nothing the hunt looks for. */
  missed?: string;
  /** The finding replayed against the faulty server, then against an unfaulted one. */
  again?: ReplayOutcome;
  fixed?: ReplayOutcome;
}

/** Campaign against the faulty server from the hunt's seed, then the finding replayed with and without the fault. */
async function hunt(h: Hunt): Promise<HuntResult> {
  const faulty = await openRig({ ...BASE, fault: [h.fault] }, TIMEOUT_MS);
  let finding: Found | undefined;
  let again: ReplayOutcome;
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
    if (!finding)
      return {
        missed: `no ${h.oracles.join("/")} finding in ${stats.cases} cases: ${JSON.stringify(stats.findings.map((f) => f.message))}`,
      };
    again = await replayFinding(faulty.rig, finding);
  } finally {
    await faulty.close();
  }
  const clean = await openRig({ ...BASE, fault: [] }, TIMEOUT_MS);
  try {
    return { finding, again, fixed: await replayFinding(clean.rig, finding) };
  } finally {
    await clean.close();
  }
}

const SUITE = "the fuzzer finds the reference server's faults (fixed seeds)";
const title = (h: Hunt) => `${h.fault}: found at the ${h.level} level, shrunk, replayed`;

describe(SUITE, function () {
  this.timeout(300_000);
  const hunts = new Map<string, Promise<HuntResult>>();

  before(() => {
    const selected = selectedByMocha();
    const wanted = HUNTS.filter((h) => selected(`${SUITE} ${title(h)}`));
    limited(
      SIDE_BY_SIDE,
      wanted.map((h) => () => hunt(h)),
    ).forEach((run, i) => {
      hunts.set(wanted[i].fault, run);
    });
  });

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
    it(title(h), async () => {
      const run = hunts.get(h.fault);
      if (!run) throw new Error(`no hunt for ${h.fault}`);
      const { finding, missed, again, fixed } = await run;
      expect(finding, missed).to.not.equal(undefined);
      expect(again?.reproduced, `replay under ${h.fault}: ${again?.message ?? "passed"}`).to.equal(true);
      expect(
        fixed?.reproduced || fixed?.other !== undefined,
        `without the fault: ${fixed?.message}`,
      ).to.equal(false);
    });
  }
});

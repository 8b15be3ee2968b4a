// Stream-management level (XEP-0198): fc.commands over a model of the stanzas a session owes its client,
// across random cut points and resumptions, run by fc.asyncModelRun over real connections (bob and the
// accounts kept across runs: ./sm-parties.ts). A failure shrinks to the shortest sequence of sends, acks
// and cuts that shows it; a finding replays it.
import fc from "fast-check";
import { bounded } from "../../bounded.ts";
import { offersSm, SmTracker, sendEnable, smTrue } from "../../session/sm.ts";
import type { Rig } from "../rig.ts";
import { RigError } from "../types.ts";
import type { LevelSpec } from "./level.ts";
import {
  newSmModel,
  type SmCommandSpec,
  type SmModel,
  type SmReal,
  smCommandOf,
  smSpecOf,
} from "./sm-commands.ts";
import { type SmParties, smParties } from "./sm-parties.ts";

type Commands = Iterable<fc.AsyncCommand<SmModel, SmReal, boolean>>;

const few = fc.integer({ min: 1, max: 3 });

export function smArb(): fc.Arbitrary<Commands> {
  return fc.commands(
    [
      few.map((n) => smCommandOf({ op: "send", n })),
      few.map((n) => smCommandOf({ op: "alice-sends", n })),
      fc.constant(smCommandOf({ op: "ack" })),
      fc.constant(smCommandOf({ op: "request" })),
      fc
        .record({
          during: fc.integer({ min: 0, max: 2 }),
          h: fc.constantFrom<"acked" | "handled">("acked", "handled"),
        })
        .map(({ during, h }) => smCommandOf({ op: "cut-resume", during, h })),
    ],
    { maxCommands: 8 },
  );
}

export function runSm(rig: Rig, cmds: Commands): Promise<void> {
  return smParties.run(rig, (u) => runWith(rig, u, cmds));
}

async function runWith(rig: Rig, u: SmParties, cmds: Commands): Promise<void> {
  const a = u.aliceAccount;
  const alice = await rig.login(a, "alice", false);
  try {
    // XEP-0198 is optional, and so is resumption: a target without them has nothing to check here
    if (!offersSm(alice)) return;
    const tracker = new SmTracker();
    tracker.watch(alice);
    const enabled = await sendEnable(alice, { resume: "true" }).catch((err: Error) => {
      throw new RigError(`stream management could not be enabled: ${err.message}`);
    });
    const smId = enabled.attrs.id;
    if (enabled.name !== "enabled" || !smTrue(enabled.attrs.resume) || !smId) return;
    const aliceJid = alice.jid?.toString() ?? "";
    const real: SmReal = {
      rig,
      alice,
      bob: u.bob,
      aliceAccount: a,
      aliceJid,
      smId,
      tracker,
      serial: u.serial,
    };
    await fc.asyncModelRun(() => ({ model: newSmModel(), real }), cmds);
  } finally {
    await bounded(
      // the run's own sessions only (alice and her resumptions): kept parties stay logged in
      Promise.all(
        rig
          .sessions()
          .filter((s) => !rig.isKept(s))
          .map((s) => s.close(500).catch(() => s.destroy())),
      ),
      2000,
      () => [],
    );
  }
}

export const smLevel: LevelSpec<Commands> = {
  level: "sm",
  arbitrary: smArb,
  run: runSm,
  // the commands that ran: those after the failing one never did, and a reproducer does without them
  encode: (cmds) => {
    const all = [...cmds];
    const ran = all.filter((c) => (c as { hasRan?: boolean }).hasRan !== false);
    return (ran.length > 0 ? ran : all).map(smSpecOf);
  },
  decode: (j) => (j as SmCommandSpec[]).map(smCommandOf),
};

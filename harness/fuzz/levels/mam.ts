// Archive level (XEP-0313, XEP-0059): fc.commands over a model of one user's archive, random sends and
// paged reads (random <max/>, pages after or before a random message, whole walks), run by
// fc.asyncModelRun over real connections, by users kept across runs (./mam-parties.ts); a target whose
// account does not advertise urn:xmpp:mam:2 has nothing to check.
import fc from "fast-check";
import type { Rig } from "../rig.ts";
import type { LevelSpec } from "./level.ts";
import { type MamCommandSpec, type MamModel, type MamReal, mamCommandOf, mamSpecOf } from "./mam-commands.ts";
import { mamParties } from "./mam-parties.ts";

type Commands = Iterable<fc.AsyncCommand<MamModel, MamReal, boolean>>;

export function mamArb(): fc.Arbitrary<Commands> {
  return fc.commands(
    [
      fc.integer({ min: 1, max: 8 }).map((count) => mamCommandOf({ op: "send", count })),
      fc
        .record({
          max: fc.integer({ min: 1, max: 10 }),
          backwards: fc.boolean(),
          at: fc.oneof(fc.constant(-1), fc.double({ min: 0, max: 0.999, noNaN: true })),
        })
        .map((p) => mamCommandOf({ op: "page", ...p })),
      fc.integer({ min: 1, max: 10 }).map((max) => mamCommandOf({ op: "walk", max })),
      fc.boolean().map((backwards) => mamCommandOf({ op: "unknown-id", backwards })),
    ],
    { maxCommands: 12 },
  );
}

export function runMam(rig: Rig, cmds: Commands): Promise<void> {
  return mamParties.run(rig, async (u) => {
    if (!u.archives) return;
    const real: MamReal = {
      rig,
      alice: u.alice,
      bob: u.bob,
      archiveIds: new Map(),
      tag: u.aliceAccount.username,
      next: u.next,
      priorLast: u.priorLast,
    };
    try {
      await fc.asyncModelRun(() => ({ model: { prior: u.prior, sent: [] }, real }), cmds);
    } finally {
      u.next = real.next;
    }
  });
}

export const mamLevel: LevelSpec<Commands> = {
  level: "mam",
  arbitrary: mamArb,
  run: runMam,
  encode: (cmds) => [...cmds].map(mamSpecOf),
  decode: (j) => (j as MamCommandSpec[]).map(mamCommandOf),
};

// Archive level (XEP-0313, XEP-0059): fc.commands over a model of one user's archive, random sends and
// paged reads (random <max/>, pages after or before a random message, whole walks), run by
// fc.asyncModelRun over real connections; a target whose account does not advertise urn:xmpp:mam:2 has
// nothing to check.
import fc from "fast-check";
import { bounded } from "../../bounded.ts";
import { NS_MAM } from "../../mam.ts";
import { NS, xml } from "../../xml/element.ts";
import type { Rig } from "../rig.ts";
import type { LevelSpec } from "./level.ts";
import { type MamCommandSpec, type MamModel, type MamReal, mamCommandOf, mamSpecOf } from "./mam-commands.ts";

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

export async function runMam(rig: Rig, cmds: Commands): Promise<void> {
  const [a, b] = await rig.freshAccounts(2);
  const alice = await rig.login(a, "alice", true);
  const bob = await rig.login(b, "bob", true);
  try {
    const info = await alice.iq(xml("iq", { type: "get", to: a.jid }, xml("query", { xmlns: NS.discoInfo })));
    const features = info.getChild("query", NS.discoInfo)?.getChildren("feature") ?? [];
    if (!features.some((f) => f.attrs.var === NS_MAM)) return;
    const real: MamReal = { rig, alice, bob, archiveIds: new Map(), tag: a.username, next: 0 };
    await fc.asyncModelRun(() => ({ model: { sent: [] }, real }), cmds);
  } finally {
    await bounded(
      Promise.all([alice, bob].map((s) => s.close(500).catch(() => s.destroy()))),
      2000,
      () => [],
    );
    await rig.releaseAccounts([a, b]);
  }
}

export const mamLevel: LevelSpec<Commands> = {
  level: "mam",
  arbitrary: mamArb,
  run: runMam,
  encode: (cmds) => [...cmds].map(mamSpecOf),
  decode: (j) => (j as MamCommandSpec[]).map(mamCommandOf),
};

// Session level: fc.commands over a model of two users' subscriptions, rosters and presence and a
// third user's offline messages, run by fc.asyncModelRun over real connections, with stanzas sent
// out of order during negotiation.
import fc from "fast-check";
import { bounded } from "../../bounded.ts";
import type { Rig } from "../rig.ts";
import type { LevelSpec } from "./level.ts";
import { type CommandSpec, commandOf, type Real, specOf } from "./session-commands.ts";
import { type Model, newModel } from "./session-model.ts";
import { textArb } from "./text.ts";

type Commands = Iterable<fc.AsyncCommand<Model, Real, boolean>>;

const who = fc.constantFrom<"a" | "b">("a", "b");
const op = (name: "subscribe" | "approve" | "deny" | "unsubscribe" | "cancel" | "roster" | "broadcast") =>
  who.map((w) => commandOf({ op: name, who: w }));

export function sessionArb(): fc.Arbitrary<Commands> {
  return fc.commands(
    [
      op("subscribe"),
      op("approve"),
      op("deny"),
      op("unsubscribe"),
      op("cancel"),
      op("roster"),
      op("broadcast"),
      fc
        .record({ w: who, body: textArb(4) })
        .map(({ w, body }) => commandOf({ op: "offline", who: w, body })),
      fc.constant(commandOf({ op: "offline-login" })),
      fc
        .constantFrom("before-auth" as const, "before-bind" as const)
        .map((stage) => commandOf({ op: "early-stanza", stage })),
    ],
    { maxCommands: 10 },
  );
}

export async function runSession(rig: Rig, cmds: Commands): Promise<void> {
  const [a, b, c] = await rig.freshAccounts(3);
  // interested resources (roster fetched): RFC 6121 §3 delivers subscription answers to those
  const users = { a: await rig.login(a, "a", true, true), b: await rig.login(b, "b", true, true) };
  try {
    await fc.asyncModelRun(() => ({ model: newModel(), real: { rig, users, accounts: { a, b, c } } }), cmds);
  } finally {
    await bounded(
      Promise.all(Object.values(users).map((s) => s.close(500).catch(() => s.destroy()))),
      2000,
      () => [],
    );
    if (rig.target.provisioner.kind !== "embedded") void rig.releaseAccounts([a, b, c]);
    else await rig.releaseAccounts([a, b, c]);
  }
}

export const sessionLevel: LevelSpec<Commands> = {
  level: "session",
  arbitrary: sessionArb,
  run: runSession,
  encode: (cmds) => [...cmds].map(specOf),
  decode: (j) => (j as CommandSpec[]).map(commandOf),
};

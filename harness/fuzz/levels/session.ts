// Session level: fc.commands over a model of two users' subscriptions, rosters and presence and a
// third user's offline messages, run by fc.asyncModelRun over real connections, with stanzas sent
// out of order during negotiation.
import fc from "fast-check";
import type { Rig } from "../rig.ts";
import type { LevelSpec } from "./level.ts";
import { type CommandSpec, commandOf, type Real, specOf } from "./session-commands.ts";
import { type Model, newModel } from "./session-model.ts";
import { type SessionUsers, sessionParties } from "./session-parties.ts";
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

export function runSession(rig: Rig, cmds: Commands): Promise<void> {
  return sessionParties.run(rig, (u) => runWith(rig, u, cmds));
}

async function runWith(rig: Rig, u: SessionUsers, cmds: Commands): Promise<void> {
  const model = newModel();
  await fc.asyncModelRun(() => ({ model, real: { rig, users: u.users, accounts: u.accounts } }), cmds);
  // a run that passed leaves state the model knows, which the next run's reset undoes
  u.offlinePending ||= model.offline.length > 0;
}

export const sessionLevel: LevelSpec<Commands> = {
  level: "session",
  arbitrary: sessionArb,
  run: runSession,
  encode: (cmds) => [...cmds].map(specOf),
  decode: (j) => (j as CommandSpec[]).map(commandOf),
};

// The model levels' classes: the kinds of command a run holds ("op=roster op=subscribe"). A run is
// one case; once shrunk, its commands are those the finding needs.
import type fc from "fast-check";
import { mamLevel } from "../levels/mam.ts";
import { sessionLevel } from "../levels/session.ts";
import { smLevel } from "../levels/sm.ts";
import { classOf, type LevelClasses } from "./facets.ts";

type Run = Iterable<fc.AsyncCommand<never, never, boolean>>;

function modelClasses(encode: (run: never) => unknown, ops: readonly string[]): LevelClasses<Run> {
  return {
    facets: { op: ops },
    of: (run) => {
      const specs = encode(run as never) as { op: string }[];
      const kinds = [...new Set(specs.map((s) => s.op))].sort();
      return [classOf(kinds.map((k) => ["op", k]))];
    },
    settlesWhenShrunk: true,
  };
}

export const sessionClasses = modelClasses(sessionLevel.encode, [
  "subscribe",
  "approve",
  "deny",
  "unsubscribe",
  "cancel",
  "roster",
  "broadcast",
  "offline",
  "offline-login",
  "early-stanza",
]);
export const smClasses = modelClasses(smLevel.encode, [
  "send",
  "alice-sends",
  "ack",
  "request",
  "cut-resume",
]);
export const mamClasses = modelClasses(mamLevel.encode, ["send", "page", "walk", "unknown-id"]);

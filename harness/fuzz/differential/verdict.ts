// A target's oracle verdict on one case, normalised: pass, or the oracle it broke with the requirement
// that oracle stands for, MUST or SHOULD, and its message with everything run-specific taken out.
import { requirement } from "../../fixtures/catalogue.ts";
import { breachOfFailure } from "../identity.ts";
import type { Level } from "../types.ts";
import { OracleFailure } from "../types.ts";
import type { Verdict } from "./outcome.ts";

/** Run-specific parts of a message: JIDs, fuzz tags, ids, numbers. */
export function normaliseMessage(message: string, jids: ReadonlyMap<string, string> = new Map()): string {
  let m = message;
  // longest first, so a full JID is replaced before its bare part
  for (const [jid, role] of [...jids].sort((a, b) => b[0].length - a[0].length)) m = m.replaceAll(jid, role);
  return m
    .replace(/\bfz[0-9a-z]+-[0-9a-f]{6}m?\b/g, "TAG")
    .replace(/<[^>]*>/g, (x) => (x.length > 60 ? `${x.slice(0, 40)}…>` : x))
    .replace(/\d+/g, "N")
    .split(/[:(]/)[0]
    .trim();
}

/** The verdict of one case: undefined error is a pass. */
export function verdictOf(level: Level, err: unknown, jids?: ReadonlyMap<string, string>): Verdict {
  if (err === undefined) return { pass: true };
  if (!(err instanceof OracleFailure))
    return { pass: false, oracle: "harness", level: "MUST", requirement: "", message: String(err) };
  // the requirement the check named, else its oracle's (the same table a single-target finding reads)
  const breach = breachOfFailure(level, err);
  return {
    pass: false,
    oracle: err.oracle,
    level: breach.strength,
    requirement: breach.requirement,
    // the error's message starts with its oracle's name; the rest is what happened
    message: normaliseMessage(err.message.slice(err.oracle.length + 2), jids),
  };
}

/** The requirement's sentence and section, for a finding that names it. */
export function requirementText(id: string): { id: string; section: string; text: string } | undefined {
  const r = requirement(id);
  return r ? { id, section: `${r.spec} §${r.section}`, text: r.text } : undefined;
}

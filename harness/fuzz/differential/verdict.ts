// A target's oracle verdict on one case, normalised: pass, or the oracle it broke with the requirement
// that oracle stands for, MUST or SHOULD, and its message with everything run-specific taken out.
import { requirement } from "../../fixtures/catalogue.ts";
import type { Level, OracleName } from "../types.ts";
import { OracleFailure } from "../types.ts";
import type { Verdict } from "./outcome.ts";

/**
 * The requirement each oracle checks (fixtures/rfc/requirements.tsv), where one sentence stands for it;
 * a failure that names its own requirement (`requirement` on the error) wins.
 */
const ORACLE_REQUIREMENT: Record<OracleName, string> = {
  alive: "RFC6120-4.9.1.1-1",
  "well-formed": "RFC6120-11.3-1",
  "iq-reply": "RFC6120-8.2.3-4",
  "error-condition": "RFC6120-8.3.2-4",
  "stream-error": "RFC6120-4.9.1.1-1",
  "no-leak": "RFC6120-8.1.2.1-4",
  "from-stamp": "RFC6120-8.1.2.1-1",
  payload: "RFC6120-8.4-13",
  model: "RFC6121-3.1.3-1",
  process: "",
};

/** Model oracles stand for the level's protocol, not one sentence. */
const MODEL_REQUIREMENT: Partial<Record<Level, string>> = {
  session: "RFC6121-3.1.3-1",
  sm: "XEP0198-4-3",
  mam: "XEP0313-4-1",
};

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
  const own = (err as { requirement?: unknown }).requirement;
  const req =
    typeof own === "string"
      ? own
      : err.oracle === "model"
        ? (MODEL_REQUIREMENT[level] ?? ORACLE_REQUIREMENT.model)
        : ORACLE_REQUIREMENT[err.oracle];
  return {
    pass: false,
    oracle: err.oracle,
    level: err.should ? "SHOULD" : "MUST",
    requirement: req,
    // the error's message starts with its oracle's name; the rest is what happened
    message: normaliseMessage(err.message.slice(err.oracle.length + 2), jids),
  };
}

/** The requirement's sentence and section, for a finding that names it. */
export function requirementText(id: string): { id: string; section: string; text: string } | undefined {
  const r = requirement(id);
  return r ? { id, section: `${r.spec} §${r.section}`, text: r.text } : undefined;
}

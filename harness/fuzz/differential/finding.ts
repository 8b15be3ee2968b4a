// A disagreement finding: the smallest input on which the targets still disagree the same way, every
// target's outcome and transcript, the judgement, and the seed and path that find it again.
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { TranscriptEntry } from "../../transcript.ts";
import { LEVELS, type Level } from "../types.ts";
import type { Disagreement } from "./compare.ts";
import type { Judgement } from "./judge.ts";
import type { Outcome } from "./outcome.ts";

export interface DiffTargetInfo {
  name: string;
  url: string;
  faults?: string[];
}

export interface DisagreementFinding {
  schema: 1;
  kind: "disagreement";
  level: Level;
  /** The disagreement's kind (level, what differs, who said what): the finding's identity. */
  key: string;
  what: string;
  values: Record<string, string>;
  judgement: Judgement;
  seed: number;
  path: string | null;
  input: unknown;
  shrunk: boolean;
  targets: DiffTargetInfo[];
  outcomes: Record<string, Outcome>;
  transcripts: Record<string, TranscriptEntry[]>;
  foundAt: string;
  /** More cases of the campaign that showed the same kind. */
  repeats: number;
}

export function disagreementOf(
  d: Disagreement,
): Pick<DisagreementFinding, "level" | "key" | "what" | "values"> {
  return { level: d.level, key: d.kind, what: d.what, values: d.values };
}

export function diffFileName(f: DisagreementFinding): string {
  const h = createHash("sha256").update(f.key).digest("hex").slice(0, 10);
  return `disagreement-${f.level}-${h}.json`;
}

export function saveDisagreement(dir: string, f: DisagreementFinding): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, diffFileName(f));
  writeFileSync(file, `${JSON.stringify(f, null, 2)}\n`);
  return file;
}

/** The file is a disagreement finding (replay picks its path by this). */
export function isDisagreement(doc: unknown): doc is DisagreementFinding {
  return !!doc && typeof doc === "object" && (doc as { kind?: unknown }).kind === "disagreement";
}

/** Check a parsed disagreement finding; throws an Error with one line on anything wrong. */
export function checkDisagreement(doc: DisagreementFinding, file: string): DisagreementFinding {
  if (doc.schema !== 1) throw new Error(`${file} is not an xmppspec finding (schema 1)`);
  if (!LEVELS.includes(doc.level)) throw new Error(`${file}: unknown level '${String(doc.level)}'`);
  if (!Array.isArray(doc.targets) || doc.targets.length < 2)
    throw new Error(`${file}: a disagreement names two targets or more`);
  if (doc.input === undefined) throw new Error(`${file}: no input`);
  if (typeof doc.key !== "string") throw new Error(`${file}: no disagreement kind`);
  return doc;
}

/** Read a finding file as JSON; a file that is none is a one-line Error. */
export function readFindingJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    throw new Error(`cannot read finding ${file}: ${e.code ?? e.message}`);
  }
}

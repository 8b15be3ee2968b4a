// A finding: what broke, the shrunk input that shows it, and how to find it again (seed and path).
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { TranscriptEntry } from "../transcript.ts";
import { identityKey } from "./identity.ts";
import { LEVELS, type Level, ORACLES, type OracleName } from "./types.ts";

export interface Finding {
  schema: 1;
  level: Level;
  oracle: OracleName;
  /** The catalogue row broken and whether a MUST or a SHOULD (identity.ts); absent in older finding files. */
  requirement?: string;
  strength?: "MUST" | "SHOULD" | "MAY";
  /** The class of the shrunk input (classes/); absent in older finding files. */
  inputClass?: string;
  message: string;
  /** fast-check's seed and path: `fc.check(property, { seed, path })` replays the run. */
  seed: number;
  path: string | null;
  /** The (shrunk) input, as the level encodes it. */
  input: unknown;
  shrunk: boolean;
  target: { name: string; url: string; faults?: string[] };
  foundAt: string;
  /** How many more cases of the same identity broke in this campaign. */
  repeats: number;
  transcript: TranscriptEntry[];
}

/**
 * One finding per identity (the first, shrunk; later ones only count): level, oracle, requirement,
 * MUST or SHOULD, input class. A finding file from before identities has only level and oracle.
 */
export function findingKey(
  f: Pick<Finding, "level" | "oracle" | "requirement" | "strength" | "inputClass">,
): string {
  return f.requirement === undefined
    ? `${f.level}/${f.oracle}`
    : identityKey({
        ...f,
        requirement: f.requirement,
        strength: f.strength ?? "MUST",
        inputClass: f.inputClass ?? "?",
      });
}

export function fileNameOf(f: Finding): string {
  const h = createHash("sha256").update(JSON.stringify(f.input)).digest("hex").slice(0, 10);
  return `${f.level}-${f.oracle}-${h}.json`;
}

export function saveFinding(dir: string, f: Finding): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, fileNameOf(f));
  writeFileSync(file, `${JSON.stringify(f, null, 2)}\n`);
  return file;
}

/** Read and check a finding file; throws an Error with one line on anything wrong. */
export function loadFinding(file: string): Finding {
  let doc: Finding;
  try {
    doc = JSON.parse(readFileSync(file, "utf8")) as Finding;
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    throw new Error(`cannot read finding ${file}: ${e.code ?? e.message}`);
  }
  if (!doc || typeof doc !== "object" || doc.schema !== 1)
    throw new Error(`${file} is not an xmppspec finding (schema 1)`);
  if (!LEVELS.includes(doc.level)) throw new Error(`${file}: unknown level '${String(doc.level)}'`);
  if (!(doc.oracle in ORACLES)) throw new Error(`${file}: unknown oracle '${String(doc.oracle)}'`);
  if (doc.input === undefined) throw new Error(`${file}: no input`);
  return doc;
}

// A finding: what broke, the shrunk input that shows it, and how to find it again (seed and path).
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { TranscriptEntry } from "../transcript.ts";
import { LEVELS, type Level, ORACLES, type OracleName } from "./types.ts";

export interface Finding {
  schema: 1;
  level: Level;
  oracle: OracleName;
  message: string;
  /** fast-check's seed and path: `fc.check(property, { seed, path })` replays the run. */
  seed: number;
  path: string | null;
  /** The (shrunk) input, as the level encodes it. */
  input: unknown;
  shrunk: boolean;
  target: { name: string; url: string; faults?: string[] };
  foundAt: string;
  /** How many more cases broke the same oracle at the same level in this campaign. */
  repeats: number;
  transcript: TranscriptEntry[];
}

/** Same level, same oracle: one finding (the first, shrunk); later ones only count. */
export function findingKey(f: Pick<Finding, "level" | "oracle">): string {
  return `${f.level}/${f.oracle}`;
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

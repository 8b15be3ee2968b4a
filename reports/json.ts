// The JSON report: the results document of a run, the input of every other report writer. Schema in README.md.
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { VERDICTS, type Verdict } from "../harness/runner/case.ts";
import type { CaseResult } from "../harness/runner/run.ts";

export const TOOL_VERSION = "0.1.0";
export const SCHEMA_VERSION = 1;

export interface RunResults {
  schema: number;
  tool: { name: "xmppspec"; version: string };
  target: { name: string; url: string; domain: string; faults?: string[] };
  startedAt: string;
  durationMs: number;
  /** True when the run was interrupted: the results gathered so far. */
  partial: boolean;
  summary: Record<Verdict, number> & { total: number };
  results: CaseResult[];
}

export function summarize(results: CaseResult[]): RunResults["summary"] {
  const s = Object.fromEntries(VERDICTS.map((v) => [v, 0])) as Record<Verdict, number>;
  for (const r of results) s[r.verdict] += 1;
  return { ...s, total: results.length };
}

/** Written atomically, so an interrupted write never leaves half a file. */
export function writeResults(file: string, doc: RunResults): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.tmp-${process.pid}`;
  writeFileSync(tmp, `${JSON.stringify(doc, null, 1)}\n`);
  renameSync(tmp, file);
}

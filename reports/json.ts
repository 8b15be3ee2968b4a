// The JSON report: the results document of a run (harness/results.ts), the input of every other report
// writer. Schema in README.md.
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import type { RunResults } from "../harness/results.ts";

/** Written atomically, so an interrupted write never leaves half a file. */
export function writeResults(file: string, doc: RunResults): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.tmp-${process.pid}`;
  writeFileSync(tmp, `${JSON.stringify(doc, null, 1)}\n`);
  renameSync(tmp, file);
}

// Reading a results JSON back (the input of every report writer), checked enough to trust its shape.
import { readFileSync } from "node:fs";
import { type RunResults, SCHEMA_VERSION, VERDICTS, type Verdict } from "../harness/results.ts";

/** The file is missing or is not an xmppspec results JSON: one line for the user. */
export class ReportInputError extends Error {
  override name = "ReportInputError";
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null;

function shapeProblem(doc: unknown): string | undefined {
  if (!isObject(doc)) return "not a JSON object";
  if (!isObject(doc.tool) || doc.tool.name !== "xmppspec") return "no tool.name 'xmppspec'";
  if (doc.schema !== SCHEMA_VERSION)
    return `schema ${String(doc.schema)}, this version reads ${SCHEMA_VERSION}`;
  if (!isObject(doc.target) || typeof doc.target.name !== "string" || typeof doc.target.url !== "string")
    return "no target.name or target.url";
  if (typeof doc.startedAt !== "string" || typeof doc.durationMs !== "number")
    return "no startedAt or durationMs";
  if (!Array.isArray(doc.results)) return "no results array";
  for (const [i, r] of doc.results.entries()) {
    if (
      !isObject(r) ||
      typeof r.id !== "string" ||
      typeof r.suite !== "string" ||
      typeof r.section !== "string"
    )
      return `results[${i}] has no id, suite or section`;
    if (!VERDICTS.includes(r.verdict as Verdict)) return `results[${i}] has no known verdict`;
    if (typeof r.title !== "string" || typeof r.level !== "string" || typeof r.durationMs !== "number")
      return `results[${i}] has no title, level or durationMs`;
    if (!Array.isArray(r.requirements) || !Array.isArray(r.transcript))
      return `results[${i}] has no requirements or transcript array`;
  }
  return undefined;
}

export function loadResults(file: string): RunResults {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    throw new ReportInputError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? err}`);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw new ReportInputError(`${file} is not JSON`);
  }
  const problem = shapeProblem(doc);
  if (problem) throw new ReportInputError(`${file} is not an xmppspec results file: ${problem}`);
  return doc as RunResults;
}

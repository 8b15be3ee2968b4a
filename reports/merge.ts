// Shards of one run (`run --shard i/n` on several machines) joined into one results document: the same
// target and tool, no case twice, the summary recomputed.
import { type CaseResult, type RunResults, summarize } from "../harness/results.ts";
import { ReportInputError } from "./load.ts";

/**
 * What makes two shards one run's: the target's name, domain and faults, and the tool version. Not the
 * URL's port: the embedded server listens on a port of its own on every machine (a remote target's name
 * is its URL).
 */
function runKey(doc: RunResults): string {
  const t = doc.target;
  return JSON.stringify([t.name, t.domain, [...(t.faults ?? [])].sort(), doc.tool.version]);
}

const describe = (doc: RunResults) =>
  `${doc.target.name} (${doc.target.domain}${doc.target.faults?.length ? `, faults ${doc.target.faults.join(",")}` : ""}), xmppspec ${doc.tool.version}`;

/**
 * One document from the shards, in the order given: their results one after the other, startedAt the
 * earliest start, durationMs from it to the latest end, partial if any shard was. Shards of different
 * runs or a case in two of them: ReportInputError.
 */
export function mergeResults(inputs: { file: string; doc: RunResults }[]): RunResults {
  if (!inputs.length) throw new ReportInputError("--merge wants the results files of the shards");
  const [first] = inputs;
  const seen = new Map<string, string>();
  const results: CaseResult[] = [];
  for (const { file, doc } of inputs) {
    if (runKey(doc) !== runKey(first.doc))
      throw new ReportInputError(
        `${file} is a run of ${describe(doc)}, ${first.file} of ${describe(first.doc)}: not shards of one run`,
      );
    for (const r of doc.results) {
      const other = seen.get(r.id);
      if (other === file) throw new ReportInputError(`${file} holds ${r.id} twice`);
      if (other !== undefined)
        throw new ReportInputError(`${other} and ${file} both hold ${r.id}: shards must not overlap`);
      seen.set(r.id, file);
      results.push(r);
    }
  }
  const start = Math.min(...inputs.map((i) => Date.parse(i.doc.startedAt)));
  const end = Math.max(...inputs.map((i) => Date.parse(i.doc.startedAt) + i.doc.durationMs));
  return {
    ...first.doc,
    startedAt: new Date(start).toISOString(),
    durationMs: end - start,
    partial: inputs.some((i) => i.doc.partial),
    summary: summarize(results),
    results,
  };
}

// What the action leaves for the workflow: the job summary (what is new against the expectations first,
// then the run's Markdown summary) and the step outputs.
import type { RunResults } from "../../harness/results.ts";
import { checkExpectations, type Expectation } from "../../harness/runner/expectations.ts";
import { markdownSummary } from "../../reports/markdown.ts";
import { judgeByExpectations } from "../commands/expect.ts";

/** What one action run produced: the results, when the run got that far. */
export interface ActionRun {
  code: number;
  doc?: RunResults;
  expectFile?: string;
  expected?: Map<string, Expectation>;
  /** The last lines the run wrote to stderr: the reason when there are no results. */
  stderrTail: string;
}

/** Past this many, the new lines are counted, not listed: the log and the JSON have them all. */
const NEW_LIMIT = 50;

const fence = (text: string) => `\`\`\`\n${text.replace(/```/g, "'''")}\n\`\`\``;

/** The new failures and unexpected passes, in the words `run --expect` prints them. */
function newSection(doc: RunResults, expected: Map<string, Expectation>, file: string): string[] {
  const { lines } = judgeByExpectations(doc.results, expected);
  const tally = lines.pop() as string;
  const out = [`## xmppspec: new against ${file}`, ""];
  if (lines.length) {
    out.push(fence(lines.slice(0, NEW_LIMIT).join("\n")), "");
    if (lines.length > NEW_LIMIT) out.push(`… and ${lines.length - NEW_LIMIT} more (see the log).`, "");
  }
  out.push(tally, "");
  return out;
}

export function jobSummary(r: ActionRun): string {
  if (!r.doc)
    return [
      `## xmppspec: the run stopped before any results (exit ${r.code})`,
      "",
      fence(r.stderrTail),
      "",
    ].join("\n");
  const head = r.expected && r.expectFile ? newSection(r.doc, r.expected, r.expectFile) : [];
  return [...head, markdownSummary(r.doc)].join("\n");
}

/** The step outputs, in action.yml's `outputs` (test/action.test.ts holds the two together). */
export const ACTION_OUTPUTS = [
  "results",
  "junit",
  "exit-code",
  "total",
  "pass",
  "fail",
  "warn",
  "skip",
  "error",
  "new-failures",
  "unexpected-passes",
] as const;

export type ActionOutputs = Partial<Record<(typeof ACTION_OUTPUTS)[number], string | number>>;

export function actionOutputs(r: ActionRun, files: { results?: string; junit?: string }): ActionOutputs {
  const out: ActionOutputs = { "exit-code": r.code, ...files };
  if (!r.doc) return out;
  const s = r.doc.summary;
  Object.assign(out, {
    total: s.total,
    pass: s.PASS,
    fail: s.FAIL,
    warn: s.WARN,
    skip: s.SKIP,
    error: s.ERROR,
  });
  if (r.expected) {
    const check = checkExpectations(r.doc.results, r.expected);
    out["new-failures"] = check.unexpectedFailures.length;
    out["unexpected-passes"] = check.unexpectedPasses.length;
  }
  return out;
}

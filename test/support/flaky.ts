// Flaky cases: the same case given different verdicts by runs of the same suite against the same target.
import type { CaseResult } from "../../harness/results.ts";

export interface Flaky {
  id: string;
  /** The verdict of each run, in run order ("-" where the run lacks the case). */
  verdicts: string[];
  /** The first message of each distinct non-PASS verdict, to tell why. */
  messages: string[];
}

/** Every case whose verdict is not the same in all runs. */
export function flakyCases(runs: CaseResult[][]): Flaky[] {
  const ids = [...new Set(runs.flatMap((r) => r.map((c) => c.id)))];
  const byRun = runs.map((r) => new Map(r.map((c) => [c.id, c])));
  const out: Flaky[] = [];
  for (const id of ids) {
    const got = byRun.map((m) => m.get(id));
    const verdicts = got.map((c) => c?.verdict ?? "-");
    if (new Set(verdicts).size === 1) continue;
    const messages = [
      ...new Set(
        got
          .filter((c) => c && c.verdict !== "PASS")
          .map((c) => `${c!.verdict}: ${(c!.message ?? "").split("\n")[0]}`),
      ),
    ];
    out.push({ id, verdicts, messages });
  }
  return out;
}

/** One line per flaky case, for a failure message or a bench table. */
export function describeFlaky(list: Flaky[]): string {
  return list.map((f) => `${f.id}  ${f.verdicts.join(" ")}\n    ${f.messages.join("\n    ")}`).join("\n");
}

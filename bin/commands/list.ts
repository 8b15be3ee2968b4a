// `xmppspec list`: the cases, their ids, levels and requirement ids.
import type { Case } from "../../harness/runner/case.ts";
import { selectRequest } from "../../harness/runner/plan.ts";
import { type SelectArgs, selectRequestOf } from "./run.ts";
import { asUsageError } from "./usage-error.ts";

export function listCommand(a: SelectArgs & { json: boolean }): number {
  let cases: Case[];
  try {
    cases = selectRequest(selectRequestOf(a), { onNote: (line) => process.stderr.write(`${line}\n`) });
  } catch (err) {
    throw asUsageError(err);
  }
  if (a.json) {
    const rows = cases.map(({ id, title, suite, section, level, requirements, needs }) => ({
      id,
      title,
      suite,
      section,
      level,
      requirements,
      needs: needs ?? [],
    }));
    process.stdout.write(`${JSON.stringify(rows, null, 1)}\n`);
  } else {
    for (const c of cases)
      process.stdout.write(`${c.id}\t${c.level}\t${c.requirements.join(",")}\t${c.title}\n`);
    process.stdout.write(`${cases.length} cases\n`);
  }
  return 0;
}

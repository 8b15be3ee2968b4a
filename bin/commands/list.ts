// `xmppspec list`: the cases, their ids, levels and requirement ids.
import { type SelectArgs, selected } from "./run.ts";

export function listCommand(a: SelectArgs & { json: boolean }): number {
  const cases = selected(a);
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

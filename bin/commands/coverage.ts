// `xmppspec coverage`: requirements, checkable, covered, and the uncovered checkable ids per section.
import { coverage } from "../../harness/runner/coverage.ts";
import { allCases } from "../../harness/runner/registry.ts";
import { UsageError } from "./usage-error.ts";

const pct = (n: number, d: number) => (d ? `${((100 * n) / d).toFixed(1)}%` : "-");

export function coverageCommand(a: { json: boolean; rfc: string[] }): number {
  const rfcs = a.rfc.length ? a.rfc : ["6120", "6121", "7622"];
  for (const r of rfcs)
    if (!/^\d{4}$/.test(r)) throw new UsageError(`--rfc wants an RFC number such as 6120, got '${r}'`);
  const rows = coverage(allCases(), rfcs);
  if (a.json) {
    process.stdout.write(`${JSON.stringify(rows, null, 1)}\n`);
    return 0;
  }
  const head = ["RFC", "section", "reqs", "checkable", "covered", "MUST checkable", "MUST covered", "MUST %"];
  const body = rows.map((r) =>
    [
      r.rfc,
      r.section,
      r.requirements,
      r.checkable,
      r.covered,
      r.mustCheckable,
      r.mustCovered,
      pct(r.mustCovered, r.mustCheckable),
    ].map(String),
  );
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
  process.stdout.write(`${[line(head), ...body.map(line)].join("\n")}\n`);
  for (const r of rows) {
    if (r.uncovered.length)
      process.stdout.write(`\nuncovered, RFC ${r.rfc} §${r.section}: ${r.uncovered.join(" ")}\n`);
  }
  return 0;
}

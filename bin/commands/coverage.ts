// `xmppspec coverage`: requirements, checkable, covered, and the uncovered checkable ids per section.
import { type CoverageRow, cataloguedXeps, coverage } from "../../harness/runner/coverage.ts";
import { allCases } from "../../harness/runner/registry.ts";
import { UsageError } from "./usage-error.ts";

const pct = (n: number, d: number) => (d ? `${((100 * n) / d).toFixed(1)}%` : "-");
const DEFAULT_RFCS = ["6120", "6121", "7622"];

/** The specs to count: those named; with none named, the default RFCs and every catalogued XEP. */
function selection(a: { rfc: string[]; xep: string[] }): { rfcs: string[]; xeps: string[] } {
  for (const r of a.rfc)
    if (!/^\d{4}$/.test(r)) throw new UsageError(`--rfc wants an RFC number such as 6120, got '${r}'`);
  const xeps = a.xep.map((x) => x.replace(/^xep-?/i, "").padStart(4, "0"));
  for (const [i, x] of xeps.entries())
    if (!cataloguedXeps().includes(x))
      throw new UsageError(
        `--xep wants a catalogued XEP (${cataloguedXeps().join(", ")}), got '${a.xep[i]}'`,
      );
  if (!a.rfc.length && !a.xep.length) return { rfcs: DEFAULT_RFCS, xeps: cataloguedXeps() };
  return { rfcs: a.rfc, xeps };
}

/** The first column: "6120" for an RFC (as it always was), "XEP-0220" for an XEP. */
const specCell = (r: CoverageRow) => (r.xep ? `XEP-${r.xep}` : (r.rfc ?? ""));

export function coverageCommand(a: { json: boolean; rfc: string[]; xep: string[] }): number {
  const { rfcs, xeps } = selection(a);
  const rows = coverage(allCases(), rfcs, xeps);
  if (a.json) {
    process.stdout.write(`${JSON.stringify(rows, null, 1)}\n`);
    return 0;
  }
  const first = xeps.length ? "spec" : "RFC";
  const head = [first, "section", "reqs", "checkable", "covered", "MUST checkable", "MUST covered", "MUST %"];
  const body = rows.map((r) =>
    [
      specCell(r),
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
      process.stdout.write(
        `\nuncovered, ${r.xep ? `XEP-${r.xep}` : `RFC ${r.rfc}`} §${r.section}: ${r.uncovered.join(" ")}\n`,
      );
  }
  return 0;
}

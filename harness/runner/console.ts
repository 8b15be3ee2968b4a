// What a run prints: one line per case as it ends, then a table per RFC section.
import type { CaseResult, Verdict } from "../results.ts";

const COLOUR: Record<Verdict, string> = { PASS: "32", FAIL: "31", WARN: "33", SKIP: "36", ERROR: "35" };

export function paint(v: Verdict, text: string, colour: boolean): string {
  return colour ? `\x1b[${COLOUR[v]}m${text}\x1b[0m` : text;
}

export function caseLine(r: CaseResult, done: number, total: number, colour: boolean): string {
  const head = `[${String(done).padStart(String(total).length)}/${total}] ${paint(r.verdict, r.verdict.padEnd(5), colour)} ${r.id} (${r.durationMs} ms)`;
  return r.message && r.verdict !== "PASS" ? `${head}\n        ${r.message.split("\n")[0]}` : head;
}

export function summaryTable(results: CaseResult[]): string {
  const rows = new Map<string, Record<Verdict, number>>();
  for (const r of results) {
    const key = `${r.suite} §${r.section}`;
    const row = rows.get(key) ?? { PASS: 0, FAIL: 0, WARN: 0, SKIP: 0, ERROR: 0 };
    row[r.verdict] += 1;
    rows.set(key, row);
  }
  const head = ["section", "PASS", "FAIL", "WARN", "SKIP", "ERROR", "total"];
  const body = [...rows.entries()]
    .sort(([a], [b]) => a.localeCompare(b, "en", { numeric: true }))
    .map(([k, v]) =>
      [k, v.PASS, v.FAIL, v.WARN, v.SKIP, v.ERROR, v.PASS + v.FAIL + v.WARN + v.SKIP + v.ERROR].map(String),
    );
  const totals = head.slice(1).map((_, i) => String(body.reduce((n, r) => n + Number(r[i + 1]), 0)));
  const all = [head, ...body, ["all", ...totals]];
  const widths = head.map((_, i) => Math.max(...all.map((r) => r[i].length)));
  return all
    .map((r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  "))
    .join("\n");
}

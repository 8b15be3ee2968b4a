// Two runs of the same cases: what got worse (regressions), what got better (fixes), what is new or gone.
import type { CaseResult, RunResults, Verdict } from "../harness/results.ts";

// How bad a verdict is; SKIP has no rank: a case that did not apply can neither regress nor be fixed.
const BADNESS: Partial<Record<Verdict, number>> = { PASS: 0, WARN: 1, FAIL: 2, ERROR: 2 };

export interface Change {
  id: string;
  from: Verdict;
  to: Verdict;
  message?: string;
}

export interface Comparison {
  regressions: Change[];
  fixes: Change[];
  /** Other verdict changes (to or from SKIP, FAIL ↔ ERROR). */
  changed: Change[];
  added: CaseResult[];
  removed: CaseResult[];
}

export function compareRuns(base: RunResults, next: RunResults): Comparison {
  const before = new Map(base.results.map((r) => [r.id, r]));
  const after = new Set(next.results.map((r) => r.id));
  const out: Comparison = { regressions: [], fixes: [], changed: [], added: [], removed: [] };
  for (const r of next.results) {
    const b = before.get(r.id);
    if (!b) {
      out.added.push(r);
      continue;
    }
    if (b.verdict === r.verdict) continue;
    const change = { id: r.id, from: b.verdict, to: r.verdict, message: r.message };
    const [x, y] = [BADNESS[b.verdict], BADNESS[r.verdict]];
    if (x === undefined || y === undefined || x === y) out.changed.push(change);
    else (y > x ? out.regressions : out.fixes).push(change);
  }
  out.removed = base.results.filter((r) => !after.has(r.id));
  return out;
}

export function comparisonText(c: Comparison): string {
  const line = (ch: Change) =>
    `  ${ch.id}: ${ch.from} -> ${ch.to}${ch.message ? ` (${ch.message.split("\n")[0]})` : ""}`;
  const out: string[] = [];
  const block = (title: string, items: string[]) => {
    if (items.length) out.push(`${title} (${items.length}):`, ...items);
  };
  block("regressions", c.regressions.map(line));
  block("fixes", c.fixes.map(line));
  block("other changes", c.changed.map(line));
  block(
    "new cases",
    c.added.map((r) => `  ${r.id}: ${r.verdict}`),
  );
  block(
    "cases no longer run",
    c.removed.map((r) => `  ${r.id}: was ${r.verdict}`),
  );
  out.push(
    `${c.regressions.length} regressions, ${c.fixes.length} fixes, ${c.changed.length} other changes, ${c.added.length} new, ${c.removed.length} gone`,
  );
  return out.join("\n");
}

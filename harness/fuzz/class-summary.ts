// Which input classes a campaign exercised: cases per class and per facet value at each level, and
// the facet values the level's generator can produce that never ran, so a gap is visible.

import { facetsOf } from "./classes/facets.ts";
import { INPUT_CLASSES } from "./classes/index.ts";
import type { Level } from "./types.ts";

export interface LevelClassReport {
  /** Cases per whole class ("kind=message to=bob-full from=none type=defined"). */
  perClass: Record<string, number>;
  /** Cases per facet value: { to: { "bob-full": 12, ... } }. */
  perFacet: Record<string, Record<string, number>>;
  /** Known facet values no case had: "from=eve-full". */
  neverRan: string[];
}

export type ClassReport = Partial<Record<Level, LevelClassReport>>;

/** The report of the levels that ran, from the cases counted per class. */
export function classReport(
  perClass: Partial<Record<Level, Record<string, number>>>,
  levels: Level[],
): ClassReport {
  const out: ClassReport = {};
  for (const level of levels) {
    const counts = perClass[level] ?? {};
    const perFacet: Record<string, Record<string, number>> = {};
    for (const [facet, values] of Object.entries(INPUT_CLASSES[level].facets))
      perFacet[facet] = Object.fromEntries(values.map((v) => [v, 0]));
    for (const [c, n] of Object.entries(counts))
      for (const [facet, value] of facetsOf(c)) {
        const f = (perFacet[facet] ??= {});
        f[value] = (f[value] ?? 0) + n;
      }
    const neverRan = Object.entries(perFacet).flatMap(([facet, values]) =>
      Object.entries(values)
        .filter(([, n]) => n === 0)
        .map(([v]) => `${facet}=${v}`),
    );
    out[level] = { perClass: counts, perFacet, neverRan };
  }
  return out;
}

/** Counts per class added up across workers. */
export function addPerClass(into: Record<string, number>, from: Record<string, number> = {}): void {
  for (const [c, n] of Object.entries(from)) into[c] = (into[c] ?? 0) + n;
}

/** The console lines: per level, each facet's values with their counts (most first), then what never ran. */
export function classLines(report: ClassReport): string[] {
  const lines: string[] = [];
  for (const [level, r] of Object.entries(report)) {
    if (!r || Object.keys(r.perClass).length === 0) continue;
    lines.push(`  classes ${level} (${Object.keys(r.perClass).length} distinct):`);
    for (const [facet, values] of Object.entries(r.perFacet)) {
      const ran = Object.entries(values)
        .filter(([, n]) => n > 0)
        .sort((a, b) => b[1] - a[1]);
      lines.push(`    ${facet}: ${ran.map(([v, n]) => `${v} ${n}`).join(", ")}`);
    }
    if (r.neverRan.length) lines.push(`    never ran: ${r.neverRan.join(", ")}`);
  }
  return lines;
}

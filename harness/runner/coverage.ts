// Requirement coverage: which catalogue rows the cases cite, per RFC and top-level section.
import { catalogue, type Requirement } from "../fixtures/catalogue.ts";
import { fixture, readTsv } from "../fixtures/tsv.ts";
import type { Case } from "./case.ts";

/** Rows that cannot be checked from a client connection (server-to-server, server-internal, client-only), with the reason. */
export function uncheckable(): Map<string, string> {
  const out = new Map<string, string>();
  for (const row of readTsv(fixture("rfc/uncheckable.tsv"), { columns: ["id", "reason"] })) {
    if (!row.get("reason")) throw row.error(`'${row.get("id")}' has no reason`);
    out.set(row.get("id"), row.get("reason"));
  }
  return out;
}

export interface CoverageRow {
  rfc: string;
  section: string;
  requirements: number;
  checkable: number;
  covered: number;
  /** MUST and MUST NOT rows only. */
  mustCheckable: number;
  mustCovered: number;
  uncovered: string[];
}

const isMust = (r: Requirement) => r.keyword === "MUST" || r.keyword === "MUST NOT";
const topSection = (r: Requirement) => r.section.split(".")[0];

/** Coverage per RFC section, plus one "all" row per RFC, for the RFCs given. */
export function coverage(cases: Case[], rfcs: string[]): CoverageRow[] {
  const cited = new Set(cases.flatMap((c) => c.requirements));
  const skip = uncheckable();
  const rows = new Map<string, CoverageRow>();
  const row = (rfc: string, section: string) => {
    const key = `${rfc} ${section}`;
    let r = rows.get(key);
    if (!r) {
      r = {
        rfc,
        section,
        requirements: 0,
        checkable: 0,
        covered: 0,
        mustCheckable: 0,
        mustCovered: 0,
        uncovered: [],
      };
      rows.set(key, r);
    }
    return r;
  };
  for (const req of catalogue().values()) {
    if (!rfcs.includes(req.rfc) || /^RFC6121-A\.\d\.\d-/.test(req.id)) continue; // Appendix A rows are counted apart
    for (const r of [row(req.rfc, topSection(req)), row(req.rfc, "all")]) {
      r.requirements += 1;
      if (skip.has(req.id)) continue;
      r.checkable += 1;
      if (isMust(req)) r.mustCheckable += 1;
      if (cited.has(req.id)) {
        r.covered += 1;
        if (isMust(req)) r.mustCovered += 1;
      } else if (r.section !== "all") r.uncovered.push(req.id);
    }
  }
  return [...rows.values()].sort(
    (a, b) =>
      a.rfc.localeCompare(b.rfc) ||
      (a.section === "all"
        ? 1
        : b.section === "all"
          ? -1
          : a.section.localeCompare(b.section, "en", { numeric: true })),
  );
}

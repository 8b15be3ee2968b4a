// Requirement coverage: which catalogue rows the cases cite, per RFC or XEP and top-level section.
import { catalogue, type Requirement } from "../fixtures/catalogue.ts";
import { fixture, readTsv } from "../fixtures/tsv.ts";
import type { Case } from "./case.ts";

/** Rows that no black-box test can check (server-internal, client-only, informative), with the reason: RFC and XEP rows. */
export function uncheckable(): Map<string, string> {
  const out = new Map<string, string>();
  for (const file of ["rfc/uncheckable.tsv", "xep/uncheckable.tsv"])
    for (const row of readTsv(fixture(file), { columns: ["id", "reason"] })) {
      if (!row.get("reason")) throw row.error(`'${row.get("id")}' has no reason`);
      out.set(row.get("id"), row.get("reason"));
    }
  return out;
}

/** The XEPs the catalogue holds rows of ("0178", "0220", ...), in order. */
export function cataloguedXeps(): string[] {
  const xeps = new Set<string>();
  for (const r of catalogue().values()) if (r.xep) xeps.add(r.xep);
  return [...xeps].sort();
}

/** One row per RFC or XEP section: exactly one of `rfc` ("6120") and `xep` ("0220") is set. */
export interface CoverageRow {
  rfc?: string;
  xep?: string;
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

/** Coverage per RFC and XEP section, plus one "all" row per RFC and per XEP, for the RFCs and XEPs given. */
export function coverage(cases: Case[], rfcs: string[], xeps: string[] = []): CoverageRow[] {
  const cited = new Set(cases.flatMap((c) => c.requirements));
  const skip = uncheckable();
  const rows = new Map<string, CoverageRow>();
  const row = (req: Requirement, section: string) => {
    const key = `${req.spec} ${section}`;
    let r = rows.get(key);
    if (!r) {
      r = {
        ...(req.xep ? { xep: req.xep } : { rfc: req.rfc }),
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
    const wanted = req.xep ? xeps.includes(req.xep) : rfcs.includes(req.rfc ?? "");
    if (!wanted || /^RFC6121-A\.\d\.\d-/.test(req.id)) continue; // Appendix A rows are counted apart
    for (const r of [row(req, topSection(req)), row(req, "all")]) {
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
  // RFCs first, in number order, then XEPs
  const specOf = (r: CoverageRow) => (r.xep ? `x${r.xep}` : `r${r.rfc}`);
  return [...rows.values()].sort(
    (a, b) =>
      specOf(a).localeCompare(specOf(b)) ||
      (a.section === "all"
        ? 1
        : b.section === "all"
          ? -1
          : a.section.localeCompare(b.section, "en", { numeric: true })),
  );
}

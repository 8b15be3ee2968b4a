// What every report needs from a results file: RFC sections in order, requirement quotes, links, logs.

import { requirement, sectionUrl } from "../harness/fixtures/catalogue.ts";
import type { CaseResult } from "../harness/results.ts";
import { Transcript } from "../harness/transcript.ts";

/** "rfc6120" → "6120" (an XEP suite keeps its name, "xep0220", which sectionUrl also reads). */
export function rfcOf(suite: string): string {
  return suite.replace(/^rfc/i, "");
}

/** The specification a suite checks, as people write it: "rfc6120" → "RFC 6120", "xep0220" → "XEP-0220". */
export function specName(suite: string): string {
  const xep = /^xep-?(\d{4})$/i.exec(suite)?.[1];
  return xep ? `XEP-${xep}` : `RFC ${rfcOf(suite)}`;
}

/** The subsection a case is filed under: the middle of its id ("4.7.3", "A.2.1"), else its section. */
export function subsectionOf(r: Pick<CaseResult, "id" | "section">): string {
  const mid = r.id.split("/")[1] ?? "";
  return /^(\d+|[A-Z])(\.\d+)*$/.test(mid) ? mid : r.section;
}

/** The link of the case's subsection: the RFC Editor's (appendix rows get #appendix-A.2.1), xmpp.org's for an XEP. */
export function caseUrl(r: Pick<CaseResult, "id" | "section" | "suite">): string {
  return sectionUrl(rfcOf(r.suite), subsectionOf(r));
}

export interface Quote {
  id: string;
  keyword: string;
  text: string;
  url?: string;
}

/** The cited requirements with their RFC sentence; an id the catalogue lacks keeps only its id. */
export function quotes(r: Pick<CaseResult, "requirements">): Quote[] {
  return r.requirements.map((id) => {
    const q = requirement(id);
    return q ? { id, keyword: q.keyword, text: q.text, url: q.url } : { id, keyword: "", text: "" };
  });
}

export interface SectionGroup {
  key: string;
  suite: string;
  section: string;
  title: string;
  results: CaseResult[];
}

const numeric = (a: string, b: string) => a.localeCompare(b, "en", { numeric: true });

/** Results grouped by RFC and top-level section, in RFC order; cases keep their run order. */
export function bySection(results: CaseResult[]): SectionGroup[] {
  const groups = new Map<string, SectionGroup>();
  for (const r of results) {
    const key = `${r.suite} §${r.section}`;
    let g = groups.get(key);
    if (!g) {
      g = { key, suite: r.suite, section: r.section, title: "", results: [] };
      groups.set(key, g);
    }
    // several files may share a section number ("SASL Negotiation (more)"): the first names it;
    // results files written before titles travelled in them have none
    g.title ||= r.sectionTitle ?? "";
    g.results.push(r);
  }
  return [...groups.values()].sort((a, b) => numeric(a.suite, b.suite) || numeric(a.section, b.section));
}

/**
 * Compliance: MUST-level cases that PASS over MUST-level cases that applied (every verdict but SKIP,
 * which means the target lacks the feature). ERROR counts against: the target gave no answer we could judge.
 * Undefined when no MUST case applied.
 */
export function compliance(results: CaseResult[]): { passed: number; applicable: number; percent?: number } {
  const must = results.filter((r) => r.level === "MUST" && r.verdict !== "SKIP");
  const passed = must.filter((r) => r.verdict === "PASS").length;
  return {
    passed,
    applicable: must.length,
    percent: must.length ? Math.round((1000 * passed) / must.length) / 10 : undefined,
  };
}

/** Characters of one transcript entry a report shows; bulk data (an oversize stanza) is cut, the JSON keeps it. */
export const ENTRY_LIMIT = 4096;

/**
 * The readable wire log of a case ("+12ms c1 C: <iq/>"). The results file is already redacted;
 * SASL payloads are blanked again here so a report never depends on the file's producer for that.
 */
export function wireLog(r: Pick<CaseResult, "transcript">, entryLimit = ENTRY_LIMIT): string {
  const t = new Transcript();
  for (const e of r.transcript) {
    const data = t.redact(e.data);
    const cut =
      data.length > entryLimit
        ? `${data.slice(0, entryLimit)}…[${data.length - entryLimit} more characters in the results JSON]`
        : data;
    t.entries.push({ ...e, data: cut });
  }
  return t.toText();
}

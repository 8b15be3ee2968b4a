// The matrix: cases (by RFC and section) against targets; each cell opens that target's wire log of
// the case, embedded in the same page and shown by CSS :target (no script, nothing fetched).
import { type CaseResult, summarize } from "../harness/results.ts";
import { esc, escText } from "./escape.ts";
import { page, verdictBadge } from "./html-page.ts";
import { caseUrl, compliance, quotes, wireLog } from "./model.ts";
import { type Column, unionSections } from "./targets.ts";

/** The element id of column `col`'s wire log of a case. */
export function logId(col: number, caseId: string): string {
  return `log-${col}-${caseId.replace(/[^A-Za-z0-9_.-]/g, "_")}`;
}

/** The element id of a case's row. */
export function rowId(caseId: string): string {
  return `case-${caseId.replace(/[^A-Za-z0-9_.-]/g, "_")}`;
}

function logPanel(col: Column, i: number, r: CaseResult): string {
  // closing goes back to the case's row, where the reader was
  return `<div class="log" id="${esc(logId(i, r.id))}"><p><a href="#${esc(rowId(r.id))}">close</a> · <b>${esc(col.label)}</b> · <code>${esc(r.id)}</code> ${verdictBadge(r.verdict)}</p>
${r.message ? `<p>${esc(r.message)}</p>` : ""}<pre class="wire">${escText(wireLog(r) || "(no bytes exchanged)")}</pre></div>`;
}

export function matrixReport(cols: Column[]): string {
  const index = cols.map((c) => new Map(c.doc.results.map((r) => [r.id, r])));
  const head = `<tr><th>case</th><th>level</th>${cols.map((c) => `<th>${esc(c.label)}</th>`).join("")}</tr>`;
  const rows: string[] = [];
  const logs: string[] = [];
  for (const g of unionSections(cols)) {
    const totals = cols.map((c) => {
      const rs = c.doc.results.filter((r) => r.suite === g.suite && r.section === g.section);
      return rs.length ? `${summarize(rs).PASS}/${rs.length} pass` : "–";
    });
    rows.push(
      `<tr class="section"><th colspan="2">${esc(g.key)} ${esc(g.title)}</th>${totals.map((t) => `<th>${t}</th>`).join("")}</tr>`,
    );
    const seen = new Set<string>();
    for (const any of g.results) {
      if (seen.has(any.id)) continue;
      seen.add(any.id);
      const tip = quotes(any)
        .map((q) => `${q.id} ${q.keyword}: ${q.text}`)
        .join("\n");
      const cells = cols.map((col, i) => {
        const r = index[i].get(any.id);
        if (!r) return `<td class="none">–</td>`;
        logs.push(logPanel(col, i, r));
        return `<td><a class="v v-${r.verdict}" href="#${esc(logId(i, r.id))}" title="${esc(r.message ?? r.verdict)}">${r.verdict}</a></td>`;
      });
      rows.push(
        `<tr id="${esc(rowId(any.id))}"><td><a href="${esc(caseUrl(any))}" title="${esc(tip)}"><code>${esc(any.id)}</code></a><br><small>${esc(any.title)}</small></td><td>${esc(any.level)}</td>${cells.join("")}</tr>`,
      );
    }
  }
  const foot = cols.map((c) => {
    const k = compliance(c.doc.results);
    return `<th>${k.percent === undefined ? "n/a" : `${k.percent} %`}<br><small>${k.passed}/${k.applicable}</small></th>`;
  });
  const body = [
    "<h1>xmppspec compliance matrix</h1>",
    `<p>${cols.map((c) => `<b>${esc(c.label)}</b>: ${esc(c.doc.target.url)}, ${esc(c.doc.startedAt)}${c.doc.partial ? " (partial)" : ""}`).join("<br>")}</p>`,
    "<p>Click a cell for that target's wire log of the case. MUST compliance = MUST-level cases that PASS / MUST-level cases that applied (every verdict but SKIP; ERROR counts against).</p>",
    `<table id="matrix">${head}<tr class="section"><th colspan="2">MUST compliance</th>${foot.join("")}</tr>${rows.join("\n")}</table>`,
    ...logs,
  ];
  return page("xmppspec compliance matrix", body.join("\n"));
}

// The matrix: cases (by RFC and section) against targets, after the rows that need attention (targets
// differ, or all agree on a failure); each cell opens that target's wire log of the case, embedded in
// the same page and shown by CSS :target (PASS logs packed, see packed.ts).
import { type CaseResult, summarize, type Verdict } from "../harness/results.ts";
import { esc } from "./escape.ts";
import { byUrgency, filterBar, logText, page, quotesHtml, verdictBadge } from "./html-page.ts";
import { caseUrl, compliance, quotes } from "./model.ts";
import { Packed } from "./packed.ts";
import { type Column, unionSections } from "./targets.ts";

/** The element id of column `col`'s wire log of a case. */
export function logId(col: number, caseId: string): string {
  return `log-${col}-${caseId.replace(/[^A-Za-z0-9_.-]/g, "_")}`;
}

/** The element id of a case's row. */
export function rowId(caseId: string): string {
  return `case-${caseId.replace(/[^A-Za-z0-9_.-]/g, "_")}`;
}

/** A target's wire log of a case with the case's requirement quotes (packed when the case passed). */
function logPanel(col: Column, i: number, r: CaseResult, packed: Packed): string {
  // closing goes back to the case's row, where the reader was (the script: to the row it was opened from)
  const qs = quotesHtml(quotes(r));
  const html = `<p><a class="close" href="#${esc(rowId(r.id))}">close</a> · <b>${esc(col.label)}</b> · <code>${esc(r.id)}</code> ${verdictBadge(r.verdict)}</p>
${r.message ? `<p>${esc(r.message)}</p>` : ""}${qs}`;
  return packed.div(html, logText(r), r.verdict === "PASS", ` class="log" id="${esc(logId(i, r.id))}"`);
}

/** Worth a look before the rest: the targets give different verdicts, or agree on one that is not PASS or SKIP. */
export function needsAttention(verdicts: Verdict[]): boolean {
  const distinct = new Set(verdicts);
  return distinct.size > 1 || !(distinct.has("PASS") || distinct.has("SKIP"));
}

export function matrixReport(cols: Column[]): string {
  const index = cols.map((c) => new Map(c.doc.results.map((r) => [r.id, r])));
  const groups = unionSections(cols);
  const packed = new Packed();
  const head = `<tr><th>case</th><th>level</th>${cols.map((c) => `<th>${esc(c.label)}</th>`).join("")}</tr>`;
  const rows: string[] = [];
  const flagged: { worst: Verdict; differ: boolean; row: string }[] = [];
  const logs: string[] = [];
  for (const g of groups) {
    const totals = cols.map((c) => {
      const rs = c.doc.results.filter((r) => r.suite === g.suite && r.section === g.section);
      return rs.length ? `${summarize(rs).PASS}/${rs.length} pass` : "–";
    });
    rows.push(
      `<tr class="section" data-group><th colspan="2">${esc(g.key)} ${esc(g.title)}</th>${totals.map((t) => `<th>${t}</th>`).join("")}</tr>`,
    );
    const seen = new Set<string>();
    for (const any of g.results) {
      if (seen.has(any.id)) continue;
      seen.add(any.id);
      // the ids only: a cell's log shows the sentences (repeating them on every row made the page heavy)
      const tip = quotes(any)
        .map((q) => `${q.id} ${q.keyword}`)
        .join("\n");
      const verdicts: Verdict[] = [];
      const cells = cols.map((col, i) => {
        const r = index[i].get(any.id);
        if (!r) return `<td class="none">–</td>`;
        verdicts.push(r.verdict);
        logs.push(logPanel(col, i, r, packed));
        return `<td><a class="v v-${r.verdict}" href="#${esc(logId(i, r.id))}" title="${esc(r.message ?? r.verdict)}">${r.verdict}</a></td>`;
      });
      const row = (id: string) =>
        `<tr id="${esc(id)}" data-v="${[...new Set(verdicts)].join(" ")}" data-s="${esc(g.key)}"><td><a href="${esc(caseUrl(any))}" title="${esc(tip)}"><code>${esc(any.id)}</code></a><br><small>${esc(any.title)}</small></td><td>${esc(any.level)}</td>${cells.join("")}</tr>`;
      rows.push(row(rowId(any.id)));
      if (needsAttention(verdicts))
        flagged.push({
          worst: [...verdicts].sort(byUrgency)[0],
          differ: new Set(verdicts).size > 1,
          row: row(`attn-${rowId(any.id)}`),
        });
    }
  }
  // rows where targets differ first, then by the worst verdict; the sort is stable, so RFC order within
  flagged.sort((a, b) => Number(b.differ) - Number(a.differ) || byUrgency(a.worst, b.worst));
  const differ = flagged.filter((f) => f.differ).length;
  const foot = cols.map((c) => {
    const k = compliance(c.doc.results);
    return `<th>${k.percent === undefined ? "n/a" : `${k.percent} %`}<br><small>${k.passed}/${k.applicable}</small></th>`;
  });
  const body = [
    "<h1>xmppspec compliance matrix</h1>",
    `<p>${cols.map((c) => `<b>${esc(c.label)}</b>: ${esc(c.doc.target.url)}, ${esc(c.doc.startedAt)}${c.doc.partial ? " (partial)" : ""}`).join("<br>")}</p>`,
    "<p>Click a cell for that target's wire log of the case. MUST compliance = MUST-level cases that PASS / MUST-level cases that applied (every verdict but SKIP; ERROR counts against).</p>",
    `<h2 id="needs-attention">Needs attention <small>(${differ} rows where targets differ, ${flagged.length - differ} where all fail alike)</small></h2>`,
    flagged.length
      ? `<table id="attention" data-group>${head}${flagged.map((f) => f.row).join("\n")}</table>`
      : "<p>Nothing: every target gives every case the same verdict, PASS or SKIP.</p>",
    "<h2>Every case</h2>",
    filterBar(groups),
    `<table id="matrix">${head}<tr class="section"><th colspan="2">MUST compliance</th>${foot.join("")}</tr>${rows.join("\n")}</table>`,
    ...logs,
    packed.block(),
  ];
  return page("xmppspec compliance matrix", body.join("\n"));
}

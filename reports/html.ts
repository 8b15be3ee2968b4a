// HTML report of one run: summary, what needs attention (every non-PASS case), filters, then a table per
// RFC section with per case its quotes, verdict, message and wire log (PASS details packed, see packed.ts).
import { type CaseResult, type RunResults, summarize } from "../harness/results.ts";
import { esc } from "./escape.ts";
import { byUrgency, filterBar, logText, page, quotesHtml, verdictBadge } from "./html-page.ts";
import { bySection, caseUrl, compliance, quotes, type SectionGroup } from "./model.ts";
import { Packed } from "./packed.ts";
import { profileHtml } from "./profiles.ts";

/** A case's quotes, message and wire log, in a <details> (packed when the case passed). */
function caseDetails(r: CaseResult, packed: Packed): string {
  const qs = quotesHtml(quotes(r));
  const body = `<p>RFC section: <a href="${esc(caseUrl(r))}">${esc(caseUrl(r))}</a></p>${qs}
${r.message ? `<p><b>Message:</b> ${esc(r.message)}</p>` : ""}`;
  return `<details><summary>${esc(r.title)}</summary>${packed.div(body, logText(r), r.verdict === "PASS")}</details>`;
}

/** Every non-PASS case, FAIL first, each linking to its row (which the script opens). */
function attention(groups: SectionGroup[]): string {
  const rows = groups
    .flatMap((g) => g.results.map((r) => ({ g, r })))
    .filter(({ r }) => r.verdict !== "PASS")
    .sort((a, b) => byUrgency(a.r.verdict, b.r.verdict));
  if (!rows.length) return `<h2 id="needs-attention">Needs attention</h2><p>Nothing: every case passed.</p>`;
  return `<h2 id="needs-attention">Needs attention <small>(${rows.length} not PASS)</small></h2>
<table id="attention" data-group><tr><th>verdict</th><th>case</th><th>message</th></tr>
${rows
  .map(
    ({ g, r }) =>
      `<tr data-v="${r.verdict}" data-s="${esc(g.key)}"><td>${verdictBadge(r.verdict)}</td><td><a href="#${esc(r.id)}"><code>${esc(r.id)}</code></a><br><small>${esc(r.title)}</small></td><td>${esc(r.message ?? "")}</td></tr>`,
  )
  .join("\n")}</table>`;
}

export function htmlReport(doc: RunResults): string {
  const s = summarize(doc.results);
  const c = compliance(doc.results);
  const groups = bySection(doc.results);
  const packed = new Packed();
  const faults = doc.target.faults?.length ? ` with faults ${doc.target.faults.join(", ")}` : "";
  const parts = [
    `<h1>xmppspec: ${esc(doc.target.name)}${esc(faults)}</h1>`,
    `<p>Target ${esc(doc.target.url)} (domain ${esc(doc.target.domain)}), started ${esc(doc.startedAt)}, ${(doc.durationMs / 1000).toFixed(1)} s${doc.partial ? ", <b>interrupted: partial results</b>" : ""}.</p>`,
    `<p id="summary">${s.total} cases: ${(["PASS", "FAIL", "WARN", "SKIP", "ERROR"] as const).map((v) => `${verdictBadge(v)} ${s[v]}`).join(" ")}</p>`,
    `<p>MUST compliance: <b>${c.percent === undefined ? "n/a" : `${c.percent} %`}</b> (${c.passed} of ${c.applicable} MUST-level cases that applied pass; SKIP does not apply, ERROR counts against).</p>`,
    ...(doc.profiles ?? []).map(profileHtml),
    attention(groups),
    `<h2>Every case</h2>`,
    filterBar(groups),
  ];
  for (const g of groups) {
    const gc = summarize(g.results);
    parts.push(
      `<section data-group data-s="${esc(g.key)}">`,
      `<h2>${esc(g.key)} ${esc(g.title)} <small>(${gc.PASS}/${gc.total} pass)</small></h2>`,
      `<table class="cases"><tr><th>case</th><th>level</th><th>verdict</th><th>ms</th><th>details</th></tr>`,
      ...g.results.map(
        (r) =>
          `<tr id="${esc(r.id)}" data-v="${r.verdict}"><td><code>${esc(r.id)}</code></td><td>${esc(r.level)}</td><td>${verdictBadge(r.verdict)}</td><td>${r.durationMs}</td><td>${caseDetails(r, packed)}</td></tr>`,
      ),
      "</table></section>",
    );
  }
  parts.push(packed.block());
  return page(`xmppspec: ${doc.target.name}`, parts.join("\n"));
}

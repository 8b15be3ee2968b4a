// HTML report of one run: summary, a table per RFC section, per case its quotes, verdict, message and wire log.
import { type CaseResult, type RunResults, summarize } from "../harness/results.ts";
import { esc, escText } from "./escape.ts";
import { page, verdictBadge } from "./html-page.ts";
import { bySection, caseUrl, compliance, quotes, wireLog } from "./model.ts";

function caseDetails(r: CaseResult): string {
  const qs = quotes(r)
    .map(
      (q) =>
        `<blockquote><b>${q.url ? `<a href="${esc(q.url)}">${esc(q.id)}</a>` : esc(q.id)}</b> ${esc(q.keyword)}: ${esc(q.text || "(not in the catalogue)")}</blockquote>`,
    )
    .join("");
  return `<details><summary>${esc(r.title)}</summary>
<p>RFC section: <a href="${esc(caseUrl(r))}">${esc(caseUrl(r))}</a></p>${qs}
${r.message ? `<p><b>Message:</b> ${esc(r.message)}</p>` : ""}
<pre class="wire">${escText(wireLog(r) || "(no bytes exchanged)")}</pre></details>`;
}

export function htmlReport(doc: RunResults): string {
  const s = summarize(doc.results);
  const c = compliance(doc.results);
  const faults = doc.target.faults?.length ? ` with faults ${doc.target.faults.join(", ")}` : "";
  const parts = [
    `<h1>xmppspec: ${esc(doc.target.name)}${esc(faults)}</h1>`,
    `<p>Target ${esc(doc.target.url)} (domain ${esc(doc.target.domain)}), started ${esc(doc.startedAt)}, ${(doc.durationMs / 1000).toFixed(1)} s${doc.partial ? ", <b>interrupted: partial results</b>" : ""}.</p>`,
    `<p id="summary">${s.total} cases: ${(["PASS", "FAIL", "WARN", "SKIP", "ERROR"] as const).map((v) => `${verdictBadge(v)} ${s[v]}`).join(" ")}</p>`,
    `<p>MUST compliance: <b>${c.percent === undefined ? "n/a" : `${c.percent} %`}</b> (${c.passed} of ${c.applicable} MUST-level cases that applied pass; SKIP does not apply, ERROR counts against).</p>`,
  ];
  for (const g of bySection(doc.results)) {
    const gc = summarize(g.results);
    parts.push(
      `<h2>${esc(g.key)} ${esc(g.title)} <small>(${gc.PASS}/${gc.total} pass)</small></h2>`,
      `<table class="cases"><tr><th>case</th><th>level</th><th>verdict</th><th>ms</th><th>details</th></tr>`,
      ...g.results.map(
        (r) =>
          `<tr id="${esc(r.id)}"><td><code>${esc(r.id)}</code></td><td>${esc(r.level)}</td><td>${verdictBadge(r.verdict)}</td><td>${r.durationMs}</td><td>${caseDetails(r)}</td></tr>`,
      ),
      "</table>",
    );
  }
  return page(`xmppspec: ${doc.target.name}`, parts.join("\n"));
}

// The shell shared by the HTML reports: one self-contained page (inline style, one script allowed by
// its hash, nothing fetched), its filter bar, and the pieces both reports show (badges, quotes, wire logs).
import { type CaseResult, VERDICTS, type Verdict } from "../harness/results.ts";
import { esc } from "./escape.ts";
import { SCRIPT, SCRIPT_HASH } from "./html-script.ts";
import { type Quote, type SectionGroup, wireLog } from "./model.ts";

export const VERDICT_COLOUR: Record<Verdict, string> = {
  PASS: "#2e7d32",
  FAIL: "#c62828",
  WARN: "#ef6c00",
  SKIP: "#607d8b",
  ERROR: "#6a1b9a",
};

// The open log lies above the sticky header and filters (z-index), or they would cover its "close".
// content-visibility: sections off screen are not laid out while the page opens (half its load time)
const STYLE = `
body{font:14px/1.4 system-ui,sans-serif;margin:1.5em;color:#222}
table{border-collapse:collapse;margin:.5em 0 1.5em}
th,td{border:1px solid #ccc;padding:.2em .5em;text-align:left;vertical-align:top}
th{background:#f3f3f3}
#matrix tr:first-child th{position:sticky;top:0;z-index:1}
#matrix tr{scroll-margin-top:4em}
tr.section th{background:#e3e8ef}
.v{color:#fff;font-weight:600;padding:0 .4em;border-radius:3px;text-decoration:none;display:inline-block}
${Object.entries(VERDICT_COLOUR)
  .map(([v, c]) => `.v-${v}{background:${c}}`)
  .join("\n")}
.none{color:#999}
pre{background:#f7f7f7;border:1px solid #ddd;padding:.5em;white-space:pre-wrap;word-break:break-all;max-height:40em;overflow:auto}
blockquote{margin:.3em 0 .3em 1em;padding-left:.6em;border-left:3px solid #ccc}
details{margin:.2em 0}
summary{cursor:pointer}
.log{display:none}
.log:target{display:block;position:fixed;z-index:3;inset:5% 5% auto 5%;max-height:85%;overflow:auto;background:#fff;border:2px solid #444;padding:1em;box-shadow:0 0 2em #0006}
.log pre{max-height:none}
[hidden]{display:none!important}
[data-pack]:empty::before{content:"(compressed in this page: its script opens it; the results JSON holds it too)";color:#777}
#filters{position:sticky;top:0;z-index:2;background:#fff;padding:.4em 0;border-bottom:1px solid #ccc}
#filters label{margin-right:.6em}
#attention td:last-child{max-width:60em;white-space:pre-wrap}
section[data-group]{content-visibility:auto;contain-intrinsic-size:auto 30em}
`;

export function page(title: string, body: string): string {
  // the CSP forbids every fetch: the page must work from the file alone
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src ${SCRIPT_HASH}">
<title>${esc(title)}</title><style>${STYLE}</style></head>
<body>
${body}
<script>${SCRIPT}</script>
</body></html>
`;
}

/** Verdict, section and text filters over every row that has `data-v` (its verdicts) and `data-s` (its section; or an element around it has). */
export function filterBar(groups: SectionGroup[]): string {
  const boxes = VERDICTS.map(
    (v) => `<label><input type="checkbox" name="v" value="${v}" checked> ${verdictBadge(v)}</label>`,
  ).join("");
  const options = groups.map((g) => `<option value="${esc(g.key)}">${esc(`${g.key} ${g.title}`)}</option>`);
  return `<form id="filters">${boxes}
<select name="section" aria-label="section"><option value="">every section</option>${options.join("")}</select>
<input type="search" name="q" placeholder="filter by text" aria-label="text"> <small id="shown"></small></form>`;
}

/** Non-PASS verdicts, the most urgent first. */
const URGENCY: Verdict[] = ["FAIL", "ERROR", "WARN", "SKIP", "PASS"];
export const byUrgency = (a: Verdict, b: Verdict) => URGENCY.indexOf(a) - URGENCY.indexOf(b);

export function verdictBadge(v: Verdict): string {
  return `<span class="v v-${v}">${v}</span>`;
}

/** The cited requirements as blockquotes: id (linked to its RFC section), keyword and sentence. */
export function quotesHtml(qs: Quote[]): string {
  return qs
    .map(
      (q) =>
        `<blockquote><b>${q.url ? `<a href="${esc(q.url)}">${esc(q.id)}</a>` : esc(q.id)}</b> ${esc(q.keyword)}: ${esc(q.text || "(not in the catalogue)")}</blockquote>`,
    )
    .join("");
}

/** A case's wire log as the page shows it. */
export function logText(r: Pick<CaseResult, "transcript">): string {
  return wireLog(r) || "(no bytes exchanged)";
}

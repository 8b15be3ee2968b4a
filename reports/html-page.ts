// The shell shared by the HTML reports: one self-contained page (inline style, nothing fetched).
import type { Verdict } from "../harness/results.ts";
import { esc } from "./escape.ts";

export const VERDICT_COLOUR: Record<Verdict, string> = {
  PASS: "#2e7d32",
  FAIL: "#c62828",
  WARN: "#ef6c00",
  SKIP: "#607d8b",
  ERROR: "#6a1b9a",
};

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
.log:target{display:block;position:fixed;inset:5% 5% auto 5%;max-height:85%;overflow:auto;background:#fff;border:2px solid #444;padding:1em;box-shadow:0 0 2em #0006}
.log pre{max-height:none}
`;

export function page(title: string, body: string): string {
  // the CSP forbids every fetch: the page must work from the file alone
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${esc(title)}</title><style>${STYLE}</style></head>
<body>
${body}
</body></html>
`;
}

export function verdictBadge(v: Verdict): string {
  return `<span class="v v-${v}">${v}</span>`;
}

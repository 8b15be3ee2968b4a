// The campaign's report, Markdown or HTML: the disagreements grouped by kind, each with its count, the
// judgement and the requirement's sentence, the shrunk input, every target's outcome side by side and
// the finding file to replay.
import { esc } from "../../../reports/escape.ts";
import { page } from "../../../reports/html-page.ts";
import { verdictText } from "./compare.ts";
import type { DisagreementFinding } from "./finding.ts";
import type { DiffSummary } from "./summary.ts";

const INPUT_CHARS = 1500;

function inputText(f: DisagreementFinding): string {
  const s = JSON.stringify(f.input, null, 1);
  return s.length > INPUT_CHARS ? `${s.slice(0, INPUT_CHARS)}…` : s;
}

/** Rows of the side-by-side table: what differs, then each target's verdict. */
function rows(f: DisagreementFinding): { label: string; cells: string[] }[] {
  const names = f.targets.map((t) => t.name);
  const out = [{ label: f.what, cells: names.map((n) => f.values[n] ?? "n/a") }];
  if (f.what !== "verdict")
    out.push({
      label: "verdict",
      cells: names.map((n) => (f.outcomes[n] ? verdictText(f.outcomes[n].verdict, true) : "n/a")),
    });
  return out;
}

function title(s: DiffSummary): string {
  return `xmppspec differential fuzzing: ${s.targets.map((t) => t.name).join(", ")}`;
}

function headline(s: DiffSummary): string {
  return `${s.cases} cases, seed ${s.seed}, levels ${s.levels.join(", ")}, ${(s.durationMs / 1000).toFixed(0)} s; ${s.disagreements.length} kind(s) of disagreement${s.stopped ? `; stopped: ${s.stopped}` : ""}`;
}

const mdCell = (x: string) => x.replace(/\|/g, "\\|").replace(/\n/g, " ");

export function markdownReport(s: DiffSummary, findings: DisagreementFinding[]): string {
  const names = s.targets.map((t) => t.name);
  const out = [`# ${title(s)}`, "", headline(s), ""];
  out.push(`| # | kind | count | judgement |`, `|---|---|---|---|`);
  s.disagreements.forEach((d, i) => {
    out.push(
      `| ${i + 1} | ${mdCell(d.key)} | ${d.count} | ${d.verdict === "violation" ? `violation by ${d.wrong.join(", ")}` : "interop difference"} |`,
    );
  });
  findings.forEach((f, i) => {
    const d = s.disagreements.find((x) => x.key === f.key);
    out.push("", `## ${i + 1}. ${f.level}: ${f.what}`, "");
    out.push(
      `- count: ${d?.count ?? f.repeats + 1}`,
      `- judgement: ${f.judgement.verdict}: ${f.judgement.summary}`,
    );
    const r = f.judgement.requirement;
    if (r) out.push(`- requirement: ${r.id} (${r.section}): “${r.text}”`);
    if (d?.file) out.push(`- finding: \`${d.file}\` (replay: \`xmppspec replay ${d.file}\`)`);
    out.push("", `| | ${names.map(mdCell).join(" | ")} |`, `|---|${names.map(() => "---").join("|")}|`);
    for (const row of rows(f)) out.push(`| ${mdCell(row.label)} | ${row.cells.map(mdCell).join(" | ")} |`);
    out.push("", `Input${f.shrunk ? " (shrunk)" : ""}:`, "", "```json", inputText(f), "```");
  });
  return `${out.join("\n")}\n`;
}

export function htmlReport(s: DiffSummary, findings: DisagreementFinding[]): string {
  const names = s.targets.map((t) => t.name);
  const index = s.disagreements
    .map(
      (d, i) =>
        `<tr><td><a href="#d${i + 1}">${i + 1}</a></td><td>${esc(d.key)}</td><td>${d.count}</td><td>${esc(d.verdict === "violation" ? `violation by ${d.wrong.join(", ")}` : "interop difference")}</td></tr>`,
    )
    .join("\n");
  const sections = findings.map((f, i) => {
    const d = s.disagreements.find((x) => x.key === f.key);
    const r = f.judgement.requirement;
    const table = rows(f)
      .map(
        (row) => `<tr><th>${esc(row.label)}</th>${row.cells.map((c) => `<td>${esc(c)}</td>`).join("")}</tr>`,
      )
      .join("\n");
    return `<section id="d${i + 1}"><h2>${i + 1}. ${esc(f.level)}: ${esc(f.what)}</h2>
<p>count ${d?.count ?? f.repeats + 1}; <b>${esc(f.judgement.verdict)}</b>: ${esc(f.judgement.summary)}</p>
${r ? `<blockquote>${esc(r.id)} (${esc(r.section)}): ${esc(r.text)}</blockquote>` : ""}
${d?.file ? `<p>finding <code>${esc(d.file)}</code></p>` : ""}
<table><tr><th></th>${names.map((n) => `<th>${esc(n)}</th>`).join("")}</tr>
${table}</table>
<details><summary>input${f.shrunk ? " (shrunk)" : ""}</summary><pre>${esc(inputText(f))}</pre></details></section>`;
  });
  const body = `<h1>${esc(title(s))}</h1><p>${esc(headline(s))}</p>
<table><tr><th>#</th><th>kind</th><th>count</th><th>judgement</th></tr>
${index}</table>
${sections.join("\n")}`;
  return page(title(s), body);
}

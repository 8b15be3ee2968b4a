// Markdown: a short summary for a CI job summary; with several files, pass counts per section per target.
import { type CaseResult, type RunResults, summarize } from "../harness/results.ts";
import { bySection, compliance } from "./model.ts";
import { profileMarkdown } from "./profiles.ts";
import { type Column, unionSections } from "./targets.ts";

const cell = (s: string) => s.replace(/\|/g, "\\|").replace(/\n/g, " ");

function complianceText(results: CaseResult[]): string {
  const c = compliance(results);
  return c.percent === undefined ? "n/a" : `${c.percent} % (${c.passed}/${c.applicable})`;
}

const DEFINITION =
  "MUST compliance = MUST-level cases that PASS / MUST-level cases that applied (all but SKIP; ERROR counts against).";

/** One run: totals, a row per RFC section, and the cases that did not pass (at most `limit`). */
export function markdownSummary(doc: RunResults, limit = 30): string {
  const s = summarize(doc.results);
  const out = [
    `## xmppspec: ${cell(doc.target.name)}${doc.target.faults?.length ? ` with faults ${doc.target.faults.join(", ")}` : ""}`,
    "",
    `${s.total} cases: ${s.PASS} PASS, ${s.FAIL} FAIL, ${s.WARN} WARN, ${s.SKIP} SKIP, ${s.ERROR} ERROR${doc.partial ? " (interrupted: partial)" : ""}. MUST compliance: ${complianceText(doc.results)}.`,
    "",
    "| section | PASS | FAIL | WARN | SKIP | ERROR |",
    "| --- | ---: | ---: | ---: | ---: | ---: |",
  ];
  for (const g of bySection(doc.results)) {
    const c = summarize(g.results);
    out.push(
      `| ${cell(`${g.key} ${g.title}`.trim())} | ${c.PASS} | ${c.FAIL} | ${c.WARN} | ${c.SKIP} | ${c.ERROR} |`,
    );
  }
  const bad = doc.results.filter(
    (r) => r.verdict === "FAIL" || r.verdict === "ERROR" || r.verdict === "WARN",
  );
  if (bad.length) {
    out.push("", "| case | verdict | why |", "| --- | --- | --- |");
    for (const r of bad.slice(0, limit))
      out.push(`| \`${r.id}\` | ${r.verdict} | ${cell((r.message ?? "").split("\n")[0])} |`);
    if (bad.length > limit) out.push("", `… and ${bad.length - limit} more.`);
  }
  out.push("", DEFINITION, "");
  for (const p of doc.profiles ?? []) out.push(profileMarkdown(p));
  return out.join("\n");
}

/** Several runs: per RFC section, "passed/run" for each target, then MUST compliance per target. */
export function markdownMatrix(cols: Column[]): string {
  const out = [
    "## xmppspec compliance per target",
    "",
    "Each cell: cases that PASS / cases run in that section (FAIL, WARN, ERROR and SKIP make up the rest).",
    "",
    `| section | ${cols.map((c) => cell(c.label)).join(" | ")} |`,
    `| --- | ${cols.map(() => "---:").join(" | ")} |`,
  ];
  for (const g of unionSections(cols)) {
    const cells = cols.map((c) => {
      const rs = c.doc.results.filter((r) => r.suite === g.suite && r.section === g.section);
      return rs.length ? `${summarize(rs).PASS}/${rs.length}` : "–";
    });
    out.push(`| ${cell(`${g.key} ${g.title}`.trim())} | ${cells.join(" | ")} |`);
  }
  out.push(
    `| **all** | ${cols.map((c) => `**${summarize(c.doc.results).PASS}/${c.doc.results.length}**`).join(" | ")} |`,
    `| **MUST compliance** | ${cols.map((c) => complianceText(c.doc.results)).join(" | ")} |`,
    "",
    DEFINITION,
    "",
  );
  return out.join("\n");
}

// The per-profile table (`run --profile`) in each report's form: console text, Markdown and HTML. One shape:
// a row per required specification (claimed, MUST cases, MUST compliance, verdict with the failing ids),
// then the overall line.
import type { ProfileReport, ProfileSpec } from "../harness/results.ts";
import { esc } from "./escape.ts";

const pct = (s: ProfileSpec) => {
  const decided = s.must.passed + s.must.failed;
  return decided ? `${((100 * s.must.passed) / decided).toFixed(1)} %` : "–";
};
const counts = (s: ProfileSpec) =>
  s.verdict === "not tested" ? "–" : `${s.must.passed}/${s.must.failed}/${s.must.skipped}/${s.must.errors}`;
const verdictText = (s: ProfileSpec) =>
  s.failing.length ? `${s.verdict}: ${s.failing.join(", ")}` : s.why ? `${s.verdict} (${s.why})` : s.verdict;

/** The overall line: the verdict and what it rests on. */
export function profileVerdictLine(p: ProfileReport): string {
  if (p.verdict === "meets") return `${p.name}: meets (every required specification meets)`;
  if (p.verdict === "does not meet") {
    const without = p.specs
      .filter((s) => s.verdict === "does not meet" && !s.failing.length)
      .map((s) => s.spec);
    const parts = [
      p.failing.length ? `${p.failing.length} MUST requirements fail: ${p.failing.join(", ")}` : "",
      without.length ? `not advertised: ${without.join(", ")}` : "",
    ].filter(Boolean);
    return `${p.name}: does not meet (${parts.join("; ")})`;
  }
  const open = p.specs.filter((s) => s.verdict !== "meets").map((s) => `${s.spec} ${s.verdict}`);
  return `${p.name}: not shown to meet (${open.join(", ")})`;
}

const HEAD = ["specification", "claimed", "MUST pass/fail/skip/error", "MUST compliance", "verdict"];
const rowOf = (s: ProfileSpec) => [s.spec, s.claim, counts(s), pct(s), verdictText(s)];

/** Console text: aligned columns. */
export function profileText(p: ProfileReport): string {
  const rows = [HEAD, ...p.specs.map(rowOf)];
  const widths = HEAD.map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => (i < 4 ? c.padEnd(widths[i]) : c)).join("  ");
  return [`Profile ${p.title} (${p.name})`, ...rows.map(line), `=> ${profileVerdictLine(p)}`].join("\n");
}

const mdCell = (s: string) => s.replace(/\|/g, "\\|");

export function profileMarkdown(p: ProfileReport): string {
  return [
    `### Profile ${mdCell(p.title)} (\`${p.name}\`)`,
    "",
    `| ${HEAD.join(" | ")} |`,
    "| --- | --- | ---: | ---: | --- |",
    ...p.specs.map((s) => `| ${rowOf(s).map(mdCell).join(" | ")} |`),
    "",
    `**${mdCell(profileVerdictLine(p))}**`,
    "",
  ].join("\n");
}

export function profileHtml(p: ProfileReport): string {
  return `<h2 id="profile-${esc(p.name)}">Profile ${esc(p.title)} <small>(${esc(p.name)})</small></h2>
<table class="profile"><tr>${HEAD.map((h) => `<th>${esc(h)}</th>`).join("")}</tr>
${p.specs
  .map(
    (s) =>
      `<tr data-p="${esc(s.verdict)}">${rowOf(s)
        .map((c) => `<td>${esc(c)}</td>`)
        .join("")}</tr>`,
  )
  .join("\n")}
</table>
<p><b>${esc(profileVerdictLine(p))}</b></p>`;
}

// JUnit XML: one <testsuite> per RFC section, one <testcase> per case, the wire log in <system-out>.
import { type CaseResult, type RunResults, summarize } from "../harness/results.ts";
import { esc, escText } from "./escape.ts";
import { bySection, caseUrl, quotes, wireLog } from "./model.ts";

const seconds = (ms: number) => (ms / 1000).toFixed(3);

/** Why the case did not pass, with the cited requirements quoted and the RFC section linked. */
export function failureText(r: CaseResult): string {
  const lines = [`${r.verdict}: ${r.message ?? "(no message)"}`, `RFC section: ${caseUrl(r)}`];
  for (const q of quotes(r))
    lines.push(`${q.id} (${q.keyword || "?"}): ${q.text || "(not in the catalogue)"}`);
  return lines.join("\n");
}

function testcase(r: CaseResult): string {
  const head = `<testcase name="${esc(r.id)}" classname="${esc(`${r.suite}.${r.section}`)}" time="${seconds(r.durationMs)}">`;
  const firstLine = `${r.verdict}: ${(r.message ?? "").split("\n")[0]}`;
  let outcome = "";
  // WARN (a SHOULD broken) is a failure of its own type, so CI shows it without confusing it with a MUST
  if (r.verdict === "FAIL" || r.verdict === "WARN")
    outcome = `<failure message="${esc(firstLine)}" type="${r.verdict}">${escText(failureText(r))}</failure>`;
  else if (r.verdict === "ERROR")
    outcome = `<error message="${esc(firstLine)}" type="ERROR">${escText(failureText(r))}</error>`;
  else if (r.verdict === "SKIP") outcome = `<skipped message="${esc(r.message ?? "not applicable")}"/>`;
  return `    ${head}${outcome}<system-out>${escText(wireLog(r))}</system-out></testcase>`;
}

export function junitXml(doc: RunResults): string {
  const all = summarize(doc.results);
  const out = [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<testsuites name="xmppspec ${esc(doc.target.name)}" tests="${all.total}" failures="${all.FAIL + all.WARN}" errors="${all.ERROR}" skipped="${all.SKIP}" time="${seconds(doc.durationMs)}">`,
  ];
  for (const g of bySection(doc.results)) {
    const c = summarize(g.results);
    const time = g.results.reduce((n, r) => n + r.durationMs, 0);
    out.push(
      `  <testsuite name="${esc(`${g.key}${g.title ? ` ${g.title}` : ""}`)}" tests="${c.total}" failures="${c.FAIL + c.WARN}" errors="${c.ERROR}" skipped="${c.SKIP}" time="${seconds(time)}" timestamp="${esc(doc.startedAt.replace(/Z$/, ""))}">`,
      `    <properties><property name="target" value="${esc(doc.target.url)}"/><property name="domain" value="${esc(doc.target.domain)}"/>${(doc.target.faults ?? []).map((f) => `<property name="fault" value="${esc(f)}"/>`).join("")}</properties>`,
      ...g.results.map(testcase),
      "  </testsuite>",
    );
  }
  out.push("</testsuites>", "");
  return out.join("\n");
}

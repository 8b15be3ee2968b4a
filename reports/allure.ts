// Allure results (the allure-results directory format): one *-result.json per case, the wire log as an attachment.
import { createHash, randomUUID } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { CaseResult, RunResults, Verdict } from "../harness/results.ts";
import { failureText } from "./junit.ts";
import { caseUrl, quotes, specName, subsectionOf, wireLog } from "./model.ts";

const STATUS: Record<Verdict, string> = {
  PASS: "passed",
  FAIL: "failed",
  WARN: "failed",
  SKIP: "skipped",
  ERROR: "broken",
};
const SEVERITY: Record<string, string> = { MUST: "critical", SHOULD: "normal", MAY: "minor" };

function result(doc: RunResults, r: CaseResult, attachment: string) {
  const start = Date.parse(doc.startedAt) || 0;
  const rfc = specName(r.suite);
  const section = `§${r.section} ${r.sectionTitle ?? ""}`.trim();
  return {
    uuid: randomUUID(),
    // the same case against the same target is one history line across runs
    historyId: createHash("sha256").update(`${doc.target.name}\n${r.id}`).digest("hex"),
    testCaseId: createHash("sha256").update(r.id).digest("hex"),
    name: r.title,
    fullName: r.id,
    status: STATUS[r.verdict],
    statusDetails:
      r.verdict === "PASS" ? {} : { message: `${r.verdict}: ${r.message ?? ""}`, trace: failureText(r) },
    stage: "finished",
    start,
    stop: start + r.durationMs,
    labels: [
      { name: "rfc", value: rfc },
      { name: "section", value: subsectionOf(r) },
      { name: "case", value: r.id },
      { name: "severity", value: SEVERITY[r.level] ?? "normal" },
      { name: "tag", value: r.verdict },
      { name: "tag", value: r.level },
      { name: "parentSuite", value: rfc },
      { name: "suite", value: section },
      { name: "subSuite", value: subsectionOf(r) },
      { name: "epic", value: rfc },
      { name: "feature", value: section },
      { name: "host", value: doc.target.name },
      { name: "framework", value: "xmppspec" },
    ],
    links: [
      { name: `${rfc} §${subsectionOf(r)}`, url: caseUrl(r), type: "link" },
      ...quotes(r).map((q) => ({ name: q.id, url: q.url ?? caseUrl(r), type: "link" })),
    ],
    parameters: [{ name: "target", value: doc.target.url }],
    attachments: [{ name: "wire log", source: attachment, type: "text/plain" }],
    steps: [],
  };
}

/** Writes `dir` as an allure-results directory (created if needed); returns how many results it holds. */
export function writeAllure(doc: RunResults, dir: string): number {
  mkdirSync(dir, { recursive: true });
  for (const r of doc.results) {
    const attachment = `${randomUUID()}-attachment.txt`;
    // an attachment is a file of its own: the whole log, uncut
    writeFileSync(join(dir, attachment), wireLog(r, Number.POSITIVE_INFINITY) || "(no bytes exchanged)");
    const res = result(doc, r, attachment);
    writeFileSync(join(dir, `${res.uuid}-result.json`), JSON.stringify(res));
  }
  const env = [
    `target=${doc.target.url}`,
    `domain=${doc.target.domain}`,
    `faults=${(doc.target.faults ?? []).join(",")}`,
    `xmppspec=${doc.tool.version}`,
  ];
  writeFileSync(join(dir, "environment.properties"), `${env.join("\n")}\n`);
  return doc.results.length;
}

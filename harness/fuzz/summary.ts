// The campaign's summary: counts per level and per oracle, the findings, as a table and as JSON.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import type { CampaignStats } from "./campaign.ts";
import { type ClassReport, classLines, classReport } from "./class-summary.ts";
import type { Finding } from "./finding.ts";
import { LEVELS, type Level, type OracleName } from "./types.ts";

export interface FuzzSummary {
  schema: 1;
  tool: { name: "xmppspec"; version: string };
  target: { name: string; url: string; faults?: string[] };
  seed: number;
  levels: Level[];
  workers: number;
  startedAt: string;
  durationMs: number;
  /** True when the campaign was interrupted or stopped early. */
  partial: boolean;
  /** Why it stopped early, if it did. */
  stopped?: string;
  cases: number;
  casesPerSecond: number;
  perLevel: Record<Level, number>;
  perOracle: Partial<Record<OracleName, number>>;
  /** The input classes exercised per level, and the known ones that never ran (absent in older summaries). */
  classes?: ClassReport;
  findings: {
    file?: string;
    level: Level;
    oracle: OracleName;
    requirement?: string;
    strength?: Finding["strength"];
    inputClass?: string;
    message: string;
    shrunk: boolean;
    repeats: number;
  }[];
}

export function summarize(
  stats: CampaignStats,
  o: {
    target: FuzzSummary["target"];
    seed: number;
    levels: Level[];
    workers: number;
    files: Map<unknown, string>;
    partial: boolean;
  },
): FuzzSummary {
  const durationMs = Date.now() - stats.startedAt;
  return {
    schema: 1,
    tool: { name: "xmppspec", version: "0.1.0" },
    target: o.target,
    seed: o.seed,
    levels: o.levels,
    workers: o.workers,
    startedAt: new Date(stats.startedAt).toISOString(),
    durationMs,
    partial: o.partial || stats.stopped !== undefined,
    ...(stats.stopped ? { stopped: stats.stopped } : {}),
    cases: stats.cases,
    casesPerSecond: durationMs > 0 ? Math.round((stats.cases * 1000) / durationMs) : 0,
    perLevel: stats.perLevel,
    perOracle: stats.perOracle,
    classes: classReport(stats.perClass, o.levels),
    findings: stats.findings.map((f) => ({
      file: o.files.get(f),
      level: f.level,
      oracle: f.oracle,
      requirement: f.requirement,
      strength: f.strength,
      inputClass: f.inputClass,
      message: f.message,
      shrunk: f.shrunk,
      repeats: f.repeats,
    })),
  };
}

export function summaryText(s: FuzzSummary): string {
  const lines = [
    `${s.cases} cases in ${(s.durationMs / 1000).toFixed(1)} s (${s.casesPerSecond}/s), seed ${s.seed}, ${s.findings.length} finding(s)${s.partial ? " (partial)" : ""}`,
    `  per level:  ${LEVELS.map((l) => `${l} ${s.perLevel[l]}`).join(", ")}`,
    `  per oracle: ${
      Object.entries(s.perOracle)
        .map(([k, v]) => `${k} ${v}`)
        .join(", ") || "none broke"
    }`,
  ];
  lines.push(...classLines(s.classes ?? {}));
  for (const f of s.findings)
    lines.push(
      `  FOUND ${f.level}/${f.oracle}${f.requirement ? ` ${f.requirement} ${f.strength}` : ""}${f.shrunk ? " (shrunk)" : ""}${f.repeats ? ` (+${f.repeats})` : ""}: ${f.message.slice(0, 200)}${f.inputClass ? `\n        class: ${f.inputClass}` : ""}${f.file ? `\n        ${f.file}` : ""}`,
    );
  if (s.stopped) lines.push(`  stopped: ${s.stopped}`);
  return lines.join("\n");
}

export function writeSummary(file: string, s: object): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(s, null, 2)}\n`);
}

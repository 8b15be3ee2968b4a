// A differential campaign's summary: the cases, and each kind of disagreement with its count, its
// judgement and its finding file, as text for the console and as JSON.
import { LEVELS, type Level } from "../types.ts";
import type { DiffStats } from "./campaign.ts";
import type { DiffTargetInfo, DisagreementFinding } from "./finding.ts";

export interface DiffSummary {
  schema: 1;
  kind: "differential";
  tool: { name: "xmppspec"; version: string };
  targets: DiffTargetInfo[];
  seed: number;
  levels: Level[];
  startedAt: string;
  durationMs: number;
  partial: boolean;
  stopped?: string;
  /** Targets that stopped answering and left the campaign. */
  left?: string[];
  /** Kinds one run showed and the same input run again did not, with their counts (no finding). */
  unsteady?: Record<string, number>;
  cases: number;
  casesPerSecond: number;
  perLevel: Record<Level, number>;
  /** One row per kind of disagreement. */
  disagreements: {
    key: string;
    level: Level;
    what: string;
    /** Inputs that showed it (the finding and its repeats). */
    count: number;
    verdict: DisagreementFinding["judgement"]["verdict"];
    wrong: string[];
    requirement?: string;
    summary: string;
    shrunk: boolean;
    file?: string;
  }[];
}

export function diffSummary(
  stats: DiffStats,
  o: {
    targets: DiffTargetInfo[];
    seed: number;
    levels: Level[];
    files: Map<unknown, string>;
    partial: boolean;
  },
): DiffSummary {
  const durationMs = Date.now() - stats.startedAt;
  return {
    schema: 1,
    kind: "differential",
    tool: { name: "xmppspec", version: "0.1.0" },
    targets: o.targets,
    seed: o.seed,
    levels: o.levels,
    startedAt: new Date(stats.startedAt).toISOString(),
    durationMs,
    partial: o.partial || stats.stopped !== undefined,
    ...(stats.stopped ? { stopped: stats.stopped } : {}),
    ...(stats.left ? { left: stats.left } : {}),
    ...(Object.keys(stats.unsteady).length ? { unsteady: stats.unsteady } : {}),
    cases: stats.cases,
    casesPerSecond: durationMs > 0 ? Math.round((stats.cases * 1000) / durationMs) : 0,
    perLevel: stats.perLevel,
    disagreements: stats.findings.map((f) => ({
      key: f.key,
      level: f.level,
      what: f.what,
      count: stats.perKind[f.key] ?? f.repeats + 1,
      verdict: f.judgement.verdict,
      wrong: f.judgement.wrong,
      ...(f.judgement.requirement ? { requirement: f.judgement.requirement.id } : {}),
      summary: f.judgement.summary,
      shrunk: f.shrunk,
      ...(o.files.has(f) ? { file: o.files.get(f) } : {}),
    })),
  };
}

export function diffSummaryText(s: DiffSummary): string {
  const names = s.targets.map((t) => t.name).join(", ");
  const violations = s.disagreements.filter((d) => d.verdict === "violation").length;
  const lines = [
    `${s.cases} cases on ${names} in ${(s.durationMs / 1000).toFixed(1)} s (${s.casesPerSecond}/s), seed ${s.seed}: ${s.disagreements.length} kind(s) of disagreement, ${violations} violation(s)${s.partial ? " (partial)" : ""}`,
    `  per level:  ${LEVELS.map((l) => `${l} ${s.perLevel[l]}`).join(", ")}`,
  ];
  for (const d of s.disagreements)
    lines.push(
      `  ${d.verdict === "violation" ? `VIOLATION by ${d.wrong.join(", ")}` : "INTEROP"} ×${d.count}: ${d.key}`,
      `        ${d.summary.slice(0, 200)}${d.file ? `\n        ${d.file}` : ""}`,
    );
  for (const [kind, n] of Object.entries(s.unsteady ?? {}))
    lines.push(`  UNSTEADY ×${n}: ${kind} (not shown again by the same input: timing, no finding)`);
  if (s.left) lines.push(`  left the campaign (stopped answering): ${s.left.join(", ")}`);
  if (s.stopped) lines.push(`  stopped: ${s.stopped}`);
  return lines.join("\n");
}

// Replay a disagreement: its stored input once more on every target, their outcomes side by side, and
// whether they still disagree (the same way, or another).
import { LEVEL_SPECS } from "../levels/index.ts";
import type { DiffTarget } from "./campaign.ts";
import { outcomesOf } from "./campaign.ts";
import { type Disagreement, disagreements, verdictText } from "./compare.ts";
import type { DisagreementFinding } from "./finding.ts";
import type { Outcome, StanzaOutcome } from "./outcome.ts";

export interface DiffReplay {
  outcomes: Record<string, Outcome>;
  found: Disagreement[];
  /** The finding's own kind of disagreement is among them. */
  same: boolean;
}

export async function replayDisagreement(targets: DiffTarget[], f: DisagreementFinding): Promise<DiffReplay> {
  const spec = LEVEL_SPECS[f.level];
  const outcomes = await outcomesOf(targets, spec, spec.decode(f.input));
  const found = disagreements(f.level, outcomes);
  return { outcomes, found, same: found.some((d) => d.kind === f.key) };
}

/** An outcome as labelled lines: the verdict, the stream, each stanza's fate. */
export function outcomeLines(o: Outcome): [string, string][] {
  const out: [string, string][] = [["verdict", verdictText(o.verdict, true)]];
  if (o.stream) out.push(["stream", o.stream]);
  (o.cases ?? []).forEach((c, i) => {
    c.forEach((st: StanzaOutcome, j) => {
      const at = `#${i + 1}.${j + 1} ${st.stanza}`;
      const d = st.delivered;
      if (st.reply) out.push([`${at}: reply`, st.reply]);
      if (st.bounce) out.push([`${at}: bounce`, st.bounce]);
      if (d) out.push([`${at}: delivered`, `alice ${d.alice}, bob ${d.bob}, eve ${d.eve}`]);
      out.push([`${at}: payload`, st.payload ?? "n/a"]);
    });
  });
  return out;
}

/** Every target's outcome in its own column, one row per label; rows that differ marked with `*`. */
export function sideBySide(outcomes: Record<string, Outcome>, width = 40): string {
  const names = Object.keys(outcomes);
  const cols = names.map((n) => new Map(outcomeLines(outcomes[n])));
  const labels = [...new Set(names.flatMap((n) => outcomeLines(outcomes[n]).map(([l]) => l)))];
  const cell = (s: string) => (s.length > width ? `${s.slice(0, width - 1)}…` : s.padEnd(width));
  const lw = Math.min(40, Math.max(...labels.map((l) => l.length)));
  const out = [`  ${"".padEnd(lw)} | ${names.map(cell).join(" | ")}`];
  for (const label of labels) {
    const line = cols.map((c) => c.get(label) ?? "-");
    const differs = new Set(line).size > 1;
    out.push(`${differs ? "*" : " "} ${label.slice(0, lw).padEnd(lw)} | ${line.map(cell).join(" | ")}`);
  }
  return out.join("\n");
}

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

function stanzaLines(o: StanzaOutcome): string[] {
  const d = o.delivered;
  return [
    o.reply && `${o.stanza}: reply ${o.reply}`,
    o.bounce && `${o.stanza}: bounce ${o.bounce}`,
    d && `${o.stanza}: delivered alice ${d.alice}, bob ${d.bob}, eve ${d.eve}`,
    o.payload && `${o.stanza}: payload ${o.payload}`,
  ].filter((x): x is string => !!x);
}

/** An outcome as lines: the verdict, the stream, each stanza's fate. */
export function outcomeLines(o: Outcome): string[] {
  return [
    verdictText(o.verdict, true),
    ...(o.stream ? [`stream ${o.stream}`] : []),
    ...(o.cases ?? []).flatMap((c, i) => c.flatMap(stanzaLines).map((l) => `#${i + 1} ${l}`)),
  ];
}

/** Every target's outcome in its own column, lines that differ marked with `*`. */
export function sideBySide(outcomes: Record<string, Outcome>, width = 48): string {
  const names = Object.keys(outcomes);
  const cols = names.map((n) => outcomeLines(outcomes[n]));
  const rows = Math.max(...cols.map((c) => c.length));
  const cell = (s: string) => (s.length > width ? `${s.slice(0, width - 1)}…` : s.padEnd(width));
  const out = [`  ${names.map(cell).join(" | ")}`];
  for (let i = 0; i < rows; i++) {
    const line = cols.map((c) => c[i] ?? "");
    const differs = new Set(line).size > 1;
    out.push(`${differs ? "*" : " "} ${line.map(cell).join(" | ")}`);
  }
  return out.join("\n");
}

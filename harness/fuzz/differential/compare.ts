// Where the targets' normalised outcomes of one case differ. A disagreement's kind is the level, what
// differs and which target said what: one systematic difference is one kind however often it shows,
// two different differences are two.
import type { Level } from "../types.ts";
import type { Outcome, StanzaOutcome, Verdict } from "./outcome.ts";

export interface Disagreement {
  /** The level, what differs and the values: the identity of a finding. */
  kind: string;
  level: Level;
  /** What differs: `verdict`, `stream`, or `<stanza>: <aspect>` (`iq get: reply`). */
  what: string;
  /** Each target's normalised value. */
  values: Record<string, string>;
}

/** Model levels compare their verdict's message too: it is all they observe. */
const MODEL_LEVELS: ReadonlySet<Level> = new Set(["session", "sm", "mam"]);

export function verdictText(v: Verdict, withMessage = false): string {
  if (v.pass) return "pass";
  const base = `fail ${v.oracle} (${v.level}${v.requirement ? ` ${v.requirement}` : ""})`;
  return withMessage ? `${base}: ${v.message}` : base;
}

function aspects(o: StanzaOutcome): Record<string, string | undefined> {
  const d = o.delivered;
  return {
    reply: o.reply,
    bounce: o.bounce,
    delivered: d && `alice ${d.alice}, bob ${d.bob}, eve ${d.eve}`,
    payload: o.payload,
  };
}

/** The kind of a difference: the same for the same values from the same targets. */
export function kindOf(level: Level, what: string, values: Record<string, string>): string {
  const groups = new Map<string, string[]>();
  for (const [t, v] of Object.entries(values).sort(([a], [b]) => a.localeCompare(b)))
    groups.set(v, [...(groups.get(v) ?? []), t]);
  const set = [...groups].map(([v, ts]) => `${ts.join("+")}=${v}`).sort();
  return `${level} | ${what} | ${set.join(" ; ")}`;
}

function differs(level: Level, what: string, values: Record<string, string>): Disagreement | undefined {
  if (new Set(Object.values(values)).size < 2) return undefined;
  return { kind: kindOf(level, what, values), level, what, values };
}

/** Every difference between the outcomes (by target name) of one case. */
export function disagreements(level: Level, outcomes: Record<string, Outcome>): Disagreement[] {
  const names = Object.keys(outcomes);
  const out: Disagreement[] = [];
  const add = (what: string, pick: (o: Outcome) => string | undefined) => {
    const values: Record<string, string> = {};
    for (const n of names) values[n] = pick(outcomes[n]) ?? "n/a";
    const d = differs(level, what, values);
    if (d && !out.some((x) => x.kind === d.kind)) out.push(d);
  };
  add("verdict", (o) => verdictText(o.verdict, MODEL_LEVELS.has(level)));
  // a stream compared only where every target's case got to open one
  if (names.every((n) => outcomes[n].stream !== undefined)) add("stream", (o) => o.stream);
  const batches = names.map((n) => outcomes[n].cases);
  const first = batches[0];
  if (!first || batches.some((b) => !b || b.length !== first.length)) return out;
  first.forEach((sent, i) => {
    sent.forEach((stanza, j) => {
      for (const aspect of Object.keys(aspects(stanza)))
        add(`${stanza.stanza}: ${aspect}`, (o) => aspects(o.cases?.[i]?.[j] ?? stanza)[aspect]);
    });
  });
  return out;
}

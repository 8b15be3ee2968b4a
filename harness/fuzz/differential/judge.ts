// Who is wrong in a disagreement. Where the RFC decides, a target's outcome breaks one of its oracles
// and another target's does not: that target is wrong, and the oracle's requirement is the sentence.
// Where every target keeps every oracle the RFC allows each of them: an interop difference.
import type { Level as RequirementLevel } from "../../fixtures/catalogue.ts";
import type { Disagreement } from "./compare.ts";
import type { Outcome } from "./outcome.ts";
import { requirementText } from "./verdict.ts";

export interface Judgement {
  verdict: "violation" | "interop difference";
  /** The targets that break the requirement (a violation). */
  wrong: string[];
  oracle?: string;
  level?: RequirementLevel;
  requirement?: { id: string; section: string; text: string };
  /** One line: who, what and why. */
  summary: string;
}

export function judge(d: Disagreement, outcomes: Record<string, Outcome>): Judgement {
  const names = Object.keys(outcomes);
  const failing = names.filter((n) => !outcomes[n].verdict.pass);
  if (failing.length === 0)
    return {
      verdict: "interop difference",
      wrong: [],
      summary: `every target keeps every oracle: the RFC allows each answer (${d.what})`,
    };
  const broken = failing.flatMap((n) => {
    const v = outcomes[n].verdict;
    return v.pass ? [] : [{ name: n, ...v }];
  });
  // the strongest broken requirement among the failing targets names the sentence
  const first = [...broken].sort((a, b) => Number(a.level === "SHOULD") - Number(b.level === "SHOULD"))[0];
  const requirement = first.requirement ? requirementText(first.requirement) : undefined;
  // each wrong target with what it broke: they need not break the same thing
  const each = broken.map(
    (v) =>
      `${v.name} ${v.oracle === "alive" ? "stopped answering" : `breaks ${v.oracle} (${v.level})`}: ${v.message}`,
  );
  const summary = `${each.join("; ")}${requirement ? ` [${requirement.section}]` : ""}`;
  return {
    verdict: "violation",
    wrong: failing,
    oracle: first.oracle,
    level: first.level,
    ...(requirement ? { requirement } : {}),
    summary,
  };
}

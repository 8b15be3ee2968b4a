// A differential campaign: the same seed drives the same generated cases against every target at once;
// where their normalised outcomes differ, the difference is a finding, shrunk (fast-check's seed and
// path replayed with only that kind of difference counting as failure) and judged.
import { setTimeout as sleep } from "node:timers/promises";
import fc from "fast-check";
import { type CampaignBudget, type CampaignHooks, foundNothing, property } from "../campaign.ts";
import type { LevelSpec } from "../levels/level.ts";
import type { Rig } from "../rig.ts";
import { turns } from "../turns.ts";
import { LEVELS, type Level, RigError } from "../types.ts";
import { type Disagreement, disagreements } from "./compare.ts";
import { type DiffTargetInfo, type DisagreementFinding, disagreementOf } from "./finding.ts";
import { judge } from "./judge.ts";
import { observe } from "./observe.ts";
import type { Outcome } from "./outcome.ts";

export interface DiffTarget {
  info: DiffTargetInfo;
  rig: Rig;
}

export interface DiffOptions extends CampaignBudget, CampaignHooks<DiffStats, DisagreementFinding> {
  targets: DiffTarget[];
}

export interface DiffStats {
  cases: number;
  perLevel: Record<Level, number>;
  /** Inputs that showed each kind (a finding plus its repeats). */
  perKind: Record<string, number>;
  findings: DisagreementFinding[];
  startedAt: number;
  stopped?: string;
  /** Targets that stopped answering and left the campaign. */
  left?: string[];
  /** Kinds a run showed and the same input run again did not (timing, not the targets), with their counts. */
  unsteady: Record<string, number>;
}

/** The targets disagreed on an input: fast-check's failure, carrying what differed. */
export class Differ extends Error {
  override name = "Differ";
  constructor(
    readonly found: Disagreement[],
    readonly outcomes: Record<string, Outcome>,
  ) {
    super(found.map((d) => d.kind).join("\n"));
  }
}

/** One input on every target at once; a model level's commands are decoded afresh for each. */
export async function outcomesOf<I>(
  targets: DiffTarget[],
  spec: LevelSpec<I>,
  input: I,
): Promise<Record<string, Outcome>> {
  const got = await Promise.all(
    targets.map((t, i) => observe(t.rig, spec, i === 0 ? input : spec.decode(spec.encode(input)))),
  );
  // a failed case logs its target's parties in afresh; the others follow, so that state built by
  // earlier cases (directed presence, subscriptions) stays the same on every target
  if (got.some((o) => !o.verdict.pass)) await Promise.all(targets.map((t) => t.rig.dropParties()));
  return Object.fromEntries(targets.map((t, i) => [t.info.name, got[i]]));
}

/**
 * Runs on every target; throws Differ when they disagree (in the way `only` names, while shrinking).
 * Kinds `known` already holds are counted there and let the turn go on: a systematic difference would
 * otherwise end every turn of its level at its first case.
 */
function runner<I>(targets: DiffTarget[], spec: LevelSpec<I>, only?: string, known?: Map<string, number>) {
  return async (input: I) => {
    const outcomes = await outcomesOf(targets, spec, input);
    const found = disagreements(spec.level, outcomes);
    if (only) {
      if (found.some((d) => d.kind === only)) throw new Differ(found, outcomes);
      return;
    }
    if (known && found.every((d) => known.has(d.kind))) {
      for (const d of found) known.set(d.kind, (known.get(d.kind) ?? 0) + 1);
      return;
    }
    if (found.length) throw new Differ(found, outcomes);
  };
}

export function newDiffStats(): DiffStats {
  const perLevel = Object.fromEntries(LEVELS.map((l) => [l, 0])) as Record<Level, number>;
  return { cases: 0, perLevel, perKind: {}, findings: [], startedAt: Date.now(), unsteady: {} };
}

export async function runDifferential(o: DiffOptions): Promise<DiffStats> {
  const stats = newDiffStats();
  const byKind = new Map<string, DisagreementFinding>();
  /** Inputs per known kind after its finding: repeats counted inside the turn. */
  const seen = new Map<string, number>();
  const lead = o.targets[0].rig;
  for await (const { level, spec, seed, count, params, over } of turns(o, stats, () => o.onCase?.(stats))) {
    const r = await fc.check(
      property(lead, spec, count, undefined, o.signal, runner(o.targets, spec, undefined, seen)),
      params,
    );
    const err = r.errorInstance;
    if (foundNothing(r, over)) continue;
    if (!(err instanceof Differ)) {
      stats.stopped =
        err instanceof RigError
          ? err.message
          : `internal error in the fuzzer: ${(err as Error)?.message ?? String(err)}`;
      break;
    }
    // one shrunk input often shows several kinds of the same input: those need no shrinking of their own
    let lastShrunk: DisagreementFinding | undefined;
    for (const d of err.found) {
      stats.perKind[d.kind] = (stats.perKind[d.kind] ?? 0) + 1;
      const known = byKind.get(d.kind);
      if (known) {
        known.repeats += 1;
        continue;
      }
      const shown = lastShrunk && disagreements(level, lastShrunk.outcomes).find((x) => x.kind === d.kind);
      if (!shown && !(await showsAgain(o.targets, spec, d.kind, r.counterexample?.[0]))) {
        stats.unsteady[d.kind] = (stats.unsteady[d.kind] ?? 0) + 1;
        continue;
      }
      const f =
        lastShrunk && shown
          ? { ...lastShrunk, ...disagreementOf(d), judgement: judge(d, lastShrunk.outcomes), repeats: 0 }
          : await shrink(o, spec, d, err, seed, r.counterexamplePath, r.counterexample?.[0]);
      lastShrunk = f;
      byKind.set(d.kind, f);
      seen.set(d.kind, 0);
      stats.findings.push(f);
      o.onFinding?.(f);
      if (o.stopAt?.(f)) stats.stopped = `stopped at the disagreement ${f.key}`;
    }
    // a remote target that is gone leaves the campaign (its finding says so); the others go on
    const gone = await deadTargets(o.targets);
    if (gone.length) {
      o.targets = o.targets.filter((t) => !gone.includes(t.info.name));
      stats.left = [...(stats.left ?? []), ...gone];
      if (o.targets.length < 2) {
        stats.stopped = `${gone.join(", ")} stopped answering; fewer than two targets left`;
        break;
      }
    }
  }
  for (const [kind, n] of seen) {
    const f = byKind.get(kind);
    if (f) f.repeats += n;
    stats.perKind[kind] = (stats.perKind[kind] ?? 0) + n;
  }
  if (o.signal?.aborted && !stats.stopped) stats.stopped = "interrupted";
  return stats;
}

/**
 * A new kind of disagreement is a finding only if its input, run once more on every target, shows it
 * again: one that does not came from the moment (a loaded machine made one target late), and a finding
 * must replay. Those are counted, not lost (DiffStats.unsteady).
 */
async function showsAgain<I>(targets: DiffTarget[], spec: LevelSpec<I>, kind: string, input: unknown) {
  if (input === undefined) return true;
  const again = await outcomesOf(targets, spec, input as I).catch((err) => {
    if (err instanceof RigError) return undefined;
    throw err;
  });
  return again === undefined || disagreements(spec.level, again).some((x) => x.kind === kind);
}

/** Pauses before asking a silent remote target again: a loaded server may answer late, not never. */
const DEAD_RETRY_MS = [2000, 5000];

/** Remote targets that no longer open a stream, asked again after pauses (an embedded one restarts). */
async function deadTargets(targets: DiffTarget[]): Promise<string[]> {
  let dead = await silent(targets);
  for (const ms of DEAD_RETRY_MS) {
    if (!dead.length) break;
    await sleep(ms);
    dead = await silent(targets.filter((t) => dead.includes(t.info.name)));
  }
  return dead;
}

async function silent(targets: DiffTarget[]): Promise<string[]> {
  const dead = await Promise.all(
    targets.map(async (t) => (!t.rig.canRestart && (await t.rig.alive()) ? t.info.name : "")),
  );
  return dead.filter(Boolean);
}

/** Shrink to a minimal input with the same kind of disagreement, then run it once more for the transcripts. */
async function shrink<I>(
  o: DiffOptions,
  spec: LevelSpec<I>,
  d: Disagreement,
  first: Differ,
  seed: number,
  path: string | null,
  original: I,
): Promise<DisagreementFinding> {
  let input = original;
  let outcomes = first.outcomes;
  let shrunk = false;
  const lead = o.targets[0].rig;
  // half the time for fast-check's shrinking, the rest for dropping a batch's bystanders
  const budget = o.shrinkMs ?? 16_000;
  const until = Date.now() + budget;
  const r = await fc.check(
    property(lead, spec, undefined, undefined, o.signal, runner(o.targets, spec, d.kind)),
    {
      seed,
      path: path ?? undefined,
      endOnFailure: false,
      interruptAfterTimeLimit: budget / 2,
    },
  );
  if (r.failed && r.errorInstance instanceof Differ) {
    input = (r.counterexample ?? [input])[0] as I;
    outcomes = r.errorInstance.outcomes;
    path = r.counterexamplePath;
    shrunk = true;
  }
  if (Array.isArray(input)) {
    const fewer = await dropCases(o.targets, spec, d.kind, input, until);
    shrunk ||= fewer.length < input.length;
    input = fewer as I;
  }
  // the transcripts of the minimal input, from one more run; its outcomes if it still shows the kind
  let transcripts: DisagreementFinding["transcripts"] = {};
  try {
    const again = await outcomesOf(o.targets, spec, input);
    if (disagreements(spec.level, again).some((x) => x.kind === d.kind)) outcomes = again;
  } catch (err) {
    if (!(err instanceof RigError)) throw err;
  } finally {
    transcripts = Object.fromEntries(o.targets.map((t) => [t.info.name, t.rig.transcript.entries]));
  }
  return {
    schema: 1,
    kind: "disagreement",
    ...disagreementOf(d),
    judgement: judge(d, outcomes),
    seed,
    path,
    input: spec.encode(input),
    shrunk,
    targets: o.targets.map((t) => t.info),
    outcomes,
    transcripts,
    foundAt: new Date().toISOString(),
    repeats: 0,
  };
}

/**
 * fast-check keeps a batch's later cases once the first one can no longer go; this drops each case in
 * turn (last first) while the same kind of disagreement remains, within the time given.
 */
async function dropCases<I, C>(
  targets: DiffTarget[],
  spec: LevelSpec<I>,
  kind: string,
  batch: C[],
  until: number,
): Promise<C[]> {
  let kept = batch;
  for (let i = kept.length - 1; i >= 0 && kept.length > 1 && Date.now() < until; i--) {
    const without = kept.filter((_, k) => k !== i);
    const outcomes = await outcomesOf(targets, spec, without as I).catch(() => undefined);
    if (outcomes && disagreements(spec.level, outcomes).some((x) => x.kind === kind)) kept = without;
  }
  return kept;
}

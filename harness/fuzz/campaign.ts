// A fuzz campaign: the levels take turns in chunks of cases until the run count or the time is
// spent. A failure is found with shrinking off (fast); a failure of a new identity (level, oracle,
// requirement broken, MUST or SHOULD, input class: identity.ts) is then shrunk by replaying
// fast-check's seed and path with only a failure of that identity counting.
import fc from "fast-check";
import { INPUT_CLASSES } from "./classes/index.ts";
import { type Finding, findingKey } from "./finding.ts";
import { type Identity, identify, identityKey, keepsIdentity, settle, UNATTRIBUTED } from "./identity.ts";
import { LEVEL_SPECS } from "./levels/index.ts";
import type { LevelSpec } from "./levels/level.ts";
import type { Rig } from "./rig.ts";
import { runCase } from "./run-case.ts";
import { turns } from "./turns.ts";
import { type Level, OracleFailure, type OracleName, RigError } from "./types.ts";

/** What a campaign runs and for how long (a differential campaign takes the same). */
export interface CampaignBudget {
  levels: Level[];
  seed: number;
  runs?: number;
  durationMs?: number;
  /** Cases per turn of a level. */
  chunk?: number;
  /** Time allowed to shrink one finding. */
  shrinkMs?: number;
  signal?: AbortSignal;
}

/** What a campaign tells its caller, of its stats `S` and findings `F`. */
export interface CampaignHooks<S, F> {
  onCase?(stats: S): void;
  onFinding?(f: F): void;
  /** End the campaign at the first finding this accepts (a test hunting one fault). */
  stopAt?(f: F): boolean;
}

export interface CampaignOptions extends CampaignBudget, CampaignHooks<CampaignStats, Finding> {
  rig: Rig;
  target: Finding["target"];
}

export interface CampaignStats {
  cases: number;
  perLevel: Record<Level, number>;
  /** Cases that broke an oracle, per oracle (a finding plus its repeats). */
  perOracle: Partial<Record<OracleName, number>>;
  /** Cases run per input class, per level (classes/). */
  perClass: Record<Level, Record<string, number>>;
  findings: Finding[];
  startedAt: number;
  /** Why the campaign ended early, if it did. */
  stopped?: string;
  /** The latest case's input (for a finding the pid watcher makes). */
  last?: { level: Level; input: unknown };
}

export function newStats(): CampaignStats {
  return {
    cases: 0,
    perLevel: { xml: 0, address: 0, stanza: 0, session: 0, sm: 0, mam: 0 },
    perOracle: {},
    perClass: { xml: {}, address: {}, stanza: {}, session: {}, sm: {}, mam: {} },
    findings: [],
    startedAt: Date.now(),
  };
}

/** The turn's cases are spent: ends fast-check's loop early (not a failure). */
export class TurnOver extends Error {}

/**
 * A turn that found nothing: it passed, spent its cases (TurnOver), or was cut at the campaign's deadline,
 * which fast-check reports as a failure with no error when not one run had finished.
 */
export function foundNothing(r: { failed: boolean; errorInstance: unknown }, over: () => boolean): boolean {
  const err = r.errorInstance;
  return !r.failed || err instanceof TurnOver || (err == null && over());
}

/**
 * The property a level's inputs must keep. `count` books an input's cases and says how many of them
 * the turn still allows (the last batch of a turn is cut; 0 ends the turn).
 */
export function property<I>(
  rig: Rig,
  spec: LevelSpec<I>,
  count: ((input: I) => number) | undefined,
  only?: Identity,
  signal?: AbortSignal,
  /** Runs the input instead of runCase on `rig` (a differential campaign runs it on every target). */
  run?: (input: I) => Promise<void>,
) {
  return fc.asyncProperty(spec.arbitrary(), async (whole) => {
    if (signal?.aborted) return;
    let input = whole;
    if (count) {
      const size = spec.size?.(whole) ?? 1;
      const allowed = count(whole);
      if (allowed <= 0) throw new TurnOver();
      if (allowed < size && spec.take) input = spec.take(whole, allowed);
    }
    try {
      await (run ? run(input) : runCase(rig, spec, input));
    } catch (err) {
      // while shrinking, a smaller input that breaks another requirement, or is of another class, is not the same finding
      if (only && !(err instanceof OracleFailure && keepsIdentity(only, identify(spec.level, err, input))))
        return;
      throw err;
    }
  });
}

export async function runCampaign(o: CampaignOptions): Promise<CampaignStats> {
  const stats = newStats();
  const byKey = new Map<string, Finding>();
  /** Shrinks spent on failures whose case the level could not tell (a batch's crash): a few, then they only count. */
  const unattributed = new Map<string, number>();
  const book = (level: Level, input: unknown, n: number) => {
    stats.last = { level, input: LEVEL_SPECS[level].encode(input as never) };
    const perClass = stats.perClass[level];
    for (const c of INPUT_CLASSES[level].of(input).slice(0, n)) perClass[c] = (perClass[c] ?? 0) + 1;
    o.onCase?.(stats);
  };
  for await (const { level, spec, seed, count, params, over } of turns(o, stats, book)) {
    const r = await fc.check(property(o.rig, spec, count, undefined, o.signal), params);
    const err = r.errorInstance;
    if (foundNothing(r, over)) continue;
    if (err instanceof RigError) {
      stats.stopped = err.message;
      break;
    }
    if (!(err instanceof OracleFailure)) {
      stats.stopped = `internal error in the fuzzer: ${(err as Error)?.message ?? String(err)}`;
      break;
    }
    stats.perOracle[err.oracle] = (stats.perOracle[err.oracle] ?? 0) + 1;
    const failed = r.counterexample?.[0];
    const first = identify(level, err, failed);
    const key = identityKey(first);
    const spent = unattributed.get(key) ?? 0;
    const known = byKey.get(key);
    if (known && (first.inputClass !== UNATTRIBUTED || spent >= UNATTRIBUTED_SHRINKS)) {
      known.repeats += 1;
    } else {
      if (first.inputClass === UNATTRIBUTED) unattributed.set(key, spent + 1);
      const f = await shrink(o, spec, first, err, seed, r.counterexamplePath, failed);
      // an unattributed failure is known once shrunk: it may turn out to be one already found
      const same = byKey.get(findingKey(f));
      if (same) same.repeats += 1;
      else {
        byKey.set(findingKey(f), f);
        stats.findings.push(f);
        o.onFinding?.(f);
        if (o.stopAt?.(f)) stats.stopped = `stopped at the first ${f.level}/${f.oracle} finding`;
      }
      byKey.set(key, same ?? f);
    }
    // a remote target that is really gone ends the campaign (a stream that broke off does not)
    if (err.oracle === "alive" && !o.rig.canRestart && (await o.rig.alive()) !== undefined) {
      stats.stopped = `the target stopped answering (${err.message}); restart it and replay the finding`;
      break;
    }
  }
  if (o.signal?.aborted && !stats.stopped) stats.stopped = "interrupted";
  return stats;
}

/** How many unattributed failures of one requirement are shrunk to learn their class. */
const UNATTRIBUTED_SHRINKS = 3;

/** Shrink to a minimal input of the same identity, then run it once more for its transcript. */
async function shrink<I>(
  o: CampaignOptions,
  spec: LevelSpec<I>,
  identity: Identity,
  first: OracleFailure,
  seed: number,
  path: string | null,
  original: I | undefined,
): Promise<Finding> {
  const level = identity.level;
  let input = original as I;
  let failure = first;
  let shrunk = false;
  // A dead remote target cannot be asked again: keep what failed, as it was.
  if (o.rig.canRestart || first.oracle !== "alive") {
    const r = await fc.check(property(o.rig, spec, undefined, identity), {
      seed,
      path: path ?? undefined,
      endOnFailure: false,
      interruptAfterTimeLimit: o.shrinkMs ?? 30_000,
    });
    if (r.failed && r.errorInstance instanceof OracleFailure) {
      input = (r.counterexample ?? [input])[0] as I;
      failure = r.errorInstance;
      path = r.counterexamplePath;
      shrunk = true;
    }
  }
  // the transcript of the minimal input, from one more run
  let transcript = o.rig.transcript.entries;
  if (o.rig.canRestart || failure.oracle !== "alive") {
    try {
      await runCase(o.rig, spec, input);
    } catch (err) {
      if (err instanceof OracleFailure && keepsIdentity(identity, identify(level, err, input))) failure = err;
    }
    transcript = o.rig.transcript.entries;
  }
  const found = settle(identify(level, failure, input), input);
  return {
    schema: 1,
    level,
    oracle: failure.oracle,
    requirement: found.requirement,
    strength: found.strength,
    inputClass: found.inputClass,
    message: failure.message,
    seed,
    path,
    input: spec.encode(input),
    shrunk,
    target: o.target,
    foundAt: new Date().toISOString(),
    repeats: 0,
    transcript,
  };
}

// The turns of a campaign, shared by the single-target and the differential one: the levels take turns
// of `chunk` cases each (however many cases one input, a batch, holds), each turn with its own seed,
// until the run count or the time is spent, the signal fires, or the campaign says it stopped.

import { LEVEL_SPECS } from "./levels/index.ts";
import type { LevelSpec } from "./levels/level.ts";
import type { Level } from "./types.ts";

export interface TurnBudget {
  levels: Level[];
  seed: number;
  runs?: number;
  durationMs?: number;
  chunk?: number;
  signal?: AbortSignal;
}

/** What a campaign's stats hold that the turns read and book. */
export interface TurnStats {
  cases: number;
  perLevel: Record<Level, number>;
  startedAt: number;
  stopped?: string;
}

export interface Turn {
  level: Level;
  spec: LevelSpec<unknown>;
  seed: number;
  /** Books an input's cases and says how many of them the turn still allows (0 ends the turn). */
  count(input: unknown): number;
  /** fast-check's parameters for the turn. */
  params: { seed: number; numRuns: number; endOnFailure: true; interruptAfterTimeLimit?: number };
  /** The campaign is over (runs, time, signal, or stopped): a turn interrupted by the deadline is no failure. */
  over(): boolean;
}

/** `booked` hears each input's booking (its level, the input, the cases it counted), after the stats. */
export async function* turns(
  o: TurnBudget,
  stats: TurnStats,
  booked?: (level: Level, input: unknown, n: number) => void,
): AsyncGenerator<Turn> {
  const chunk = o.chunk ?? 200;
  const deadline = o.durationMs !== undefined ? stats.startedAt + o.durationMs : Number.POSITIVE_INFINITY;
  const left = () => (o.runs !== undefined ? o.runs - stats.cases : Number.POSITIVE_INFINITY);
  const over = () =>
    o.signal?.aborted === true || left() <= 0 || Date.now() >= deadline || stats.stopped !== undefined;
  let turn = 0;
  while (!over()) {
    for (const level of o.levels) {
      if (over()) return;
      const spec = LEVEL_SPECS[level] as LevelSpec<unknown>;
      const seed = (o.seed + turn * 7919) | 0;
      turn += 1;
      const turnEnd = stats.cases + Math.max(1, Math.min(chunk, left()));
      const count = (input: unknown) => {
        const n = Math.min(spec.size?.(input) ?? 1, turnEnd - stats.cases);
        if (n <= 0) return 0;
        stats.cases += n;
        stats.perLevel[level] += n;
        booked?.(level, input, n);
        return n;
      };
      const limit = Number.isFinite(deadline) ? Math.max(1, deadline - Date.now()) : undefined;
      yield {
        level,
        spec,
        seed,
        count,
        params: {
          seed,
          numRuns: turnEnd - stats.cases,
          endOnFailure: true,
          ...(limit ? { interruptAfterTimeLimit: limit } : {}),
        },
        over,
      };
    }
  }
}

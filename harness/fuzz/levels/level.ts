// What every fuzz level provides to the engine: inputs, how to run one, and how to store one.
import fc from "fast-check";
import type { Rig } from "../rig.ts";
import type { Level } from "../types.ts";

export interface LevelSpec<I> {
  level: Level;
  arbitrary(): fc.Arbitrary<I>;
  /** Run one input against the target; throws OracleFailure when an oracle breaks. */
  run(rig: Rig, input: I): Promise<void>;
  /** The input as plain JSON (a finding file keeps it; replay decodes it). */
  encode(input: I): unknown;
  decode(json: unknown): I;
  /** Fuzz cases in one input (a batch holds several); 1 when absent. */
  size?(input: I): number;
  /** The first n cases of an input (a campaign's last batch is cut to its run count). */
  take?(input: I, n: number): I;
}

/**
 * Cases per batch: each is judged on its own, one sync and one liveness check serve them all. The
 * fuzzer waits on round trips, not on either side's CPU (both threads were 40-80% idle at 64), so a
 * longer batch is nearly free: 256 instead of 64 doubled stanza and address cases/s against the embedded
 * server. A batch of 256 is ~50 KB in one write, and fast-check shrinks it by halves first.
 */
export const BATCH_MAX = 256;

/**
 * A batch of independent cases sent in a row by the same parties. fast-check shrinks a failing
 * batch down to the case (or the few cases, when they interact) that breaks the oracle.
 */
export function batchOf<S>(one: fc.Arbitrary<S>): fc.Arbitrary<S[]> {
  // size "max": lengths spread over the whole range (the default keeps them near 10, and the per-batch
  // sync and liveness check then cost more than the cases)
  return fc.array(one, { minLength: 1, maxLength: BATCH_MAX, size: "max" });
}

/** A stored input from before batches (one case) reads as a batch of one. */
export function decodeBatch<S>(json: unknown): S[] {
  return (Array.isArray(json) ? json : [json]) as S[];
}

export const batchSize = <S>(input: S[]) => input.length;
export const batchTake = <S>(input: S[], n: number) => input.slice(0, n);

/** The spec a model command carries as data, also when fc.commands has wrapped it (CommandWrapper keeps it in `cmd`). */
export function commandSpec<S>(c: unknown): S {
  const w = c as { spec?: S; cmd?: { spec: S } };
  return (w.spec ?? w.cmd?.spec) as S;
}

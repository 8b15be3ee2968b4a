// What every fuzz level provides to the engine: inputs, how to run one, and how to store one.
import type fc from "fast-check";
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
}

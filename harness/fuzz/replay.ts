// Replay a finding: run its stored input once against a target and say whether the same oracle
// still breaks.
import type { Finding } from "./finding.ts";
import { LEVEL_SPECS } from "./levels/index.ts";
import type { Rig } from "./rig.ts";
import { runCase } from "./run-case.ts";
import { OracleFailure, RigError } from "./types.ts";

export interface ReplayOutcome {
  /** The finding's oracle broke again. */
  reproduced: boolean;
  /** Another oracle broke instead. */
  other?: OracleFailure;
  message?: string;
}

export async function replayFinding(rig: Rig, f: Finding): Promise<ReplayOutcome> {
  const spec = LEVEL_SPECS[f.level];
  const input = spec.decode(f.input);
  try {
    await runCase(rig, spec, input);
    return { reproduced: false };
  } catch (err) {
    if (err instanceof OracleFailure)
      return err.oracle === f.oracle
        ? { reproduced: true, message: err.message }
        : { reproduced: false, other: err, message: err.message };
    if (err instanceof RigError) throw err;
    throw new RigError((err as Error).message);
  }
}

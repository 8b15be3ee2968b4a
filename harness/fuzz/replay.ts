// Replay a finding: run its stored input once against a target and say whether the same oracle
// still breaks the same requirement.
import type { Finding } from "./finding.ts";
import { breachOfFailure } from "./identity.ts";
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

/** The same oracle, and the same requirement broken when the finding names one (older files do not). */
function sameFinding(f: Finding, err: OracleFailure): boolean {
  if (err.oracle !== f.oracle) return false;
  if (f.requirement === undefined) return true;
  const b = breachOfFailure(f.level, err);
  return b.requirement === f.requirement && b.strength === f.strength;
}

export async function replayFinding(rig: Rig, f: Finding): Promise<ReplayOutcome> {
  const spec = LEVEL_SPECS[f.level];
  const input = spec.decode(f.input);
  try {
    await runCase(rig, spec, input);
    return { reproduced: false };
  } catch (err) {
    if (err instanceof OracleFailure)
      return sameFinding(f, err)
        ? { reproduced: true, message: err.message }
        : { reproduced: false, other: err, message: err.message };
    if (err instanceof RigError) throw err;
    throw new RigError((err as Error).message);
  }
}

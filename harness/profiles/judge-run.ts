// A run's profiles judged: the target's claims asked once, then each profile judged from the results.
import type { CaseResult, ProfileReport } from "../results.ts";
import { allCases } from "../runner/registry.ts";
import type { Target } from "../runner/target.ts";
import { probeClaims } from "./claims.ts";
import { judgeProfile, SpecCases } from "./judge.ts";
import { type Profile, requiredSpecs } from "./profiles.ts";

/** `usable`: the target answered the run's probe (else its claims are all unknown, never asked). */
export async function judgeProfiles(
  target: Target,
  wanted: readonly Profile[],
  results: readonly CaseResult[],
  o: { timeoutMs: number; usable: boolean },
): Promise<ProfileReport[]> {
  const specs = [...new Set(wanted.flatMap(requiredSpecs))];
  const claims = o.usable ? await probeClaims(target, specs, o.timeoutMs) : {};
  const index = new SpecCases(allCases());
  return wanted.map((p) => judgeProfile(p, results, claims, index));
}

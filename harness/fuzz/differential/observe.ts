// Run one fuzz case on one target and say what happened there, normalised: the level's own run and
// oracles (run-case.ts) decide the verdict, and what they collected on the way is the observation.
import { streamErrorCondition } from "../../match.ts";
import { listen, type Observed } from "../effects.ts";
import type { LevelSpec } from "../levels/level.ts";
import type { Rig } from "../rig.ts";
import { runCase } from "../run-case.ts";
import { RigError } from "../types.ts";
import type { Outcome } from "./outcome.ts";
import { stanzaOutcomes } from "./outcome.ts";
import { verdictOf } from "./verdict.ts";

/** The JIDs of the rig's parties by role, for messages that quote them. */
function rolesOf(rig: Rig): Map<string, string> {
  const out = new Map<string, string>();
  for (const s of rig.sessions()) {
    const jid = s.jid;
    if (!jid) continue;
    out.set(jid.toString(), s.opts.label);
    out.set(jid.bare().toString(), `${s.opts.label}-bare`);
  }
  out.set(rig.target.domain, "domain");
  return out;
}

/** One case on one rig. A RigError (the harness could not run it) is thrown, not an outcome. */
export async function observe<I>(rig: Rig, spec: LevelSpec<I>, input: I): Promise<Outcome> {
  const seen: Observed[] = [];
  // the parties may be gone after a failure: their JIDs are taken while they are there
  const roles = rolesOf(rig);
  const learn = () => {
    for (const [jid, role] of rolesOf(rig)) roles.set(jid, role);
  };
  listen(rig, (o) => {
    seen.push(o);
    learn();
  });
  let err: unknown;
  try {
    await runCase(rig, spec, input);
  } catch (e) {
    if (e instanceof RigError) throw e;
    err = e;
  } finally {
    listen(rig, undefined);
    learn();
  }
  const outcome: Outcome = { verdict: verdictOf(spec.level, err, roles) };
  for (const o of seen) {
    if (o.kind === "stanzas") outcome.cases = stanzaOutcomes(o.effects);
    else {
      const condition = o.session.streamError ? streamErrorCondition(o.session.streamError) : undefined;
      outcome.stream = condition
        ? `closed <${condition}/>`
        : o.session.streamEnded
          ? "closed without stream error"
          : // silent after the input: it may still be reading it (a loaded machine) or stuck in it
            o.probe === "unanswered"
            ? "open, its ping after the input unanswered"
            : "open";
    }
  }
  return outcome;
}

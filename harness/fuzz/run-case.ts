// One fuzz case, start to end: run the level's input, then check the target is still alive, and
// turn what went wrong into the oracle it broke (or into nothing, when the target ended a stream
// with a stream error it was entitled to send).
import { bounded } from "../bounded.ts";
import { HarnessError, NoAnswer, StreamClosed } from "../errors.ts";
import type { LevelSpec } from "./levels/level.ts";
import { checkWellFormed } from "./oracles.ts";
import type { Rig } from "./rig.ts";
import { OracleFailure, RigError } from "./types.ts";

const TIMED_OUT = Symbol("timed out");

/** One case at a time on a rig: a case fast-check gave up on (Rig.idle) ends before the next begins. */
export async function runCase<I>(rig: Rig, level: LevelSpec<I>, input: I): Promise<void> {
  await rig.idle();
  rig.beginCase();
  const run = judgeCase(rig, level, input).finally(() => rig.endCase());
  rig.running(run);
  await run;
}

async function judgeCase<I>(rig: Rig, level: LevelSpec<I>, input: I): Promise<void> {
  let failure: unknown;
  const limit = rig.timeoutMs * 6 + 2000;
  try {
    const r = await bounded(
      level.run(rig, input).then(() => undefined),
      limit,
      () => TIMED_OUT,
    );
    if (r === TIMED_OUT) failure = new NoAnswer(`the case did not end within ${limit} ms`);
  } catch (err) {
    failure = err;
  }
  const dead = await rig.livenessAfterCase();
  if (dead) {
    rig.transcript.note("fuzz", `liveness: ${dead}`);
    await rig.dropParties();
    if (rig.canRestart) await rig.restart();
    throw new OracleFailure("alive", `after the case a fresh connection got no stream (${dead})`);
  }
  if (failure === undefined) return;
  if (failure instanceof OracleFailure || failure instanceof RigError) {
    await rig.dropParties();
    throw failure;
  }
  const f = await classify(rig, failure);
  if (f) throw f;
}

/** A case that stopped on a closed stream or a missing answer: which oracle, if any, broke. */
async function classify(rig: Rig, err: unknown): Promise<Error | undefined> {
  const sessions = rig.sessions();
  try {
    checkWellFormed(rig, sessions);
  } catch (wf) {
    await rig.dropParties();
    return wf as Error;
  }
  const ended = sessions.filter((s) => s.closed || s.streamEnded);
  if (err instanceof HarnessError) {
    await rig.dropParties();
    return new RigError(err.message);
  }
  // The target may end a stream over a stanza it finds unacceptable, with a stream error (§4.9),
  // also one the case was still logging in on.
  if (ended.length && ended.every((s) => s.streamError)) {
    await rig.afterStreamError();
    return undefined;
  }
  await rig.dropParties();
  if (!ended.length && err instanceof StreamClosed && err.condition) return undefined;
  if (ended.length)
    return new OracleFailure(
      "stream-error",
      `the target closed ${ended.map((s) => s.opts.label).join(", ")} without a stream error (${(err as Error).message})`,
    );
  if (err instanceof NoAnswer)
    return new OracleFailure("alive", `an established stream stopped answering: ${err.message}`);
  return new OracleFailure("alive", `the case broke off: ${(err as Error).message}`);
}

// `xmppspec replay FILE`: run a finding's input once more; exit 1 while it still fails, 0 once fixed.
import type { Argv } from "yargs";
import {
  checkDisagreement,
  isDisagreement,
  readFindingJson,
} from "../../harness/fuzz/differential/finding.ts";
import { loadFinding } from "../../harness/fuzz/finding.ts";
import { replayFinding } from "../../harness/fuzz/replay.ts";
import { checkLoopback, openRig } from "../../harness/fuzz/setup.ts";
import { ConfigError } from "../../harness/runner/target-config.ts";
import { type DifferentialArgs, differentialOptions } from "./differential.ts";
import { replayDifferential } from "./differential-replay.ts";
import { leaveSoon } from "./fuzz.ts";
import { type TargetArgs, targetOptions } from "./target-options.ts";
import { EXIT, UsageError } from "./usage-error.ts";

export type ReplayArgs = TargetArgs &
  DifferentialArgs & { file: string; "allow-remote": boolean; timeout: number };

export function replayOptions<T>(y: Argv<T>) {
  return differentialOptions(targetOptions(y))
    .positional("file", { type: "string", describe: "a finding file written by `xmppspec fuzz`" })
    .option("allow-remote", {
      type: "boolean",
      default: false,
      describe: "allow a target that is not on loopback",
    })
    .option("timeout", { type: "number", default: 3000, describe: "ms to wait for one expected answer" });
}

export async function replayCommand(a: ReplayArgs): Promise<number> {
  if (!a.file) throw new UsageError("name the finding file to replay");
  let finding: ReturnType<typeof loadFinding>;
  try {
    const doc = readFindingJson(a.file);
    if (isDisagreement(doc) || a.differential !== undefined) {
      if (!isDisagreement(doc))
        throw new Error(`${a.file} is no disagreement finding (--differential replays those)`);
      return await replayDifferential(a, checkDisagreement(doc, a.file)).finally(leaveSoon);
    }
    finding = loadFinding(a.file);
  } catch (err) {
    throw err instanceof UsageError ? err : new UsageError((err as Error).message);
  }
  if (finding.input === null)
    throw new UsageError(
      `${a.file} holds no input to replay (a --pid finding); rerun the campaign with its seed ${finding.seed}`,
    );
  let opened: Awaited<ReturnType<typeof openRig>>;
  try {
    checkLoopback(a, a["allow-remote"]);
    opened = await openRig(a, a.timeout);
  } catch (err) {
    throw err instanceof ConfigError ? new UsageError(err.message) : err;
  }
  try {
    const dead = await opened.rig.alive();
    if (dead) {
      process.stderr.write(`xmppspec: the target is not usable: ${dead}\n`);
      return EXIT.failed;
    }
    const r = await replayFinding(opened.rig, finding);
    const broke = finding.requirement ? ` (${finding.requirement} ${finding.strength ?? ""})` : "";
    if (r.reproduced) {
      process.stdout.write(`still fails: ${finding.level}/${finding.oracle}${broke}: ${r.message}\n`);
      return EXIT.failed;
    }
    if (r.other) {
      process.stdout.write(
        `fails differently: ${r.other.message} (the finding was ${finding.oracle}${broke})\n`,
      );
      return EXIT.failed;
    }
    process.stdout.write(`fixed: ${finding.level}/${finding.oracle} no longer fails\n`);
    return EXIT.ok;
  } catch (err) {
    process.stderr.write(`xmppspec: replay could not run: ${(err as Error).message}\n`);
    return EXIT.failed;
  } finally {
    await opened.close().catch(() => {});
    leaveSoon();
  }
}

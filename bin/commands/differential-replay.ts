// `xmppspec replay FILE` on a disagreement finding: the input on every target (the names given with
// --differential, else those stored in the file, resolved through the config), the outcomes side by
// side; exit 1 while the targets still disagree, 0 once they agree.
import type { DisagreementFinding } from "../../harness/fuzz/differential/finding.ts";
import { replayDisagreement, sideBySide } from "../../harness/fuzz/differential/replay.ts";
import { RigError } from "../../harness/fuzz/types.ts";
import { type DifferentialArgs, namedTargets, openTargets, unusable } from "./differential.ts";
import { EXIT } from "./usage-error.ts";

export async function replayDifferential(
  a: DifferentialArgs & { "allow-remote": boolean; timeout: number },
  f: DisagreementFinding,
): Promise<number> {
  const list = a.differential ?? f.targets.map((t) => t.name).join(",");
  const targets = await namedTargets(list, a);
  const { opened, diff } = await openTargets(targets, a.timeout);
  try {
    const bad = await unusable(diff);
    if (bad) {
      process.stderr.write(`xmppspec: ${bad}\n`);
      return EXIT.failed;
    }
    const r = await replayDisagreement(diff, f);
    process.stdout.write(`${f.level}: ${f.what} (was: ${f.key})\n${sideBySide(r.outcomes)}\n`);
    if (r.same) process.stdout.write(`still disagree the same way: ${f.judgement.summary}\n`);
    else if (r.found.length)
      process.stdout.write(`disagree otherwise:\n${r.found.map((d) => `  ${d.kind}`).join("\n")}\n`);
    else process.stdout.write("agree: the targets' outcomes no longer differ\n");
    return r.found.length ? EXIT.failed : EXIT.ok;
  } catch (err) {
    if (!(err instanceof RigError)) throw err;
    process.stderr.write(`xmppspec: replay could not run: ${err.message}\n`);
    return EXIT.failed;
  } finally {
    await Promise.all(opened.map((o) => o.close().catch(() => {})));
  }
}

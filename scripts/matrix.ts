// `npm run matrix`: every suite against the embedded reference server and Debian's prosody, ejabberd
// and jabberd2 (reset, started and stopped here through fixtures/servers/xmpp-servers.sh), then
// out/matrix/NAME.json, the HTML matrix out/matrix.html and docs/compliance.md (pass counts per
// RFC section per server). Prints each run's counts and its verdicts against its expectations file.
// Options: --parallel N (default 8), --only NAME[,NAME] (a subset of reference,prosody,ejabberd,jabberd2).
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import type { RunResults } from "../harness/results.ts";
import { checkExpectations, readExpectations } from "../harness/runner/expectations.ts";
import { allCases } from "../harness/runner/registry.ts";
import { writeResults } from "../reports/json.ts";
import { writeReports } from "../reports/write.ts";
import { realComponentArgs } from "./real-servers/component.ts";
import { FEDERATION_VARIANT, federationTarget } from "./real-servers/federation.ts";
import {
  REAL_SERVER_NAMES,
  type RealServerName,
  realServerUnavailable,
  startRealServer,
  stopRealServer,
} from "./real-servers/launch.ts";
import {
  expectationsFile,
  realFederationArgs,
  realServerArgs,
  runSuiteDocument,
} from "./real-servers/suite-run.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const TARGETS = ["reference", ...REAL_SERVER_NAMES] as const;

function fail(message: string): never {
  process.stderr.write(`matrix: ${message}\n`);
  process.exit(2);
}

function options(): { parallel: number; only: string[] } {
  let values: { parallel?: string; only?: string };
  try {
    ({ values } = parseArgs({ options: { parallel: { type: "string" }, only: { type: "string" } } }));
  } catch (err) {
    fail((err as Error).message);
  }
  const parallel = Number(values.parallel ?? 8);
  if (!Number.isInteger(parallel) || parallel < 1) fail("--parallel wants a whole number ≥ 1");
  const only = values.only ? values.only.split(",") : [...TARGETS];
  for (const n of only)
    if (!(TARGETS as readonly string[]).includes(n))
      fail(`--only: unknown target '${n}' (${TARGETS.join(", ")})`);
  return { parallel, only };
}

function counts(doc: RunResults): string {
  const s = doc.summary;
  return `${s.total} cases: ${s.PASS} PASS, ${s.FAIL} FAIL, ${s.WARN} WARN, ${s.SKIP} SKIP, ${s.ERROR} ERROR in ${(doc.durationMs / 1000).toFixed(1)} s`;
}

/** Against the expectations file: how many deviations were expected, and what is new. */
function judged(name: RealServerName, doc: RunResults): string[] {
  const check = checkExpectations(doc.results, readExpectations(expectationsFile(name)));
  return [
    ...check.unexpectedFailures.map(
      (r) => `  new failure: ${r.verdict} ${r.id}: ${(r.message ?? "").split("\n")[0]}`,
    ),
    ...check.unexpectedPasses.map((r) => `  unexpected pass: ${r.id}`),
  ];
}

async function main(): Promise<number> {
  const { parallel, only } = options();
  const servers = REAL_SERVER_NAMES.filter((n) => only.includes(n));
  for (const n of servers) {
    const why = realServerUnavailable(n);
    if (why) fail(`${n} cannot run here: ${why}`);
  }
  const runs: { file: string; doc: RunResults }[] = [];
  let bad = 0;
  const keep = (name: string, doc: RunResults) => {
    const file = `${ROOT}out/matrix/${name}.json`;
    writeResults(file, doc);
    runs.push({ file, doc });
    process.stdout.write(`${name}: ${counts(doc)}\n`);
  };
  if (only.includes("reference")) keep("reference", await runSuiteDocument({ name: "reference", parallel }));
  for (const name of servers) {
    try {
      // the federation variant: the c2s config as the base one, plus s2s (the federation cases)
      const c2s = await startRealServer(name, { reset: true, variant: FEDERATION_VARIANT });
      // reset just before: the run may leave its accounts behind
      const doc = await runSuiteDocument({
        name,
        // jabberd2's s2s component does not survive the whole suite (test/real-servers-suite.test.ts)
        args: {
          ...(name === "jabberd2"
            ? realServerArgs(c2s)
            : realFederationArgs({ ...federationTarget(name), c2s })),
          ...realComponentArgs(name),
        },
        cases:
          name === "jabberd2"
            ? allCases().filter((c) => !c.needs?.some((n) => n === "s2s" || n === "s2s-outbound"))
            : undefined,
        parallel,
        keepAccounts: true,
        rerunInternalServerError: name === "jabberd2",
      });
      keep(name, doc);
      const lines = judged(name, doc);
      bad += lines.length;
      process.stdout.write(lines.length ? `${lines.join("\n")}\n` : "  as expected\n");
    } finally {
      await stopRealServer(name, { variant: FEDERATION_VARIANT });
    }
  }
  const md = `${ROOT}docs/compliance.md`;
  for (const w of writeReports(runs, { matrix: `${ROOT}out/matrix.html`, markdown: md }))
    process.stdout.write(`${w}\n`);
  return bad ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err) => fail((err as Error).message),
);

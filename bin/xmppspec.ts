// The xmppspec command line: run, fuzz, replay, list, serve, faults, coverage, report, compare, init.
import yargs from "yargs";
import { hideBin } from "yargs/helpers";
import { compareCommand } from "./commands/compare.ts";
import { coverageCommand } from "./commands/coverage.ts";
import { faultsCommand } from "./commands/faults.ts";
import { type FuzzArgs, fuzzCommand, fuzzOptions } from "./commands/fuzz.ts";
import { type InitArgs, initCommand, initOptions } from "./commands/init.ts";
import { listCommand } from "./commands/list.ts";
import { type ReplayArgs, replayCommand, replayOptions } from "./commands/replay.ts";
import { type ReportArgs, reportCommand, reportOptions } from "./commands/report.ts";
import { type RunArgs, runCommand, runOptions, type SelectArgs, selectOptions } from "./commands/run.ts";
import { type ServeArgs, serveCommand } from "./commands/serve.ts";
import { die, EXIT, UsageError } from "./commands/usage-error.ts";

// `xmppspec list | head` closes our stdout early: that is the reader's choice, not an error.
process.stdout.on("error", (err: NodeJS.ErrnoException) => {
  if (err.code === "EPIPE") process.exit(process.exitCode ?? 0);
});

// A promise a case abandoned must never take down a run and the results it has gathered.
process.on("unhandledRejection", (err) => {
  process.stderr.write(`xmppspec: ignored a stray failure: ${(err as Error)?.message ?? String(err)}\n`);
});

/** Run a command and leave with its exit code; usage mistakes and harness failures are one line. */
async function main(fn: () => number | Promise<number>): Promise<void> {
  try {
    process.exitCode = await fn();
  } catch (err) {
    if (err instanceof UsageError) die(err.message, EXIT.usage);
    die(`internal error: ${(err as Error).message}`, EXIT.failed);
  }
}

await yargs(hideBin(process.argv))
  .scriptName("xmppspec")
  .usage("$0 <command> [options]")
  .command(
    "run",
    "run the conformance suites against a target (default: the embedded reference server)",
    (y) => runOptions(y),
    (a) => main(() => runCommand(a as unknown as RunArgs)),
  )
  .command(
    "fuzz",
    "fuzz a target with fast-check at the XML, address, stanza, session, stream management (sm) and archive (mam) levels",
    (y) => fuzzOptions(y),
    (a) => main(() => fuzzCommand(a as unknown as FuzzArgs)),
  )
  .command(
    "replay <file>",
    "replay a fuzz finding against a target: exit 1 while it still fails, 0 once fixed",
    (y) => replayOptions(y),
    (a) => main(() => replayCommand(a as unknown as ReplayArgs)),
  )
  .command(
    "list",
    "list the cases with their ids and requirement ids",
    (y) => selectOptions(y).option("json", { type: "boolean", default: false }),
    (a) => main(() => listCommand(a as unknown as SelectArgs & { json: boolean })),
  )
  .command(
    "serve",
    "run the reference server standalone",
    (y) =>
      y
        .option("port", { type: "number", default: 5222, describe: "c2s port (STARTTLS); 0 = any free port" })
        .option("tls-port", { type: "number", default: 5223, describe: "direct TLS port (XEP-0368)" })
        .option("ws-port", { type: "number", default: 5280, describe: "WebSocket port (RFC 7395)" })
        .option("domain", {
          type: "string",
          array: true,
          default: [] as string[],
          describe: "served domain; repeatable",
        })
        .option("tls", { choices: ["optional", "required"], default: "optional" })
        .option("component-port", {
          type: "number",
          default: 5347,
          describe: "XEP-0114 component port (jabber:component:accept)",
        })
        .option("component-domain", {
          type: "string",
          describe: "the component name serviced there (default: component.<first domain>)",
        })
        .option("component-secret", {
          type: "string",
          describe: "the component's shared secret (default: a fresh random one, printed)",
        })
        .option("fault", {
          type: "string",
          array: true,
          default: [] as string[],
          describe: "named fault; repeatable",
        })
        .option("account", {
          type: "string",
          array: true,
          default: [] as string[],
          describe: "user@domain:password to create",
        })
        .option("write-ca", {
          type: "string",
          describe: "write the generated certificate (PEM) to this file",
        })
        .option("registration", {
          type: "boolean",
          default: true,
          describe: "offer XEP-0077 in-band registration (--no-registration: the disabled path)",
        })
        .option("federate", {
          type: "string",
          array: true,
          default: [] as string[],
          describe:
            "also start a reference server for this domain (comma-separated domains for one server); repeatable. All of them federate (s2s, STARTTLS, EXTERNAL and dialback) on loopback",
        }),
    (a) => main(() => serveCommand(a as unknown as ServeArgs)),
  )
  .command(
    "faults",
    "list the reference server's named faults and the requirements each breaks",
    (y) => y.option("json", { type: "boolean", default: false }),
    (a) => main(() => faultsCommand(a as unknown as { json: boolean })),
  )
  .command(
    "coverage",
    "requirement coverage per RFC and XEP section: requirements, checkable, covered, uncovered ids",
    (y) =>
      y
        .option("json", { type: "boolean", default: false })
        .option("rfc", {
          type: "string",
          array: true,
          default: [] as string[],
          describe: "6120, 6121, 7622 (with neither --rfc nor --xep: these and every catalogued XEP)",
        })
        .option("xep", {
          type: "string",
          array: true,
          default: [] as string[],
          describe: "0178, 0220, 0288, 0368",
        }),
    (a) => main(() => coverageCommand(a as unknown as { json: boolean; rfc: string[]; xep: string[] })),
  )
  .command(
    "report <files..>",
    "write JUnit, Allure, HTML (one run: report; several: matrix) or Markdown from results JSON files; --merge joins shards",
    (y) => reportOptions(y),
    (a) => main(() => reportCommand(a as unknown as ReportArgs)),
  )
  .command(
    "compare <base> <new>",
    "regressions, fixes and new cases between two results files; exit 1 on a regression",
    (y) =>
      y
        .positional("base", {
          type: "string",
          demandOption: true,
          describe: "results JSON of the earlier run",
        })
        .positional("new", { type: "string", demandOption: true, describe: "results JSON of the later run" }),
    (a) => main(() => compareCommand(a as unknown as { base: string; new: string })),
  )
  .command(
    "init",
    "write a commented xmppspec.config.json here (what `run` reads before its flags)",
    (y) => initOptions(y),
    (a) => main(() => initCommand(a as unknown as InitArgs)),
  )
  .demandCommand(1, "name a command: run, fuzz, replay, list, serve, faults, coverage, report, compare, init")
  .strict()
  .fail((msg, err) => {
    if (err && !(err instanceof UsageError)) die(`internal error: ${err.message}`, EXIT.failed);
    die(msg ?? err?.message ?? "bad usage", EXIT.usage);
  })
  .help()
  .version("0.1.0")
  .parseAsync();

// `xmppspec report FILE...`: JUnit, Allure, HTML (report or matrix) and Markdown from results JSON files.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { Argv } from "yargs";
import { writeAllure } from "../../reports/allure.ts";
import { writeResults } from "../../reports/json.ts";
import { loadResults, ReportInputError } from "../../reports/load.ts";
import { mergeResults } from "../../reports/merge.ts";
import { type ReportOutputs, writeReports } from "../../reports/write.ts";
import { EXIT, UsageError } from "./usage-error.ts";

/** Bad report input (ReportInputError) is a usage error here: one line, exit 2. */
function asUsage<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    throw err instanceof ReportInputError ? new UsageError(err.message) : err;
  }
}

/** The report files `run` and `report` can write. */
export function reportOutputOptions<T>(y: Argv<T>) {
  return y
    .option("junit", {
      type: "string",
      describe: "write JUnit XML (one testsuite per RFC section) to this file",
    })
    .option("allure", { type: "string", describe: "write Allure results into this directory" })
    .option("html", {
      type: "string",
      describe: "write a self-contained HTML report (several results files: the matrix) to this file",
    })
    .option("matrix", { type: "string", describe: "write the HTML matrix (cases × targets) to this file" })
    .option("markdown", {
      type: "string",
      describe: "write a Markdown summary (several results files: pass counts per section per target)",
    });
}

export type ReportArgs = ReportOutputs & {
  files: string[];
  "allure-html"?: string;
  merge?: boolean;
  output?: string;
};

export function reportOptions<T>(y: Argv<T>) {
  return reportOutputOptions(
    y.positional("files", {
      type: "string",
      array: true,
      describe: "results JSON files (xmppspec run --json)",
    }),
  )
    .option("allure-html", {
      type: "string",
      describe: "render an Allure HTML report into this directory (needs Java)",
    })
    .option("merge", {
      type: "boolean",
      default: false,
      describe: "join the files (shards of one run: --shard i/n) into one results document",
    })
    .option("output", {
      alias: "o",
      type: "string",
      describe: "with --merge: write the merged results JSON to this file",
    })
    .option("label", {
      type: "string",
      array: true,
      describe: "column name for each results file, in order (default: the target's name)",
    });
}

/** Writes reports, turning unreadable input into a usage error (one line, exit 2). */
export function writeReportsOrFail(inputs: Parameters<typeof writeReports>[0], o: ReportOutputs): string[] {
  return asUsage(() => writeReports(inputs, o));
}

/** allure-commandline (33 MB, on Java) is an optional peer: installed beside xmppspec by those who want it. */
function allureBin(): string {
  try {
    const pkg = createRequire(import.meta.url).resolve("allure-commandline/package.json");
    return join(dirname(pkg), "bin", "allure");
  } catch {
    throw new UsageError("--allure-html needs allure-commandline: npm install allure-commandline");
  }
}

/** allure-commandline runs on Java: say so in one line when there is none. */
export function renderAllure(results: string, out: string): void {
  const java = spawnSync("java", ["-version"], { stdio: "ignore" });
  if (java.error || java.status !== 0)
    throw new UsageError("--allure-html needs Java (allure-commandline runs on it), and no `java` was found");
  // `--clean` empties the output directory: never let it wipe a directory that is not an old report
  if (existsSync(out) && readdirSync(out).length && !existsSync(join(out, "data")))
    throw new UsageError(`--allure-html: ${out} is neither empty nor an Allure report; not overwriting it`);
  const r = spawnSync(allureBin(), ["generate", results, "-o", out, "--clean"], { encoding: "utf8" });
  if (r.error || r.status !== 0)
    throw new Error(`allure generate failed: ${(r.error?.message ?? r.stderr ?? "").trim().split("\n")[0]}`);
}

export async function reportCommand(a: ReportArgs): Promise<number> {
  const files = a.files ?? [];
  if (!files.length) throw new UsageError("name at least one results file (xmppspec run --json FILE)");
  if (a.output && !a.merge) throw new UsageError("-o writes merged results: add --merge");
  if (!a.output && !a.junit && !a.allure && !a.html && !a.matrix && !a.markdown && !a["allure-html"])
    throw new UsageError(
      `name a report to write: ${a.merge ? "-o FILE, " : ""}--junit, --allure, --allure-html, --html, --matrix or --markdown`,
    );
  const inputs = asUsage(() => {
    const loaded = files.map((file) => ({ file, doc: loadResults(file) }));
    return a.merge ? [{ file: a.output ?? "merged shards", doc: mergeResults(loaded) }] : loaded;
  });
  if (a.output) {
    writeResults(a.output, inputs[0].doc);
    process.stdout.write(`merged results: ${a.output} (${inputs[0].doc.summary.total} cases)\n`);
  }
  if (a["allure-html"] && inputs.length !== 1) throw new UsageError("--allure-html takes one results file");
  const written = writeReportsOrFail(inputs, a);
  if (a["allure-html"]) {
    const results = a.allure ?? mkdtempSync(join(tmpdir(), "xmppspec-allure-"));
    try {
      if (!a.allure) writeAllure(inputs[0].doc, results);
      renderAllure(results, a["allure-html"]);
    } finally {
      if (!a.allure) rmSync(results, { recursive: true, force: true });
    }
    written.push(`allure html: ${a["allure-html"]}`);
  }
  for (const w of written) process.stdout.write(`${w}\n`);
  return EXIT.ok;
}

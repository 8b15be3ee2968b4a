// Writes the requested reports from one or several results documents (shared by `run` and `report`).
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import type { RunResults } from "../harness/results.ts";
import { writeAllure } from "./allure.ts";
import { htmlReport } from "./html.ts";
import { junitXml } from "./junit.ts";
import { ReportInputError } from "./load.ts";
import { markdownMatrix, markdownSummary } from "./markdown.ts";
import { matrixReport } from "./matrix.ts";
import { columns } from "./targets.ts";

export interface ReportOutputs {
  junit?: string;
  allure?: string;
  /** One input: the run's report; several: the matrix. */
  html?: string;
  /** The matrix, whatever the number of inputs. */
  matrix?: string;
  /** One input: a CI summary; several: pass counts per section per target. */
  markdown?: string;
  /** Column names for the files, in order (default: each target's name). */
  label?: string[];
}

export function writeText(file: string, text: string): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.tmp-${process.pid}`;
  writeFileSync(tmp, text);
  renameSync(tmp, file);
}

/** Writes each requested report; returns what was written, one "kind: path" each. */
export function writeReports(inputs: { file: string; doc: RunResults }[], o: ReportOutputs): string[] {
  const one = inputs.length === 1 ? inputs[0].doc : undefined;
  if ((o.label?.length ?? 0) > inputs.length)
    throw new ReportInputError(`${o.label?.length} --label for ${inputs.length} results files`);
  if (!one && (o.junit || o.allure))
    throw new ReportInputError(
      "--junit and --allure take one results file (a run); give one file per report",
    );
  const written: string[] = [];
  if (one && o.junit) {
    writeText(o.junit, junitXml(one));
    written.push(`junit: ${o.junit}`);
  }
  if (one && o.allure) {
    writeAllure(one, o.allure);
    written.push(`allure results: ${o.allure}`);
  }
  const cols = columns(inputs, o.label);
  if (o.html) {
    writeText(o.html, one ? htmlReport(one) : matrixReport(cols));
    written.push(`${one ? "html" : "matrix"}: ${o.html}`);
  }
  if (o.matrix) {
    writeText(o.matrix, matrixReport(cols));
    written.push(`matrix: ${o.matrix}`);
  }
  if (o.markdown) {
    writeText(o.markdown, one ? markdownSummary(one) : markdownMatrix(cols));
    written.push(`markdown: ${o.markdown}`);
  }
  return written;
}

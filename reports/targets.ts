// Several results files side by side: one label per file, and the union of their RFC sections.
import { basename } from "node:path";
import type { RunResults } from "../harness/results.ts";
import type { SectionGroup } from "./model.ts";
import { bySection } from "./model.ts";

export interface Column {
  label: string;
  file: string;
  doc: RunResults;
}

/**
 * A column per file, labelled by `labels` (in file order) or else by the target's name (with its faults);
 * the file name is added where two columns would read the same.
 */
export function columns(inputs: { file: string; doc: RunResults }[], labels: string[] = []): Column[] {
  const base = inputs.map(
    ({ doc }, i) =>
      labels[i] ??
      (doc.target.faults?.length ? `${doc.target.name} (${doc.target.faults.join(", ")})` : doc.target.name),
  );
  return inputs.map(({ file, doc }, i) => ({
    label: base.filter((b) => b === base[i]).length > 1 ? `${base[i]} [${basename(file)}]` : base[i],
    file,
    doc,
  }));
}

/** The sections of every file, each with the results of all files (for order and titles only). */
export function unionSections(cols: Column[]): SectionGroup[] {
  return bySection(cols.flatMap((c) => c.doc.results));
}

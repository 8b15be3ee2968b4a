// Writes suites/index.ts: every file under suites/<rfcNNNN|xepNNNN>/ (and its s2s/ folder) that default-
// exports a section, imported and listed in report order (RFCs then XEPs, c2s then s2s, section number).
// `npm run suites-index` after adding a section file; test/suites-index.test.ts checks it is current.
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../suites/", import.meta.url));

interface Entry {
  suite: string;
  file: string;
  key: string;
  side: number;
}

/** "4.7.3-stream-id.ts" → "0004.0007.0003", so sections sort as numbers. */
function sectionKey(file: string): string {
  return file
    .replace(/-.*$/, "")
    .split(".")
    .map((p) => (/^\d+$/.test(p) ? p.padStart(4, "0") : p))
    .join(".");
}

export function suitesIndex(root = ROOT): string {
  const suites = readdirSync(root)
    .filter((d) => /^(rfc|xep)\d+$/.test(d))
    .sort((a, b) => Number(a.startsWith("xep")) - Number(b.startsWith("xep")) || a.localeCompare(b));
  const entries: Entry[] = [];
  for (const suite of suites) {
    for (const [dir, side] of [
      ["", 0],
      ["s2s/", 1],
    ] as const) {
      if (!existsSync(`${root}${suite}/${dir}`)) continue;
      for (const f of readdirSync(`${root}${suite}/${dir}`).filter((n) => n.endsWith(".ts"))) {
        if (!/export default/.test(readFileSync(`${root}${suite}/${dir}${f}`, "utf8"))) continue;
        entries.push({ suite, file: `${dir}${f}`, key: sectionKey(f), side });
      }
    }
  }
  const ordered = [...entries].sort(
    (a, b) =>
      suites.indexOf(a.suite) - suites.indexOf(b.suite) ||
      a.side - b.side ||
      (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
  );
  const ident = (e: Entry) =>
    `${e.suite.replace("rfc", "r").replace("xep", "x")}_${e.file.replace(/\.ts$/, "").replace(/[^a-zA-Z0-9]+/g, "_")}`;
  const byPath = [...entries].sort((a, b) => (`${a.suite}/${a.file}` < `${b.suite}/${b.file}` ? -1 : 1));
  return [
    "// Every suite section, in report order (spec, c2s then s2s, then section number).",
    "// Written by scripts/suites-index.ts (npm run suites-index).",
    'import type { Section } from "../harness/runner/case.ts";',
    ...byPath.map((e) => `import ${ident(e)} from "./${e.suite}/${e.file}";`),
    "",
    "export const ALL_SECTIONS: Section[] = [",
    ...ordered.map((e) => `  ${ident(e)},`),
    "];",
    "",
  ].join("\n");
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(`${ROOT}index.ts`, suitesIndex());
  process.stdout.write("suites/index.ts written\n");
}

// The package's own files (fixtures, the CLI launcher), found from this module wherever it runs:
// harness/ in a checkout (through tsx) or dist/harness/ in the installed package (compiled).
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The nearest folder above `from` holding a package.json: dist/ has none, so both layouts meet at the root. */
function packageRootAbove(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, "package.json"))) return dir;
    if (dirname(dir) === dir) throw new Error(`xmppspec: no package.json above ${from}`);
  }
}

export const PACKAGE_ROOT = packageRootAbove(dirname(fileURLToPath(import.meta.url)));

/** A file of the package by its path from the root: `packagePath("fixtures/rfc/requirements.tsv")`. */
export const packagePath = (path: string): string => join(PACKAGE_ROOT, path);

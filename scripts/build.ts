// `npm run build` (and `prepack`, so every packed tarball holds it): the TypeScript that runs, compiled
// into dist/ in the source layout (tsconfig.build.json). A checkout never needs it: bin/xmppspec.mjs runs
// the .ts through tsx there. `npm test` builds into another folder of the checkout (the argument), so its
// CLI children start from JavaScript while the package test packs dist/ beside them.
import { spawnSync } from "node:child_process";
import { rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { packagePath } from "../harness/package-root.ts";

const dist = packagePath(process.argv[2] ?? "dist");
// a file deleted from the sources must not live on in the package
rmSync(dist, { recursive: true, force: true });

const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
const r = spawnSync(process.execPath, [tsc, "-p", packagePath("tsconfig.build.json"), "--outDir", dist], {
  stdio: "inherit",
});
if (r.status !== 0) {
  process.stderr.write("build: tsc failed\n");
  process.exit(1);
}

// The worker's entry is plain JavaScript outside tsc's reach; its checkout version registers tsx
// first, which the compiled worker neither needs nor has.
writeFileSync(
  `${dist}/harness/server/worker-entry.mjs`,
  '// The embedded server\'s worker thread, compiled: see harness/server/worker-entry.mjs.\nawait import("./worker-main.js");\n',
);

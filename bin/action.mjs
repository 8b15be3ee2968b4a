#!/usr/bin/env node
// The GitHub Action's entry point (action.yml runs it). As bin/xmppspec.mjs: a checkout has the
// TypeScript, run through tsx; a built package runs what `npm run build` compiled into dist/.
import { existsSync } from "node:fs";

if (existsSync(new URL("./action/main.ts", import.meta.url))) {
  const { register } = await import("tsx/esm/api");
  register();
  await import("./action/main.ts");
} else {
  await import("../dist/bin/action/main.js");
}

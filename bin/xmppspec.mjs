#!/usr/bin/env node
// The launcher. A checkout has the TypeScript: tsx runs it, so `npx xmppspec` needs no build step.
// The installed package ships no .ts, only what `prepack` compiled into dist/: that runs as is.
import { existsSync } from "node:fs";

if (existsSync(new URL("./xmppspec.ts", import.meta.url))) {
  const { register } = await import("tsx/esm/api");
  register();
  await import("./xmppspec.ts");
} else {
  await import("../dist/bin/xmppspec.js");
}

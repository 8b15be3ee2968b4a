#!/usr/bin/env node
// The GitHub Action's entry point: action.yml runs it in the action's own checkout after `npm ci`, so
// the TypeScript is there and runs through tsx, as bin/xmppspec.mjs runs it in a checkout.
const { register } = await import("tsx/esm/api");
register();
await import("./action/main.ts");

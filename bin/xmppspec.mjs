#!/usr/bin/env node
// Runs the TypeScript CLI through tsx: no build step between a checkout and `npx xmppspec`.
import { register } from "tsx/esm/api";

register();
await import("./xmppspec.ts");

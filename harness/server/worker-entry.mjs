// The worker thread's entry: workers do not inherit the main thread's tsx hooks (nor does
// `execArgv: ["--import", "tsx"]` give them), so the worker registers tsx itself before loading TypeScript.
import { register } from "tsx/esm/api";

register();
await import("./worker-main.ts");

// A WorkerServer entry that crashes on cue: the real worker, plus a throw (as a bug in a handler would)
// when the run asks to remove an account. Its listener runs first and renames the request (listeners
// share the message) so that the real one leaves it unanswered: the crash meets a pending request.
import { parentPort } from "node:worker_threads";
import { register } from "tsx/esm/api";

parentPort?.on("message", (m) => {
  if (m.op !== "remove") return;
  m.op = "crash";
  throw new Error("injected server crash");
});
register();
await import("../../harness/server/worker-main.ts");

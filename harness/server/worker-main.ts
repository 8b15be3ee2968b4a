// The worker side of WorkerServer: the reference server in its own thread, so that the harness client and
// the server it drives use two cores instead of sharing one event loop. Driven by messages only.
import { type MessagePort, parentPort, workerData } from "node:worker_threads";
import { onDerived } from "../sasl/scram-crypto.ts";
import { ReferenceServer } from "./server.ts";
import {
  fromWorkerOptions,
  oneLine,
  type Reply,
  type Request,
  type WorkerServerOptions,
} from "./worker-protocol.ts";

if (!parentPort) throw new Error("worker-main.ts runs inside a worker thread only");
const port: MessagePort = parentPort;
const post = (m: Reply) => port.postMessage(m);

// A throw in a socket handler would otherwise end the thread with a stack on the user's console: the run
// gets one line instead, and the thread ends (its sockets close, so clients see the server gone).
function die(err: unknown): void {
  post({ type: "fatal", error: oneLine(err) });
  process.exit(1);
}
process.on("uncaughtException", die);
process.on("unhandledRejection", die);

function serve(server: ReferenceServer): void {
  post({
    type: "ready",
    info: {
      endpoints: server.endpoints,
      cert: server.certificate.cert,
      domains: [...server.domains],
      faults: [...server.faults],
    },
  });
  port.on("message", async (m: Request) => {
    try {
      switch (m.op) {
        case "create":
          post({ type: "reply", id: m.id, ok: true, value: server.accounts.create(m.jid, m.password) });
          return;
        case "remove":
          post({ type: "reply", id: m.id, ok: true, value: server.accounts.remove(m.jid) });
          return;
        case "stop":
          await server.stop();
          post({ type: "reply", id: m.id, ok: true, value: true });
          // nothing is left to serve: closing the port lets the thread's event loop drain and end by itself
          port.close();
          return;
      }
    } catch (err) {
      post({ type: "reply", id: m.id, ok: false, error: oneLine(err) });
    }
  });
}

// the run's client is about to derive the very same SCRAM keys: spare it the PBKDF2 (its thread is the busier)
onDerived((cacheKey, keys) => post({ type: "keys", cacheKey, keys }));
ReferenceServer.start(fromWorkerOptions(workerData as WorkerServerOptions)).then(serve, die);

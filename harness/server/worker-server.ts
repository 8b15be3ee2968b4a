// The embedded reference server in a worker thread: the same surface a run needs from a ReferenceServer
// (endpoints, certificate, domains, accounts, stop), with the accounts API asynchronous. A run against
// the in-process server shares one core between the harness client and the server; this gives each
// its own. Every wait on the worker is bounded, and a worker that dies fails what waits on it.
// The SCRAM keys the server derives come back too: in one thread client and server shared that PBKDF2
// through one cache, and without it the client's would keep the run's thread the busier by ~20%.
import { Worker } from "node:worker_threads";
import { primeKeys, type ScramKeys } from "../sasl/scram-crypto.ts";
import {
  type Ask,
  oneLine,
  type Reply,
  type Request,
  type ServerInfo,
  type WorkerServerOptions,
} from "./worker-protocol.ts";

/** Starting includes the worker's own module loading (tsx compiles on a cold cache) and a certificate. */
const START_MS = 30_000;
/** An account operation is a map update: this long means the worker is stuck. */
const REQUEST_MS = 10_000;
/** The server's own stop grace (500 ms) and some; past it the worker is terminated. */
const STOP_MS = 3_000;
/** After its server stopped, the worker's thread has only itself to wind down. */
const EXIT_MS = 1_000;

const ENTRY = new URL("./worker-entry.mjs", import.meta.url);

type Pending = {
  op: string;
  resolve: (v: boolean) => void;
  reject: (e: Error) => void;
  timer: NodeJS.Timeout;
};

function asBuffers(k: Record<keyof ScramKeys, Uint8Array>): ScramKeys {
  const b = (u: Uint8Array) => Buffer.from(u.buffer, u.byteOffset, u.byteLength);
  return { clientKey: b(k.clientKey), storedKey: b(k.storedKey), serverKey: b(k.serverKey) };
}

/** A request the dead or stuck worker cannot answer; the runner turns it into an ERROR verdict. */
export class WorkerServerError extends Error {
  override name = "WorkerServerError";
}

export class WorkerServer {
  readonly endpoints: ServerInfo["endpoints"];
  readonly certificate: { cert: string };
  readonly domains: readonly string[];
  readonly faults: ReadonlySet<string>;
  /** The embedded provisioning API, answered by the worker. */
  readonly accounts = {
    create: (bareJid: string, password: string) =>
      this.#request({ op: "create", jid: bareJid, password }, REQUEST_MS),
    remove: (bareJid: string) => this.#request({ op: "remove", jid: bareJid }, REQUEST_MS),
  };

  readonly #worker: Worker;
  readonly #pending = new Map<number, Pending>();
  readonly #exited: Promise<void>;
  #nextId = 1;
  /** Why the worker can no longer answer; set once it died or was stopped. */
  #gone: string | undefined;
  #stopping: Promise<void> | undefined;

  private constructor(worker: Worker, info: ServerInfo, exited: Promise<void>) {
    this.#worker = worker;
    this.#exited = exited;
    this.endpoints = info.endpoints;
    this.certificate = { cert: info.cert };
    this.domains = info.domains;
    this.faults = new Set(info.faults);
  }

  /**
   * Start the server in a new worker; rejects with the server's own one-line reason if it cannot start.
   * `entry` replaces the worker's entry module (tests load one that crashes on cue).
   */
  static async start(opts: WorkerServerOptions = {}, entry: URL = ENTRY): Promise<WorkerServer> {
    // execArgv []: the run's own preloads (a test's --import hook) are not the server's business
    const worker = new Worker(entry, { workerData: opts, execArgv: [] });
    let server: WorkerServer | undefined;
    // the last word from the worker before it ended: a fatal message, else the error event
    let reason: string | undefined;
    const exited = new Promise<void>((resolve) =>
      worker.once("exit", (code) => {
        if (server) server.#fail(reason ?? `the embedded server's worker exited (code ${code})`);
        resolve();
      }),
    );
    // an error the worker could not report itself (its entry failed to load): one line all the same
    worker.on("error", (err) => {
      reason ??= `the embedded server ${server ? "crashed" : "could not start"}: ${oneLine(err)}`;
    });
    const info = await new Promise<ServerInfo>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new WorkerServerError(`the embedded server did not start within ${START_MS} ms`)),
        START_MS,
      );
      const settle = () => clearTimeout(timer);
      worker.on("message", (m: Reply) => {
        if (m.type === "keys") primeKeys(m.cacheKey, asBuffers(m.keys));
        else if (m.type === "ready") {
          settle();
          resolve(m.info);
        } else if (m.type === "fatal") {
          reason ??= server ? `the embedded server crashed: ${m.error}` : m.error;
          settle();
          reject(new WorkerServerError(m.error));
        } else if (server) server.#settle(m);
      });
      exited.then(() => {
        settle();
        reject(new WorkerServerError(reason ?? "the embedded server's worker ended before it started"));
      });
    }).catch(async (err: Error) => {
      await worker.terminate();
      throw err;
    });
    server = new WorkerServer(worker, info, exited);
    return server;
  }

  /**
   * The server thread's busy time so far (ms): its event loop's active time, which the bench sets against
   * the number of cases and pings, as it sets a real server's CPU time.
   */
  busyMs(): number {
    return this.#worker.performance.eventLoopUtilization().active;
  }

  /** Stop the server and end the worker; resolves once no handle of it is left (terminated if stuck). */
  stop(): Promise<void> {
    this.#stopping ??= (async () => {
      // a worker that answered the stop ends by itself; one that did not (stuck, or dead) is not waited on
      const answered =
        this.#gone === undefined &&
        (await this.#request({ op: "stop" }, STOP_MS).then(
          () => true,
          () => false,
        ));
      this.#fail("the embedded server was stopped");
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<"late">((resolve) => (timer = setTimeout(resolve, EXIT_MS, "late")));
      const ended = answered ? await Promise.race([this.#exited, late]) : "late";
      clearTimeout(timer);
      if (ended === "late") await this.#worker.terminate();
      await this.#exited;
    })();
    return this.#stopping;
  }

  #request(req: Ask, ms: number): Promise<boolean> {
    if (this.#gone !== undefined) return Promise.reject(new WorkerServerError(this.#gone));
    const id = this.#nextId++;
    return new Promise<boolean>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(id);
        reject(new WorkerServerError(`the embedded server did not answer '${req.op}' within ${ms} ms`));
      }, ms);
      this.#pending.set(id, { op: req.op, resolve, reject, timer });
      const message: Request = { ...req, id };
      this.#worker.postMessage(message);
    });
  }

  #settle(m: Extract<Reply, { type: "reply" }>): void {
    const p = this.#pending.get(m.id);
    if (!p) return; // answered after its wait ran out
    this.#pending.delete(m.id);
    clearTimeout(p.timer);
    if (m.ok) p.resolve(m.value);
    else p.reject(new WorkerServerError(`the embedded server failed '${p.op}': ${m.error}`));
  }

  /** No more answers will come: every pending request fails with `why`, and so does every later one. */
  #fail(why: string): void {
    this.#gone ??= why;
    for (const [id, p] of this.#pending) {
      clearTimeout(p.timer);
      p.reject(new WorkerServerError(this.#gone));
      this.#pending.delete(id);
    }
  }
}

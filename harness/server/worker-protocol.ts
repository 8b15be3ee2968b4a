// The messages between the embedded reference server's worker thread and the run that drives it.
// Plain data only: they cross the thread boundary by structured clone.
import type { ScramKeys } from "../sasl/scram-crypto.ts";
import type { ReferenceServerOptions } from "./server.ts";
import type { StanzaLayerOptions } from "./stanza/index.ts";

/** Start options that survive structured clone: no stanza layer, no callbacks (s2s seam, clock). */
export type WorkerServerOptions = Omit<ReferenceServerOptions, "stanzaLayer" | "stanzaOptions"> & {
  stanzaOptions?: Omit<StanzaLayerOptions, "routeRemote" | "now">;
};

export interface ServerInfo {
  endpoints: {
    tcp: { host: string; port: number };
    tls?: { host: string; port: number };
    ws?: { url: string };
  };
  /** The certificate only: the key stays in the worker (nothing in the run needs it). */
  cert: string;
  domains: string[];
  faults: string[];
}

/** What the run asks of the worker; each is answered by one reply with the request's id. */
export type Ask =
  | { op: "create"; jid: string; password: string }
  | { op: "remove"; jid: string }
  | { op: "stop" };

export type Request = Ask & { id: number };

export type Reply =
  | { type: "ready"; info: ServerInfo }
  /** SCRAM keys the server derived, for the run's client (scram-crypto.ts: primeKeys); Buffers arrive as Uint8Arrays. */
  | { type: "keys"; cacheKey: string; keys: Record<keyof ScramKeys, Uint8Array> }
  | { type: "reply"; id: number; ok: true; value: boolean }
  | { type: "reply"; id: number; ok: false; error: string }
  /** The server could not start, or crashed: one line, never a stack. */
  | { type: "fatal"; error: string };

/** The first line of an error's message: what the user reads in a verdict or on stderr. */
export function oneLine(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.split("\n", 1)[0] || (err instanceof Error ? err.name : "unknown error");
}

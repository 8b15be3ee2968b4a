// The messages between the embedded reference server's worker thread and the run that drives it.
// Plain data only: they cross the thread boundary by structured clone.
import { plays } from "../s2s/domains.ts";
import type { ScramKeys } from "../sasl/scram-crypto.ts";
import type { S2sAddress, S2sOptions } from "./s2s/options.ts";
import { dnsResolver } from "./s2s/resolve-dns.ts";
import { resolveFaults } from "./s2s/resolve-faults.ts";
import type { ReferenceServerOptions } from "./server.ts";
import type { StanzaLayerOptions } from "./stanza/index.ts";

/**
 * s2s options as data: the resolver hook becomes a table of where each remote domain listens (a
 * "*.remote.test" key covers every name below remote.test), or a DNS server to ask (RFC 6120 §3.2).
 */
export type WorkerS2sOptions = Omit<S2sOptions, "resolve"> &
  ({ hosts: Record<string, S2sAddress>; dns?: never } | { dns: S2sAddress; hosts?: never });

/** Start options that survive structured clone: no stanza layer, no callbacks (s2s seam, clock). */
export type WorkerServerOptions = Omit<ReferenceServerOptions, "stanzaLayer" | "stanzaOptions" | "s2s"> & {
  stanzaOptions?: Omit<StanzaLayerOptions, "routeRemote" | "now">;
  s2s?: WorkerS2sOptions;
};

/** The server's own options from their cloneable form. */
export function fromWorkerOptions(opts: WorkerServerOptions): ReferenceServerOptions {
  if (!opts.s2s) return opts as ReferenceServerOptions;
  const { hosts, dns, ...s2s } = opts.s2s;
  if (dns)
    return { ...opts, s2s: { ...s2s, resolve: dnsResolver(dns, undefined, resolveFaults(opts.faults)) } };
  const table = hosts ?? {};
  const resolve = async (domain: string) => {
    const pattern = Object.keys(table).find((k) => k.startsWith("*.") && plays([k], domain));
    return table[domain] ?? (pattern === undefined ? undefined : table[pattern]);
  };
  return { ...opts, s2s: { ...s2s, resolve } };
}

export interface ServerInfo {
  endpoints: {
    tcp: { host: string; port: number };
    tls?: { host: string; port: number };
    ws?: { url: string };
    s2s?: { host: string; port: number };
    component?: { host: string; port: number };
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

// The federation side of a run from its options: for the embedded server, a DNS responder of its own that
// the server resolves through (so name resolution is exercised as for any server); for a --target, the
// flags say where its s2s port is, where the harness's DNS responder is to listen, and which CA to keep.
import { readFileSync } from "node:fs";
import type { S2sOptions } from "../server/s2s/options.ts";
import type { WorkerS2sOptions } from "../server/worker-protocol.ts";
import { fromWorkerOptions } from "../server/worker-protocol.ts";
import { isLoopback, parseTarget } from "../transport/target-url.ts";
import type { Endpoint } from "../transport/transport.ts";
import { ConfigError } from "./config-error.ts";
import { Federation, type FederationOptions } from "./federation.ts";

/** The federation flags, as the CLI spells them. */
export interface FederationArgs {
  "s2s-target"?: string;
  "s2s-dns"?: string;
  "s2s-pki"?: string;
  "s2s-listen"?: string;
  "s2s-tls-ca"?: string;
  "tls-ca"?: string;
}

/** "host:port" on loopback, for a listening flag. */
function loopbackAddress(value: string, flag: string): { host: string; port: number } {
  const m = /^\[?([0-9a-fA-F:.]+)\]?:(\d{1,5})$/.exec(value.trim());
  const port = m ? Number(m[2]) : Number.NaN;
  if (!m || port > 65535) throw new ConfigError(`--${flag} wants host:port, got '${value}'`);
  if (!isLoopback(m[1]))
    throw new ConfigError(`--${flag}: the harness listens on loopback only (127.0.0.0/8, ::1), not ${m[1]}`);
  return { host: m[1], port };
}

function s2sEndpoint(value: string): Endpoint {
  try {
    const e = parseTarget(value.includes("://") ? value : `xmpp://${value}`);
    if (e.kind !== "tcp" && e.kind !== "tls") throw new Error("an s2s endpoint is xmpp:// or xmpps://");
    return e;
  } catch (err) {
    throw new ConfigError(`--s2s-target: ${(err as Error).message}`);
  }
}

function readPem(file: string, flag: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (err) {
    throw new ConfigError(`--${flag}: cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? err}`);
  }
}

/** Start the federation side; a port in use or an unwritable CA directory is the user's one-line error. */
export async function startFederation(a: FederationArgs, o: FederationOptions = {}): Promise<Federation> {
  const opts: FederationOptions = {
    ...o,
    pkiDir: a["s2s-pki"] ?? o.pkiDir,
    listen: a["s2s-listen"] ? loopbackAddress(a["s2s-listen"], "s2s-listen") : o.listen,
    dns: a["s2s-dns"] ? loopbackAddress(a["s2s-dns"], "s2s-dns") : o.dns,
  };
  try {
    return await Federation.start(opts);
  } catch (err) {
    throw new ConfigError(`federation: ${(err as Error).message}`);
  }
}

/**
 * For a --target: nothing unless a federation flag is given. Its s2s certificate is judged against
 * --s2s-tls-ca, else the c2s CA (`ca`), else the harness's own CA (a target configured with a certificate
 * the harness issued).
 */
export async function startRemoteFederation(
  a: FederationArgs,
  ca: string | undefined,
): Promise<Federation | undefined> {
  if (!a["s2s-target"] && !a["s2s-dns"]) {
    if (a["s2s-pki"] || a["s2s-listen"] || a["s2s-tls-ca"])
      throw new ConfigError("--s2s-pki, --s2s-listen and --s2s-tls-ca need --s2s-target or --s2s-dns");
    return undefined;
  }
  const targetS2s = a["s2s-target"] ? s2sEndpoint(a["s2s-target"]) : undefined;
  const trustCa = a["s2s-tls-ca"] ? readPem(a["s2s-tls-ca"], "s2s-tls-ca") : ca;
  return startFederation(a, { targetS2s, targetTrust: trustCa ? { ca: trustCa } : undefined });
}

/** The embedded server's s2s options: resolution through the harness's DNS, certificates from its CA. */
export async function embeddedS2s(f: Federation, domains: readonly string[]): Promise<WorkerS2sOptions> {
  if (!f.dns) throw new Error("the embedded server's federation needs the harness's DNS responder");
  const certificates = Object.fromEntries(
    await Promise.all(domains.map(async (d) => [d, await f.pki.issue(d)] as const)),
  );
  return {
    port: 0,
    dns: { host: f.dns.host, port: f.dns.port },
    trust: f.pki.caCert,
    certificate: certificates[domains[0]],
    certificates,
  };
}

/** The same options for a server in this thread (`faults`: its resolution faults apply to the resolver). */
export function fromWorkerS2s(s2s: WorkerS2sOptions, faults?: string[]): S2sOptions | undefined {
  return fromWorkerOptions({ s2s, faults }).s2s;
}

// The reference server finds a remote domain's server as RFC 6120 §3.2 says, asking one DNS server (the
// harness's responder on loopback): the _xmpp-server._tcp SRV records by priority and weight, none when
// the only record's target is "." (§3.2.1: "decidedly not available"), else the domain's own address on
// port 5269 (§3.2.2). XEP-0368 §3: `_xmpps-server._tcp` records join the `_xmpp-server` ones in one
// priority/weight order (direct TLS first on a tie), and mark the address for direct TLS.
// It never leaves loopback: an address elsewhere counts as unresolved.
import { promises as dns } from "node:dns";
import net from "node:net";
import { isLoopbackHost } from "../listeners.ts";
import type { S2sAddress } from "./options.ts";

const DEFAULT_S2S_PORT = 5269;

/** Deliberate deviations from §3.2 (the resolution faults of ../faults/s2s-resolve.ts), off by default. */
export interface ResolveFaults {
  /** s2s-resolve-dot-falls-back: a lone "." target is ignored and the address fallback follows. */
  dotFallsBack?: boolean;
  /** s2s-resolve-no-a-fallback: without SRV records the domain counts as unresolved. */
  noAddressFallback?: boolean;
  /** s2s-direct-tls-for-xmpp-srv: '_xmpp-server' targets are dialed with direct TLS too. */
  directTlsForAll?: boolean;
}

interface Srv {
  name: string;
  port: number;
  priority: number;
  weight: number;
  directTls: boolean;
}

export function dnsResolver(
  server: S2sAddress,
  timeoutMs = 2000,
  faults: ResolveFaults = {},
): (domain: string) => Promise<S2sAddress | undefined> {
  const r = new dns.Resolver({ timeout: timeoutMs, tries: 1 });
  r.setServers([
    net.isIPv6(server.host) ? `[${server.host}]:${server.port}` : `${server.host}:${server.port}`,
  ]);
  const address = async (name: string): Promise<string | undefined> => {
    if (net.isIP(name)) return name;
    if (name === "localhost") return "127.0.0.1";
    const ips = await r.resolve4(name).catch(() => [] as string[]);
    return ips[0];
  };
  const srv = (name: string, directTls: boolean): Promise<Srv[]> =>
    r.resolveSrv(name).then(
      (list) => list.map((rec) => ({ ...rec, directTls })),
      // no SRV answer: fall back to the domain's address records (§3.2.2)
      () => [],
    );
  return async (domain) => {
    // both asked at once: a silent DNS server then costs one timeout, not two
    const [direct, starttls] = await Promise.all([
      srv(`_xmpps-server._tcp.${domain}`, true),
      srv(`_xmpp-server._tcp.${domain}`, faults.directTlsForAll === true),
    ]);
    let records = [...direct, ...starttls];
    if (records.length === 1 && (records[0].name === "" || records[0].name === ".")) {
      if (!faults.dotFallsBack) return undefined;
      records = [];
    }
    records.sort((a, b) => a.priority - b.priority || b.weight - a.weight);
    for (const rec of records) {
      if (rec.name === "" || rec.name === ".") continue;
      const ip = await address(rec.name);
      if (ip && isLoopbackHost(ip))
        return { host: ip, port: rec.port, ...(rec.directTls ? { directTls: true } : {}) };
    }
    if (records.length > 0 || faults.noAddressFallback) return undefined;
    const ip = await address(domain);
    return ip && isLoopbackHost(ip) ? { host: ip, port: DEFAULT_S2S_PORT } : undefined;
  };
}

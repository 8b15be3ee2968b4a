// Several embedded servers that federate with each other (`xmppspec serve`, the project's tests): each
// finds the others' domains through its resolver hook, all trust one harness CA, which issues each a
// certificate per domain.
import type { CertFlaw, Pki } from "../../pki/pki.ts";
import { ReferenceServer, type ReferenceServerOptions } from "../server.ts";
import type { S2sAddress, S2sOptions } from "./options.ts";

export interface FederatedServer {
  /** Served domains; each gets its certificate (the first's is the default one). */
  domains: string[];
  /** Everything else of the server (c2s ports, faults...). */
  options?: Omit<ReferenceServerOptions, "domains" | "s2s">;
  /** s2s settings; resolve, trust and certificate are filled in. */
  s2s?: Partial<Omit<S2sOptions, "resolve" | "trust" | "certificate">>;
  /** A certificate flawed on purpose (harness/pki). */
  flaw?: CertFlaw;
}

/**
 * Starts the servers in order; each resolves a domain served by another of them to that one's s2s
 * endpoint, and `extra` domains (a silent peer, the harness as remote.test) as given.
 */
export async function startFederation(
  servers: FederatedServer[],
  pki: Pki,
  extra: Record<string, S2sAddress> = {},
): Promise<ReferenceServer[]> {
  const where = new Map<string, S2sAddress>();
  const started: ReferenceServer[] = [];
  try {
    for (const spec of servers) {
      const server = await ReferenceServer.start({
        ...spec.options,
        domains: spec.domains,
        s2s: {
          trust: pki.caCert,
          certificate: await pki.issue(spec.domains[0] ?? "localhost", spec.flaw),
          certificates: Object.fromEntries(
            await Promise.all(spec.domains.map(async (d) => [d, await pki.issue(d, spec.flaw)] as const)),
          ),
          resolve: async (domain) => where.get(domain) ?? extra[domain],
          ...spec.s2s,
        },
      });
      started.push(server);
      const endpoint = server.endpoints.s2s;
      if (endpoint) for (const d of server.domains) where.set(d, endpoint);
    }
  } catch (err) {
    await Promise.all(started.map((s) => s.stop()));
    throw err;
  }
  return started;
}

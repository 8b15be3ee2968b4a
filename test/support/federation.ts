// Two embedded servers that federate: "localhost" and "remote.test", each finding the other through its
// resolver hook, with certificates from one harness CA; and clients on either.

import type { CertFlaw } from "../../harness/pki/pki.ts";
import { Pki } from "../../harness/pki/pki.ts";
import type { S2sAddress, S2sOptions } from "../../harness/server/s2s/options.ts";
import { ReferenceServer, type ReferenceServerOptions } from "../../harness/server/server.ts";
import { NS } from "../../harness/xml/element.ts";
import { boundJid, PASSWORD, Raw } from "./raw-client.ts";

let pki: Promise<Pki> | undefined;
export function sharedPki(): Promise<Pki> {
  pki ??= Pki.create();
  return pki;
}

export interface SideOptions {
  s2s?: Partial<Omit<S2sOptions, "resolve" | "trust" | "certificate">>;
  faults?: string[];
  /** A certificate flawed on purpose for this side's s2s. */
  flaw?: CertFlaw;
  /** Extra names the resolver hook knows (domain → address). */
  extra?: Record<string, S2sAddress>;
}

export interface Pair {
  local: ReferenceServer;
  remote: ReferenceServer;
  stop(): Promise<void>;
}

async function side(
  domain: string,
  other: () => S2sAddress | undefined,
  otherDomain: string,
  o: SideOptions,
): Promise<ReferenceServer> {
  const ca = await sharedPki();
  const opts: ReferenceServerOptions = {
    domains: [domain],
    tls: "optional",
    tlsPort: null,
    wsPort: null,
    faults: o.faults ?? [],
    s2s: {
      ...o.s2s,
      trust: ca.caCert,
      certificate: await ca.issue(domain, o.flaw),
      resolve: async (d) => (d === otherDomain ? other() : o.extra?.[d]),
    },
  };
  return ReferenceServer.start(opts);
}

/** localhost ↔ remote.test. */
export async function startPair(local: SideOptions = {}, remote: SideOptions = {}): Promise<Pair> {
  let b: ReferenceServer | undefined;
  const a = await side("localhost", () => b?.endpoints.s2s, "remote.test", local);
  b = await side("remote.test", () => a.endpoints.s2s, "localhost", remote);
  const bb = b;
  return { local: a, remote: bb, stop: async () => void (await Promise.all([a.stop(), bb.stop()])) };
}

/** A bound client of `server` at `domain` (no TLS on c2s: these tests are about s2s). */
export async function client(server: ReferenceServer, user: string): Promise<{ c: Raw; jid: string }> {
  const domain = server.domains[0];
  server.accounts.create(`${user}@${domain}`, PASSWORD);
  const c = await Raw.tcp(server.endpoints.tcp.port);
  await c.open({ to: domain });
  const ok = await c.sasl("SCRAM-SHA-256", user, PASSWORD);
  if (!ok.is("success", NS.sasl)) throw new Error(`authentication failed: ${ok.toString()}`);
  await c.open({ to: domain });
  const jid = boundJid(await c.bind());
  return { c, jid };
}

export { NS };

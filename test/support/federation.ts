// Two embedded servers that federate, "localhost" and "remote.test" (harness/server/s2s/federation.ts), and
// clients on either.
import type { CertFlaw } from "../../harness/pki/pki.ts";
import { Pki } from "../../harness/pki/pki.ts";
import { type FederatedServer, startFederation } from "../../harness/server/s2s/federation.ts";
import type { S2sAddress } from "../../harness/server/s2s/options.ts";
import type { ReferenceServer } from "../../harness/server/server.ts";
import { NS } from "../../harness/xml/element.ts";
import { boundJid, PASSWORD, Raw } from "./raw-client.ts";

let pki: Promise<Pki> | undefined;
export function sharedPki(): Promise<Pki> {
  pki ??= Pki.create();
  return pki;
}

export interface SideOptions {
  s2s?: FederatedServer["s2s"];
  faults?: string[];
  flaw?: CertFlaw;
  /** Extra names the resolver hooks know (domain → address). */
  extra?: Record<string, S2sAddress>;
}

export interface Pair {
  local: ReferenceServer;
  remote: ReferenceServer;
  stop(): Promise<void>;
}

function spec(domain: string, o: SideOptions): FederatedServer {
  // c2s without TLS: these tests are about s2s
  const options = { tls: "optional" as const, tlsPort: null, wsPort: null, faults: o.faults ?? [] };
  return {
    domains: [domain],
    options,
    ...(o.s2s ? { s2s: o.s2s } : {}),
    ...(o.flaw ? { flaw: o.flaw } : {}),
  };
}

/** localhost ↔ remote.test. */
export async function startPair(local: SideOptions = {}, remote: SideOptions = {}): Promise<Pair> {
  const extra = { ...local.extra, ...remote.extra };
  const [a, b] = await startFederation(
    [spec("localhost", local), spec("remote.test", remote)],
    await sharedPki(),
    extra,
  );
  return { local: a, remote: b, stop: async () => void (await Promise.all([a.stop(), b.stop()])) };
}

/** A bound client of `server` at `domain` (default its first). */
export async function client(
  server: ReferenceServer,
  user: string,
  domain = server.domains[0],
): Promise<{ c: Raw; jid: string }> {
  server.accounts.create(`${user}@${domain}`, PASSWORD);
  const c = await Raw.tcp(server.endpoints.tcp.port);
  await c.open({ to: domain });
  const ok = await c.sasl("SCRAM-SHA-256", user, PASSWORD);
  if (!ok.is("success", NS.sasl)) throw new Error(`authentication failed: ${ok.toString()}`);
  await c.open({ to: domain });
  const jid = boundJid(await c.bind());
  return { c, jid };
}

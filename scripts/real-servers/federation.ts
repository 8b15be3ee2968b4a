// The real servers' federation variant (fixtures/servers/NAME/federation/): where their s2s listens, which
// DNS port they ask, where the harness CA they trust lives.
import { join } from "node:path";
import { type RealServerName, type RealServerTarget, realServerTarget, realServerWorkDir } from "./launch.ts";

export const FEDERATION_VARIANT = "federation";

/** Fixed in the variant's configs (xmpp-servers.sh fills @DNS_PORT@ from the same numbers). */
const PORTS: Record<RealServerName, { s2s: number; dns: number }> = {
  prosody: { s2s: 15269, dns: 15353 },
  ejabberd: { s2s: 25269, dns: 25353 },
  jabberd2: { s2s: 31269, dns: 31353 },
};

export interface FederationTarget {
  /** The c2s side, unchanged from the base config (accounts alice and bob of localhost). */
  c2s: RealServerTarget;
  /** Its s2s listener (STARTTLS required). */
  s2s: { host: "127.0.0.1"; port: number };
  /** Domains it serves. */
  domains: readonly ["localhost", "example.test"];
  /** Holds ca.crt and ca.key: `Pki.create({ dir: caDir })` is the CA the server trusts for its peers. */
  caDir: string;
  /**
   * The PEM file to trust for the server's own s2s certificate: the harness CA for prosody and jabberd2
   * (they present certificates the CA issued; jabberd2 the one for localhost for every domain), ejabberd's
   * self-signed one (it has one certificate per domain for c2s and s2s alike, and its c2s must stay as
   * the base config has it).
   */
  serverCaFile: string;
  /** The server resolves names only by asking 127.0.0.1 on this port (UDP, and TCP on truncation). */
  dns: { host: "127.0.0.1"; port: number };
}

export function federationTarget(name: RealServerName): FederationTarget {
  const c2s = realServerTarget(name, FEDERATION_VARIANT);
  const caDir = join(realServerWorkDir(FEDERATION_VARIANT), "federation");
  return {
    c2s,
    s2s: { host: "127.0.0.1", port: PORTS[name].s2s },
    domains: ["localhost", "example.test"],
    caDir,
    serverCaFile: name === "ejabberd" ? c2s.caFile : join(caDir, "ca.crt"),
    dns: { host: "127.0.0.1", port: PORTS[name].dns },
  };
}

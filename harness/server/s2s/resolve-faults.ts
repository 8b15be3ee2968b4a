// Which resolution faults (../faults/s2s-resolve.ts) a server's fault list turns on: the resolver runs
// before the server (and its fault check) exists, so it takes them as plain flags.
import type { FaultName } from "../faults/index.ts";
import type { ResolveFaults } from "./resolve-dns.ts";

export function resolveFaults(faults: readonly string[] = []): ResolveFaults {
  const on = (name: FaultName) => faults.includes(name);
  return {
    dotFallsBack: on("s2s-resolve-dot-falls-back"),
    noAddressFallback: on("s2s-resolve-no-a-fallback"),
    directTlsForAll: on("s2s-direct-tls-for-xmpp-srv"),
  };
}

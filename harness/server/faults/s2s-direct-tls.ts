// Deliberate deviations of the reference server from XEP-0368 §3 when it dials direct TLS, applied by
// ../s2s/fault-hooks-s2s-direct-tls.ts. One row per fault.
import { spec } from "./spec.ts";

export const S2S_DIRECT_TLS_FAULTS = [
  spec("s2s-direct-tls-no-alpn", "dials direct TLS without the ALPN extension", "XEP0368-3-8"),
  spec("s2s-direct-tls-no-sni", "dials direct TLS without the SNI extension", "XEP0368-3-7"),
  spec(
    "s2s-direct-tls-trusts-any-cert",
    "accepts any certificate on a direct TLS stream (no validation as for STARTTLS)",
    "XEP0368-3-5",
  ),
  spec("s2s-direct-tls-starttls", "sends <starttls/> over a direct TLS stream", "XEP0368-3-6"),
  spec(
    "s2s-direct-tls-for-xmpp-srv",
    "dials direct TLS to the targets of '_xmpp-server' records too (not only '_xmpps-server')",
    "XEP0368-3-4",
  ),
] as const;

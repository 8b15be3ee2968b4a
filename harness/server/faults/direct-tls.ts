// Deliberate deviations of the reference server from XEP-0368 §3 on its direct TLS (xmpps-client) port,
// applied through fault-hooks-server.ts (the certificate) and fault-hooks-stream.ts (STARTTLS).
import { spec } from "./spec.ts";

export const DIRECT_TLS_FAULTS = [
  spec(
    "direct-tls-starttls-proceeds",
    "answers <starttls/> over a direct TLS connection with <proceed/>",
    "XEP0368-3-6",
  ),
  spec(
    "direct-tls-other-certificate",
    "presents a self-signed certificate of its own on the direct TLS port, not the one STARTTLS presents",
    "XEP0368-3-5",
  ),
] as const;

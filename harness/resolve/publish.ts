// How a domain the harness plays is published so any federating server finds it on loopback: SRV records
// (RFC 6120 §3.2.1; XEP-0368's `_xmpps-server` when a direct-TLS port is given) whose target is
// "localhost" (some servers resolve an SRV target through the system resolver, where only localhost is
// sure to be 127.0.0.1), and A records for the domain and for localhost.
import type { DnsResponder } from "./dns.ts";

export function publishXmppDomain(
  dns: DnsResponder,
  domain: string,
  ports: { starttls: number; direct?: number },
): void {
  dns.set(domain, {
    srv: [{ port: ports.starttls, target: "localhost" }],
    ...(ports.direct ? { xmppsSrv: [{ port: ports.direct, target: "localhost" }] } : {}),
    a: ["127.0.0.1"],
  });
  dns.set("localhost", { a: ["127.0.0.1"] });
}

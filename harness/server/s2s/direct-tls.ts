// XEP-0368 §3 as the initiating server: an address found through `_xmpps-server._tcp` is dialled with TLS
// from the first byte, SNI = the remote domain and ALPN "xmpp-server"; the certificate is then judged as
// after STARTTLS (outbound.ts), and no <starttls/> follows on that stream.
import tls from "node:tls";
import type { S2sFaultHooks } from "./fault-hooks-s2s.ts";
import type { S2sAddress } from "./options.ts";

export function dialDirectTls(
  where: S2sAddress,
  remote: string,
  options: tls.ConnectionOptions,
  hooks: S2sFaultHooks,
): tls.TLSSocket {
  const alpn = hooks.directTls.omitsAlpn() ? {} : { ALPNProtocols: ["xmpp-server"] };
  // §3: "MUST set SNI TLS extension to the JID's domain part" (s2s-direct-tls-no-sni omits it)
  const servername = hooks.directTls.omitsSni() ? undefined : remote;
  return tls.connect({
    ...options,
    host: where.host,
    port: where.port,
    servername,
    ...alpn,
    rejectUnauthorized: false,
  });
}

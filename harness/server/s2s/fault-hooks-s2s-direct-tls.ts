// What the direct TLS faults (../faults/s2s-direct-tls.ts) do: each hook is asked at one place in
// direct-tls.ts or outbound.ts.
import type { FaultCheck } from "../faults/index.ts";

export class S2sDirectTlsFaultHooks {
  constructor(private readonly fault: FaultCheck) {}

  /** s2s-direct-tls-no-alpn: no ALPN extension in the ClientHello. */
  omitsAlpn(): boolean {
    return this.fault("s2s-direct-tls-no-alpn");
  }

  /** s2s-direct-tls-no-sni: no SNI extension in the ClientHello. */
  omitsSni(): boolean {
    return this.fault("s2s-direct-tls-no-sni");
  }

  /** s2s-direct-tls-trusts-any-cert: the certificate of a direct TLS stream is not judged. */
  trustsAnyCertificate(): boolean {
    return this.fault("s2s-direct-tls-trusts-any-cert");
  }

  /** s2s-direct-tls-starttls: <starttls/> is sent over the direct TLS stream anyway. */
  sendsStarttls(): boolean {
    return this.fault("s2s-direct-tls-starttls");
  }
}

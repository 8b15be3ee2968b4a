// What the s2s STARTTLS and certificate faults (../faults/s2s-tls.ts) do: each hook is asked at one place
// in this folder's RFC logic.
import type { FaultCheck } from "../faults/index.ts";

export class S2sTlsFaultHooks {
  constructor(private readonly fault: FaultCheck) {}

  /** s2s-accept-not-yet-valid-cert, s2s-accept-wrong-eku-cert: an OpenSSL verdict the server overlooks. */
  certificateErrorIgnored(error: string): boolean {
    if (error === "CERT_NOT_YET_VALID") return this.fault("s2s-accept-not-yet-valid-cert");
    if (error === "INVALID_PURPOSE") return this.fault("s2s-accept-wrong-eku-cert");
    return false;
  }

  /** s2s-refuse-xmppaddr-cert: a certificate with an XmppAddr names nothing. */
  refusesXmppAddr(subjectAltName: string | undefined): boolean {
    return this.fault("s2s-refuse-xmppaddr-cert") && /othername:XmppAddr:/i.test(subjectAltName ?? "");
  }

  /** s2s-dialback-over-untrusted-cert (allowed): a certificate that fails validation ends nothing. */
  dialbackOverUntrusted(): boolean {
    return this.fault("s2s-dialback-over-untrusted-cert");
  }

  /** s2s-drop-restart-after-tls: as receiving server, the connection dies at the restart over TLS. */
  dropsRestartAfterTls(): boolean {
    return this.fault("s2s-drop-restart-after-tls");
  }

  /** s2s-close-before-restart: the old stream is closed over TLS before the new header. */
  closesBeforeRestart(): boolean {
    return this.fault("s2s-close-before-restart");
  }

  /** s2s-auth-before-tls: <auth/> goes out behind <starttls/>. */
  authBeforeTls(): boolean {
    return this.fault("s2s-auth-before-tls");
  }

  /** s2s-xmppaddr-only: DNS-IDs name nothing (identity only from an id-on-xmppAddr). */
  xmppAddrOnly(): boolean {
    return this.fault("s2s-xmppaddr-only");
  }

  /** s2s-ignore-offered-tls: a voluntary STARTTLS offer goes unused. */
  ignoresOfferedTls(): boolean {
    return this.fault("s2s-ignore-offered-tls");
  }

  /** s2s-no-starttls-offer: the inbound side leaves STARTTLS out of its features. */
  offersStarttls(): boolean {
    return !this.fault("s2s-no-starttls-offer");
  }

  /** s2s-features-after-proceed: features go out in the clear after <proceed/>. */
  featuresAfterProceed(): boolean {
    return this.fault("s2s-features-after-proceed");
  }

  /** s2s-keeps-pre-tls-from: the peer's domain stays what the first header said. */
  keepsPreTlsFrom(): boolean {
    return this.fault("s2s-keeps-pre-tls-from");
  }

  /** s2s-keeps-pre-tls-features: the initiating side authenticates by the first features it saw. */
  keepsPreTlsFeatures(): boolean {
    return this.fault("s2s-keeps-pre-tls-features");
  }
}

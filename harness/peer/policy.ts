// How the listener answers, per domain it plays, the streams the target opens to it when no case claimed
// them: as a receiving server (RFC 6120 §4-§6, XEP-0178, XEP-0220), or silent, or refusing.
import type { CertFlaw } from "../pki/pki.ts";

export interface PeerPolicy {
  /**
   * "negotiate": answer as a receiving server; "silent": accept the TCP connection and never send a byte
   * (remote-server-timeout cases); "refuse": `refuseWith` as a stream error, or close at once without it.
   */
  behaviour: "negotiate" | "silent" | "refuse";
  /** A stream error condition (RFC 6120 §4.9.3) a refused stream gets after our header; none: TCP close. */
  refuseWith?: string;
  /** STARTTLS: offered, required (RFC 6120 §5.3.1 <required/>, nothing else offered before it), or not offered. */
  tls: "offered" | "required" | "none";
  /** Present a certificate flawed this way in TLS. */
  certificate?: CertFlaw;
  /** Ask for the target's certificate in TLS (judged against the PKI's CA). */
  requestCert: boolean;
  /** Offer SASL EXTERNAL when the target's certificate is valid for its 'from' domain (XEP-0178 §3). */
  external: boolean;
  /** Offer Server Dialback (XEP-0220 §2.1: the urn:xmpp:features:dialback feature) and answer <db:result/>. */
  dialback: boolean;
}

export const DEFAULT_POLICY: PeerPolicy = {
  behaviour: "negotiate",
  tls: "offered",
  requestCert: true,
  external: true,
  dialback: true,
};

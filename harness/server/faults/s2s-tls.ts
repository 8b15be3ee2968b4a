// Deliberate RFC violations of the reference server's STARTTLS and certificate handling on server-to-server
// streams (RFC 6120 §5, §13.7.2), applied at the hook points of ../s2s/fault-hooks-s2s-tls.ts.
import { spec } from "./spec.ts";

export const S2S_TLS_FAULTS = [
  spec(
    "s2s-accept-not-yet-valid-cert",
    "accepts a peer server's certificate whose validity period has not begun",
    "RFC6120-13.7.2-2",
    "RFC6120-13.7.2-3",
  ),
  spec(
    "s2s-accept-wrong-eku-cert",
    "accepts a peer server's certificate whose extended key usage excludes the TLS role it is used in",
    "RFC6120-13.7.2-2",
    "RFC6120-13.7.2-3",
  ),
  spec(
    "s2s-no-starttls-offer",
    "does not offer STARTTLS on inbound server-to-server streams",
    "RFC6120-13.14-2",
  ),
  spec(
    "s2s-features-after-proceed",
    "sends its stream features again in the clear right after <proceed/>, before the TLS handshake",
    "RFC6120-5.4.3.1-2",
  ),
  spec(
    "s2s-keeps-pre-tls-from",
    "keeps the 'from' of the initial stream header sent before TLS, ignoring the one sent over TLS",
    "RFC6120-5.4.3.3-3",
  ),
  spec(
    "s2s-keeps-pre-tls-features",
    "as initiating server, picks its authentication from the stream features received before TLS",
    "RFC6120-5.4.3.3-2",
  ),
  spec(
    "s2s-refuse-xmppaddr-cert",
    "refuses a peer server's certificate that names its domain as an XmppAddr beside the DNS-ID",
    "RFC6120-13.7.1.2.1-2",
  ),
  spec(
    "s2s-xmppaddr-only",
    "takes a peer certificate as naming a domain only through an XmppAddr, never through a DNS-ID",
    "RFC6120-13.7.1.2.1-2",
  ),
  spec(
    "s2s-ignore-offered-tls",
    "as initiating server, goes on in the clear (dialback) when the receiving server offers STARTTLS without <required/>",
    "RFC6120-13.14-3",
    "RFC6120-5.2-3",
  ),
  spec(
    "s2s-auth-before-tls",
    "as initiating server, sends its SASL EXTERNAL <auth/> right behind <starttls/>, before TLS is complete",
    "RFC6120-5.3.4-1",
  ),
  spec(
    "s2s-drop-restart-after-tls",
    "as receiving server, drops the connection when the initiating server's new stream header arrives over TLS, instead of answering it",
    "RFC6120-5.4.3.3-5",
  ),
  spec(
    "s2s-close-before-restart",
    "as initiating server, sends </stream:stream> over TLS before its new initial stream header",
    "RFC6120-5.4.3.3-4",
  ),
  {
    ...spec(
      "s2s-dialback-over-untrusted-cert",
      "goes on over TLS with a peer whose certificate failed validation, authenticating by dialback only (§13.14's reading)",
      "RFC6120-13.7.2-3",
    ),
    allowed: true,
    reading: "I-6120-s2s-cert-dialback",
  },
] as const;

// Deliberate RFC violations of the connection layer once the stream is up: authentication, resource binding,
// stanzas from the client, the TLS certificate and the stanza layer's first checks. Listed after the stream
// rows of ./connection.ts, in the order `xmppspec faults` shows them.
import { type FaultSpec, spec } from "./spec.ts";

export const SESSION_FAULTS = [
  // Authentication (RFC 6120 §4.3.5, §6).
  spec(
    "allow-stanza-before-auth",
    "answers stanzas sent before authentication instead of closing with <not-authorized/>",
    "RFC6120-4.3.5-3",
    "RFC6120-6.3.1-1",
    "RFC6120-13.12-1",
  ),
  {
    ...spec(
      "early-server-stanza-refused",
      "refuses an IQ to the server itself sent before authentication with a stanza error, leaving the stream open (§4.3.5's reading)",
      "RFC6120-6.3.1-1",
    ),
    allowed: true,
    reading: "I-6120-such-stanzas",
  },
  spec(
    "accept-bad-password",
    "SASL accepts any password for an existing account",
    "RFC7590-3.4-2",
    "RFC6120-6.4.5-1",
  ),
  spec(
    "accept-bad-base64",
    "decodes invalid base64 leniently instead of failing with <incorrect-encoding/>",
    "RFC6120-6.3.5-2",
    "RFC6120-13.9.1-2",
    "RFC6120-13.9.1-3",
  ),
  spec(
    "sasl-failure-no-condition",
    "sends SASL <failure/> without a child element naming the cause",
    "RFC6120-6.4.5-1",
    "RFC6120-6.5-2",
  ),
  spec("no-aborted", "answers <abort/> with <not-authorized/> instead of <aborted/>", "RFC6120-6.4.4-1"),
  spec("sasl-no-retry", "closes the stream after the first SASL failure", "RFC6120-6.4.5-2"),
  spec(
    "sasl-unlimited-retries",
    "never closes the stream however many SASL attempts fail",
    "RFC6120-6.4.5-5",
  ),
  spec(
    "sasl-ignore-new-auth",
    "rejects a new <auth/> sent during a handshake instead of starting over",
    "RFC6120-6.4.2-3",
  ),
  spec(
    "legacy-tls",
    "negotiates STARTTLS with a non-AEAD CBC cipher suite (TLS 1.2 at most), against RFC 7525 §4.2",
    "RFC7590-1-1",
  ),
  spec(
    "negotiation-whitespace",
    "sends a line break before <proceed/> and before each SASL <challenge/> and <success/>",
    "RFC6120-5.3.3-1",
    "RFC6120-6.3.5-1",
  ),
  spec(
    "starttls-failure-keeps-stream",
    "answers a <starttls/> it cannot take up with <failure/> but keeps the stream and connection open",
    "RFC6120-5.4.2.2-1",
  ),
  spec(
    "mechanisms-in-one-element",
    "lists all SASL mechanisms space-separated in a single <mechanism/> element",
    "RFC6120-6.4.1-5",
  ),
  spec(
    "sasl-reject-empty-response",
    "takes an initial response of '=' (zero-length) for bad base64: <incorrect-encoding/>",
    "RFC6120-6.4.2-2",
  ),
  spec(
    "reject-own-authzid",
    "refuses every authzid with <invalid-authzid/>, even the account's own bare JID",
    "RFC6120-6.3.8-4",
  ),
  // Resource binding (RFC 6120 §7).
  spec(
    "allow-stanza-before-bind",
    "silently drops stanzas to other entities before binding instead of closing with <not-authorized/>",
    "RFC6120-7.1-5",
  ),
  spec(
    "route-stanza-before-bind",
    "delivers stanzas to other entities sent before binding instead of closing with <not-authorized/>",
    "RFC6120-7.1-5",
  ),
  spec(
    "bind-bare-jid",
    "answers a bind request without a resource with the bare JID instead of the full one",
    "RFC6120-7.6.1-1",
  ),
  spec(
    "bind-echoes-resource",
    "answers with the requested resource as sent, even when empty or disallowed, instead of preparing or refusing it",
    "RFC6120-7.7.2.1-1",
  ),
  spec("bind-ignores-resource", "ignores the requested resource and always generates one", "RFC6120-7.7.1-1"),
  spec(
    "bind-duplicate-resource",
    "gives a second session the same full JID as a connected one (requested or generated)",
    "RFC6120-7.5-1",
  ),
  spec(
    "bind-unlimited-retries",
    "never closes the stream however many bind attempts fail",
    "RFC6120-7.7.3-2",
  ),
  {
    ...spec(
      "bind-twice",
      "answers a second bind request on a bound stream with another full JID of the account instead of <not-allowed/>",
      "RFC6120-7.6.2.2-1",
    ),
    allowed: true,
    reading: "I-6120-second-bind",
  },
  spec(
    "second-bind-foreign-jid",
    "answers a second bind request on a bound stream with a full JID of another account",
    "RFC6120-7.1-2",
    "RFC6120-7.6.2.2-1",
  ),
  spec(
    "features-after-bind",
    "sends stream features again after the bind result, as if the stream had restarted",
    "RFC6120-7.3.2-1",
    "RFC6120-4.3.5-1",
  ),
  // Stanzas from the client (RFC 6120 §4.8.3, §8.1.2.1).
  spec("no-from-stamp", "routes stanzas without adding the sender's full JID as 'from'", "RFC6120-8.1.2.1-1"),
  spec(
    "allow-spoofed-from",
    "routes stanzas with a forged 'from' instead of closing with <invalid-from/>",
    "RFC6120-8.1.2.1-1",
  ),
  spec(
    "accept-jabber-server-stanzas",
    "accepts stanzas qualified by 'jabber:server' on a client stream instead of <invalid-namespace/>",
    "RFC6120-4.8.3-4",
  ),
  spec(
    "bind-domain-jid",
    "answers resource binding with <domain/resource>: the bound JID's bare part is not the authenticated account",
    "RFC6120-4.3.6-1",
    "RFC6120-4.3.6-3",
  ),
  spec(
    "route-other-namespaces",
    "delivers a first-level element in another namespace (not a stanza) addressed to a connected full JID",
    "RFC6120-4.8.4-2",
  ),
  spec(
    "stamp-server-lang",
    "stamps the server's own xml:lang ('en') on client stanzas without one, not the language of the client's stream",
    "RFC6120-4.7.4-9",
    "RFC6120-8.1.5-4",
  ),
  // The TLS certificate and handshake (RFC 6120 §5.4.3, §13.7.1) and the MTI mechanism (§13.8).
  spec(
    "ca-certificate",
    "presents a certificate whose basicConstraints say cA=TRUE (a CA certificate as the server's own)",
    "RFC6120-13.7.1.1-2",
  ),
  spec(
    "anonymous-certificate",
    "presents a certificate with an empty subject and no subjectAltName (no XMPP address; not PKIX)",
    "RFC6120-13.7.1.1-1",
    "RFC6120-13.7.1.1-3",
    "RFC6120-13.7.1.2.1-1",
  ),
  spec(
    "tls-failure-stream-close",
    "answers a failed STARTTLS handshake with a plaintext </stream:stream> before dropping the connection",
    "RFC6120-5.4.3.2-2",
  ),
  spec(
    "no-scram-sha-1",
    "does not offer SCRAM-SHA-1 (only SCRAM-SHA-256 and PLAIN)",
    "RFC6120-13.8.1-1",
    "RFC6120-6.3.4-5",
    "RFC6120-15-10",
  ),
  // XML stanzas (RFC 6120 §8).
  spec(
    "partial-stanza-processed",
    "when a connection drops mid-stanza, processes (routes) the part of the stanza read so far",
    "RFC6120-8-2",
  ),
] satisfies readonly FaultSpec[];

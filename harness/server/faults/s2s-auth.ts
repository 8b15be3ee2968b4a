// Deliberate violations of the reference server's server-to-server authentication: SASL EXTERNAL (RFC 6120
// §6, XEP-0178) and Server Dialback (XEP-0220), applied at the hooks of ../s2s/fault-hooks-s2s-auth.ts.
import { spec } from "./spec.ts";

export const S2S_AUTH_FAULTS = [
  // SASL EXTERNAL as receiving server.
  spec(
    "s2s-external-refuse-valid",
    "SASL EXTERNAL fails although the certificate names the stream's 'from' and no authzid was given",
    "RFC6120-13.8.4-1",
    "RFC6120-15-11",
  ),
  spec(
    "s2s-external-not-offered",
    "does not offer SASL EXTERNAL on a server-to-server stream whose peer presented a certificate naming its 'from'",
    "RFC6120-6.3.4-2",
  ),
  spec(
    "s2s-external-refuse-authzid",
    "SASL EXTERNAL fails whenever an authorization identity is given, even the authenticated domain itself",
    "RFC6120-4.3.6-7",
  ),
  // SASL EXTERNAL as initiating server.
  spec(
    "s2s-dial-authzid-user",
    "as initiating server, sends an account's JID (localpart@domain) as the SASL EXTERNAL authorization identity",
    "RFC6120-6.3.8-5",
  ),
  spec(
    "s2s-dial-no-restart",
    "as initiating server, sends stanzas after SASL <success/> without a new stream header",
    "RFC6120-6.4.6-4",
  ),
  spec(
    "s2s-dial-idle-after-failure",
    "as initiating server, leaves the stream open when SASL failed and no other mechanism is left, instead of closing it",
    "RFC6120-6.4.5-4",
  ),
  spec(
    "s2s-dial-failure-as-success",
    "as initiating server, takes a SASL <failure/> whose condition it does not know for success",
    "RFC6120-6.5-3",
  ),
  // Server Dialback.
  spec(
    "s2s-db-result-unswapped",
    "as receiving server, answers a dialback key with a <db:result/> whose 'from' and 'to' are those of the request",
    "XEP0220-2.2.1-5",
  ),
  spec(
    "s2s-db-close-on-unknown-target",
    "as receiving server with dialback errors advertised, closes the stream with <host-unknown/> for a key to a domain it does not host",
    "XEP0220-2.2.1-3",
  ),
  spec(
    "s2s-db-error-no-condition",
    "sends dialback errors (type='error') without the <error/> child and its stanza error condition",
    "XEP0220-2.5-4",
  ),
  spec(
    "s2s-dial-prefer-dialback",
    "as initiating server, uses dialback although SASL EXTERNAL is offered first",
    "RFC6120-6.3.4-4",
  ),
  spec(
    "s2s-listen-silent-without-cert",
    "as receiving server, offers neither SASL EXTERNAL nor dialback to a peer without a certificate, and leaves the stream open",
    "RFC6120-6.4.5-6",
  ),
  // Bidirectional streams (XEP-0288).
  spec(
    "s2s-bidi-send-before-auth",
    "sends stanzas over a bidirectional stream the peer opened before the peer has authenticated",
    "XEP0288-2.2-2",
  ),
  spec(
    "s2s-bidi-any-domain",
    "sends stanzas for any remote domain over a bidirectional stream, not only for the domain the peer proved",
    "XEP0288-2.2-4",
  ),
  spec(
    "s2s-db-verify-conn-lingers",
    "as receiving server, leaves the connection it opened only to verify a key open after the answer",
    "XEP0220-2.1.2-3",
  ),
  spec(
    "s2s-db-verify-always-valid",
    "as authoritative server, answers every <db:verify/> valid, whatever the key",
    "XEP0220-2.2.2-2",
  ),
  spec(
    "s2s-db-result-no-from",
    "as initiating server, leaves 'from' out of its <db:result/> key",
    "XEP0220-2.1.1-1",
  ),
  spec(
    "s2s-db-drop-on-invalid",
    "as initiating server, drops the stanzas it queued when the key comes back invalid instead of returning them with an error",
    "XEP0220-2.1.1-9",
  ),
] as const;

// Deliberate RFC violations of the reference server's server-to-server stream headers, content namespace
// and stanza addresses (RFC 6120 §4.7, §4.8, §8.1 over 'jabber:server'), applied at the hook points of
// ../s2s/fault-hooks-s2s-streams.ts.
import { spec } from "./spec.ts";

export const S2S_STREAM_FAULTS = [
  // Initial headers it sends as initiating server (RFC 6120 §4.7.2, §4.7.4, §4.7.5, §4.8.2).
  spec(
    "s2s-no-to-in-header",
    "leaves 'to' out of the initial stream headers it sends as initiating server",
    "RFC6120-4.7.2-1",
    "RFC6120-15-37",
  ),
  spec(
    "s2s-no-version-in-header",
    "leaves 'version' out of the initial stream headers it sends as initiating server (RFC 3920's 0.9)",
    "RFC6120-4.7.5-4",
  ),
  spec(
    "s2s-no-lang-in-header",
    "leaves 'xml:lang' out of the initial stream headers it sends as initiating server",
    "RFC6120-4.7.4-2",
    "RFC6120-15-36",
  ),
  spec(
    "s2s-client-namespace-out",
    "qualifies its outbound server-to-server streams by 'jabber:client' instead of 'jabber:server'",
    "RFC6120-15-55",
  ),
  spec(
    "s2s-out-strip-from",
    "routes stanzas to a peer server without their 'from' (the c2s form of a client's stanza)",
    "RFC6120-4.8.3-1",
  ),
  // Inbound headers it receives (RFC 6120 §4.7.1, §4.8.2, §4.9.3.6, §4.9.3.10).
  spec(
    "s2s-require-from",
    "refuses an inbound initial header without 'from' even before TLS (an RFC 3920 peer)",
    "RFC6120-4.7.1-5",
  ),
  spec(
    "s2s-accept-client-namespace",
    "takes an inbound stream qualified by 'jabber:client' on its s2s port as a 'jabber:server' stream",
    "RFC6120-15-55",
    "RFC6120-4.8.2-2",
  ),
  spec(
    "s2s-ignore-header-to",
    "answers an inbound header whose 'to' it does not serve as if it named its first domain",
    "RFC6120-4.9.1.1-1",
  ),
  // Inbound stanzas' 'from' (RFC 6120 §8.1.2.2: "the FQDN of the sending server (or any validated domain thereof)").
  spec(
    "s2s-from-local-trusted",
    "delivers inbound stanzas whose 'from' names one of its own domains, unvalidated",
    "RFC6120-8.1.2.2-2",
  ),
  spec(
    "s2s-from-suffix-match",
    "takes a subdomain of an authenticated domain as validated (a suffix match)",
    "RFC6120-8.1.2.2-2",
  ),
  // Stream errors on inbound streams (RFC 6120 §5.3.1, §8.1.1.2, §11.1).
  spec(
    "s2s-dialback-before-tls",
    "verifies a dialback key sent before TLS although it requires TLS (<starttls><required/></starttls>)",
    "RFC6120-5.3.1-1",
  ),
  spec(
    "s2s-empty-to-as-domain",
    "takes an inbound stanza with to='' as addressed to the server itself",
    "RFC6120-8.1.1.2-1",
  ),
  {
    ...spec(
      "s2s-empty-to-jid-malformed",
      "answers an inbound stanza with to='' with a <jid-malformed/> error to its sender, the stream left open (the stanza-error reading)",
      "RFC6120-8.1.1.2-1",
    ),
    allowed: true,
    reading: "I-6120-empty-to",
  },
  spec(
    "s2s-lax-parser",
    "ignores restricted XML (a comment, a processing instruction) on inbound s2s streams instead of closing them",
    "RFC6120-11.1-3",
  ),
  // <see-other-host/> as initiating server (RFC 6120 §4.9.3.19).
  spec(
    "s2s-ignore-see-other-host",
    "never follows a <see-other-host/> redirect, even to the address it connected to",
    "RFC6120-4.9.3.19-2",
  ),
  spec(
    "s2s-redirect-no-resolve",
    "after a redirect to an FQDN, reconnects to the address it had instead of resolving the FQDN",
    "RFC6120-4.9.3.19-4",
  ),
  spec(
    "s2s-redirect-new-to",
    "after a redirect to an FQDN, names that FQDN in 'to' instead of the domain it was connecting to",
    "RFC6120-4.9.3.19-5",
  ),
  spec(
    "s2s-redirect-unbounded",
    "follows every <see-other-host/> redirect, however many in a row",
    "RFC6120-4.9.3.19-7",
  ),
] as const;

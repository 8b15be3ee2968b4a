// The server-to-server stream cases (RFC 6120 §4.3.5, §4.7, §4.8, §4.9, §4.9.3.19, §8.1.2.2 over s2s)
// against the embedded server: PASS without a fault, and the verdict each fault of theirs must give.
import { describeGraded, type GradedRow } from "./support/graded-faults.ts";

const GRADED: GradedRow[] = [
  ["s2s-no-to-in-header", "rfc6120/4.7/s2s-outbound-header-to", "FAIL"],
  ["s2s-no-from-in-header", "rfc6120/4.7/s2s-outbound-header-from", "FAIL"],
  ["s2s-no-version-in-header", "rfc6120/4.7/s2s-outbound-header-version", "FAIL"],
  ["s2s-no-lang-in-header", "rfc6120/4.7/s2s-outbound-header-lang", "WARN"],
  ["s2s-no-to-in-response", "rfc6120/4.7.2/s2s-response-header-to", "FAIL"],
  ["s2s-no-from-in-header", "rfc6120/4.7.1/s2s-response-header-from", "FAIL"],
  ["s2s-require-from", "rfc6120/4.7.1/s2s-initial-header-without-from", "WARN"],
  ["s2s-ignore-header-to", "rfc6120/4.9.1.1/s2s-header-unknown-to", "FAIL"],
  ["s2s-client-namespace-out", "rfc6120/4.8/s2s-outbound-content-namespace", "FAIL"],
  ["s2s-out-strip-from", "rfc6120/4.8.3/s2s-outbound-stanzas-addressed", "FAIL"],
  ["s2s-accept-client-namespace", "rfc6120/4.8.2/s2s-client-namespace-refused", "FAIL"],
  ["s2s-accept-stanza-before-auth", "rfc6120/4.3.5/s2s-inbound-stanza-before-auth", "FAIL"],
  ["s2s-send-before-auth", "rfc6120/4.3.5/s2s-outbound-no-stanza-before-auth", "FAIL"],
  ["s2s-from-local-trusted", "rfc6120/8.1.2.2/s2s-local-from-message", "FAIL"],
  ["s2s-from-suffix-match", "rfc6120/8.1.2.2/s2s-subdomain-from-iq", "FAIL"],
  ["s2s-dialback-before-tls", "rfc6120/5.3.1/s2s-dialback-before-required-tls", "FAIL"],
  ["s2s-empty-to-as-domain", "rfc6120/8.1.1.2/s2s-empty-to", "FAIL"],
  ["s2s-lax-parser", "rfc6120/11.1/s2s-restricted-xml", "FAIL"],
  ["s2s-ignore-see-other-host", "rfc6120/4.9.3.19/s2s-redirect-same-address", "WARN"],
  ["s2s-redirect-no-resolve", "rfc6120/4.9.3.19/s2s-redirect-fqdn-resolved", "FAIL"],
  ["s2s-redirect-new-to", "rfc6120/4.9.3.19/s2s-redirect-same-to", "FAIL"],
  ["s2s-redirect-unbounded", "rfc6120/4.9.3.19/s2s-redirect-limit", "WARN"],
];

describeGraded("s2s stream cases against the embedded server", GRADED);

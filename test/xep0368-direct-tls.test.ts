// XEP-0368 direct TLS cases (the target as initiating server) against the embedded server: PASS without a
// fault, and the verdict each direct TLS fault must give.
import { describeGraded, type GradedRow } from "./support/graded-faults.ts";

const GRADED: GradedRow[] = [
  ["s2s-direct-tls-no-sni", "xep0368/3/outbound-sni-names-domain", "FAIL"],
  ["s2s-direct-tls-no-alpn", "xep0368/3/outbound-alpn-xmpp-server", "WARN"],
  ["s2s-direct-tls-starttls", "xep0368/3/outbound-direct-tls-delivers", "FAIL"],
  ["s2s-direct-tls-trusts-any-cert", "xep0368/3/outbound-refuses-expired", "FAIL"],
  ["s2s-direct-tls-trusts-any-cert", "xep0368/3/outbound-refuses-wrong-name", "FAIL"],
  ["s2s-direct-tls-trusts-any-cert", "xep0368/3/outbound-refuses-untrusted-ca", "FAIL"],
];

describeGraded("XEP-0368 direct TLS cases against the embedded server", GRADED);

describeGraded(
  "XEP-0368 cases of the target as the server a client dials (c2s) and of _xmpp-server dialing",
  [
    ["direct-tls-starttls-proceeds", "xep0368/3/c2s-starttls-not-taken-up-initial", "FAIL"],
    ["direct-tls-starttls-proceeds", "xep0368/3/c2s-starttls-not-taken-up-after-bind", "FAIL"],
    ["direct-tls-other-certificate", "xep0368/3/c2s-certificate-validates-domain", "FAIL"],
    ["direct-tls-other-certificate", "xep0368/3/c2s-certificate-validates-second-domain", "FAIL"],
    ["s2s-direct-tls-for-xmpp-srv", "xep0368/3/outbound-xmpp-srv-not-direct-tls", "FAIL"],
  ],
);

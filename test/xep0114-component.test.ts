// XEP-0114 component cases against the embedded server's component listener: PASS without a fault, and
// the verdict each component fault must give.
import { describeGraded } from "./support/graded-faults.ts";

describeGraded("XEP-0114 component cases against the embedded server", [
  ["component-silent-header", "xep0114/3/response-header", "FAIL"],
  ["component-no-stream-id", "xep0114/3/response-header-stream-id", "FAIL"],
  ["component-handshake-reply-not-empty", "xep0114/3/handshake-acknowledged", "FAIL"],
  ["component-handshake-unchecked", "xep0114/3/bad-handshake-wrong-secret-closes", "FAIL"],
  ["component-handshake-unchecked", "xep0114/3/bad-handshake-replayed-closes", "FAIL"],
  ["component-bad-handshake-open", "xep0114/3/bad-handshake-empty-closes", "FAIL"],
  ["component-bad-handshake-no-error", "xep0114/3/bad-handshake-not-authorized", "WARN"],
  ["component-any-name-accepted", "xep0114/3/unknown-name-refused", "FAIL"],
  ["component-any-name-accepted", "xep0114/3/server-domain-refused", "FAIL"],
  ["component-header-error-bare", "xep0114/3/unknown-namespace-refused", "FAIL"],
  ["component-any-namespace-accepted", "xep0114/3/unknown-namespace-refused", "FAIL"],
  ["component-from-bare", "xep0114/3/user-message-reaches-component", "FAIL"],
  ["component-inbound-dropped", "xep0114/3/user-message-reaches-component", "WARN"],
  ["component-from-bare", "xep0114/3/user-presence-reaches-component", "FAIL"],
  ["component-from-bare", "xep0114/3/iq-round-trip", "FAIL"],
  ["component-outbound-dropped", "xep0114/3/component-message-delivered", "FAIL"],
  ["component-outbound-dropped", "xep0114/3/component-presence-delivered", "FAIL"],
  ["component-spoofed-from-accepted", "xep0114/3/foreign-from-user-refused", "FAIL"],
  ["component-spoofed-from-accepted", "xep0114/3/foreign-from-server-refused", "FAIL"],
  ["component-stanza-before-handshake-routed", "xep0114/3/stanza-before-handshake-not-processed", "FAIL"],
  ["component-close-unanswered", "xep0114/3/close-answered", "FAIL"],
]);

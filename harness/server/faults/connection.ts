// Deliberate RFC violations of the connection layer (streams, TLS, SASL, bind, 'from' stamping): the
// stream rows here, the session rows (authentication onwards) in ./connection-session.ts.
// Each breaks one rule, so a suite case that checks that rule can be shown to fail. The connection applies
// them as send rewrites (../send-faults.ts) and hooks (../fault-hooks-stream.ts, -sasl.ts, -server.ts).
import { SESSION_FAULTS } from "./connection-session.ts";
import { type FaultSpec, spec } from "./spec.ts";

export const CONNECTION_FAULTS = [
  // Response stream header (RFC 6120 §4.7).
  spec("same-stream-id", "gives every stream the same id", "RFC6120-4.7.3-1", "RFC6120-6.4.1-1"),
  spec(
    "restart-keeps-stream-id",
    "keeps the old stream id after a stream restart",
    "RFC6120-4.3.3-3",
    "RFC6120-5.4.3.3-5",
    "RFC6120-6.4.6-5",
    "RFC6120-6.4.1-2",
  ),
  spec("no-stream-id", "sends the response stream header without an 'id'", "RFC6120-4.7.3-4"),
  spec(
    "no-stream-from",
    "sends the response stream header without a 'from'",
    "RFC6120-4.7.1-3",
    "XEP0115-6.3-3",
  ),
  spec(
    "renegotiation-refused-kept-open",
    "refuses a client's TLS renegotiation with a no_renegotiation alert and keeps the TCP connection open",
    "RFC6120-5.3.5-3",
  ),
  spec(
    "accept-weak-password",
    "creates an account at in-band registration whatever its password (one character will do)",
    "RFC6120-13.9.4-4",
  ),
  spec(
    "client-stream-error-dropped",
    "drops the connection on the client's stream error instead of closing its stream (no closing tag)",
    "RFC6120-4.9.1.1-2",
  ),
  spec(
    "refuse-unknown-stream-error",
    "answers the client's stream error with an undefined condition with <unsupported-stanza-type/>, not as <undefined-condition/>",
    "RFC6120-4.9.2-3",
  ),
  spec(
    "accept-host-unknown",
    "accepts an unknown 'to' domain and answers from that domain instead of <host-unknown/>",
    "RFC6120-4.7.1-3",
  ),
  spec(
    "stream-to-without-from",
    "puts a 'to' on the response header although the client sent no 'from'",
    "RFC6120-4.7.2-3",
  ),
  spec(
    "no-stream-lang",
    "sends the response stream header without 'xml:lang'",
    "RFC6120-4.7.4-3",
    "RFC6120-12-2",
  ),
  spec("version-0", "answers without version='1.0' (as if the client spoke XMPP 0.9)", "RFC6120-4.7.5-5"),
  spec(
    "echo-version",
    "echoes a higher client version (e.g. 2.0) instead of answering with the lower one",
    "RFC6120-4.7.5-5",
  ),
  spec(
    "accept-bad-stream-namespace",
    "accepts a stream header in a wrong stream namespace instead of <invalid-namespace/>",
    "RFC6120-4.8.1-2",
  ),
  spec(
    "wrong-content-namespace",
    "declares 'jabber:server' as the content namespace of the response header to a client stream",
    "RFC6120-4.8.2-2",
    "RFC6120-4.8.3-7",
    "RFC6120-4.8.3-8",
  ),
  spec(
    "reject-whitespace-keepalive",
    "closes the stream when the client sends whitespace between elements (a keep-alive)",
    "RFC6120-11.7-1",
  ),
  spec(
    "oversize-wrong-condition",
    "answers data over a size limit with <undefined-condition/> instead of <policy-violation/>",
    "RFC6120-4.9.3.14-1",
    "RFC6120-13.12-11",
  ),
  spec(
    "unknown-element-drops-connection",
    "drops the connection without a stream error on an unknown first-level element",
    "RFC6120-4.8.4-3",
    "RFC6120-4.9.1.1-2",
  ),
  // Stream errors and closing (RFC 6120 §4.4, §4.9, §11).
  spec(
    "rfc3920-not-well-formed",
    "names <not-well-formed/> by its RFC 3920 name <xml-not-well-formed/>, a condition RFC 6120 does not define",
    "RFC6120-4.9.2-2",
    "RFC6120-11.3-2",
    "RFC6120-11.3-4",
  ),
  spec(
    "bad-format-for-xml-errors",
    "sends the generic <bad-format/> instead of the specific XML-related condition (restricted XML, encoding, namespaces, well-formedness)",
    "RFC6120-11.1-3",
    "RFC6120-11.6-3",
    "RFC6120-4.8.1-2",
    "RFC6120-4.8.5-2",
  ),
  spec(
    "invalid-namespace-as-unsupported-stanza-type",
    "answers an unsupported stream or content namespace with <unsupported-stanza-type/> instead of <invalid-namespace/>",
    "RFC6120-4.8.3-4",
    "RFC6120-4.8.1-2",
  ),
  spec(
    "error-header-no-from-id",
    "sends the stream header that only carries a header-triggered stream error without 'from' and 'id'",
    "RFC6120-4.7.1-3",
    "RFC6120-4.7.3-4",
  ),
  spec(
    "wrong-stream-error",
    "answers XML that is not well-formed with <undefined-condition/> instead of <not-well-formed/>",
    "RFC6120-11.3-2",
    "RFC6120-11.3-4",
  ),
  spec(
    "pass-restricted-xml",
    "skips comments and processing instructions (and keeps undefined entity references as text) instead of <restricted-xml/>",
    "RFC6120-11.1-3",
  ),
  spec(
    "standalone-drops-connection",
    "drops the connection without a stream error when the XML declaration carries a standalone declaration",
    "RFC6120-11.5-4",
  ),
  spec(
    "latin1-output",
    "writes its output in ISO-8859-1 instead of UTF-8",
    "RFC6120-11.6-1",
    "RFC6120-11.6-2",
  ),
  spec(
    "standalone-in-declaration",
    "puts standalone='yes' in the XML declaration before its stream header",
    "RFC6120-11.5-3",
  ),
  spec("sequential-stream-id", "numbers stream ids with a counter (predictable)", "RFC6120-4.7.3-2"),
  spec(
    "small-stanza-limit",
    "refuses stanzas over 4096 bytes, below the 10000 bytes a deployed server must accept",
    "RFC6120-13.12-9",
  ),
  spec(
    "stream-error-no-close",
    "sends stream errors but neither closes the stream nor the connection",
    "RFC6120-4.9.1.1-1",
  ),
  spec(
    "no-error-header",
    "sends a stream error triggered by the initial header without first sending a stream header",
    "RFC6120-4.9.1.2-1",
  ),
  spec("no-close-reply", "does not answer the client's </stream:stream> with its own", "RFC6120-4.4-1"),
  // Header attributes and stream error syntax in detail (RFC 6120 §4.7, §4.8.5, §4.9.2, §11.6).
  spec(
    "stream-to-ignores-from",
    "puts no 'to' on the response header even when the client sent a 'from'",
    "RFC6120-4.7.2-2",
  ),
  spec("echo-client-stream-id", "reuses an 'id' the client put in its initial header", "RFC6120-4.7.3-3"),
  spec(
    "echo-stream-lang",
    "answers with the client's xml:lang although the server writes no text in that language",
    "RFC6120-4.7.4-6",
    "RFC6120-8.1.5-5",
  ),
  spec(
    "version-without-offer",
    "answers version='1.0' to a header without 'version' (an XMPP 0.9 peer)",
    "RFC6120-4.7.5-8",
  ),
  spec(
    "strict-version-string",
    "compares 'version' as the string \"1.0\": leading zeros or another minor version get <unsupported-version/>",
    "RFC6120-4.7.5-2",
    "RFC6120-4.7.5-6",
    "RFC6120-4.7.5-3",
  ),
  spec(
    "prefixed-messages",
    "sends messages under a namespace prefix for 'jabber:client' (<client:message/>)",
    "RFC6120-4.8.5-3",
  ),
  spec(
    "close-before-sasl-restart",
    "sends </stream:stream> after SASL <success/> before the restarted stream (keeping the connection)",
    "RFC6120-4.3.3-1",
  ),
  spec(
    "accept-header-namespaces",
    "accepts a stream header that declares namespaces for extended content (e.g. xmlns:ping) instead of <invalid-namespace/>",
    "RFC6120-4.8.5-7",
  ),
  spec(
    "accept-prefixed-stanzas",
    "routes stanzas with a prefix for 'jabber:client', only the top element's prefix removed, instead of ignoring or refusing them",
    "RFC6120-4.8.5-4",
  ),
  spec(
    "stream-error-extra-condition",
    "puts a second defined condition (<undefined-condition/>) into every stream error",
    "RFC6120-4.9.2-4",
  ),
  spec(
    "stream-error-text-no-ns",
    "sends the <text/> of a stream error outside the 'urn:ietf:params:xml:ns:xmpp-streams' namespace",
    "RFC6120-4.9.2-5",
  ),
  spec(
    "encoding-wrong-condition",
    "answers a non-UTF-8 encoding (declared or sent) with <undefined-condition/> instead of <unsupported-encoding/>",
    "RFC6120-11.6-3",
  ),
  // Stream features (RFC 6120 §4.3, §5.4, §6.4, §7.4; RFC 7395 §3.9).
  spec(
    "no-features-after-tls",
    "re-sends the pre-TLS features (STARTTLS included) after TLS, and answers a second <starttls/> with <proceed/>",
    "RFC6120-5.4.3.3-6",
    "RFC6120-4.3.4-1",
  ),
  spec(
    "stale-features-after-sasl",
    "offers the SASL mechanisms again after SASL instead of resource binding",
    "RFC6120-7.4-1",
    "RFC6120-4.3.4-1",
  ),
  spec("no-mechanisms-after-tls", "offers no SASL mechanisms in the features after TLS", "RFC6120-6.4.1-4"),
  spec("no-starttls-feature", "does not advertise STARTTLS (but still accepts it)", "RFC6120-5.4.1-3"),
  spec(
    "no-stream-features",
    "sends no <stream:features/> after its response stream header",
    "RFC6120-4.3.2-1",
    "RFC6120-5.4.1-2",
    "RFC6120-6.4.6-6",
  ),
  spec(
    "starttls-always-fails",
    "offers STARTTLS but answers every <starttls/> with <failure/>: no TLS to be had",
    "RFC6120-5.2-1",
  ),
  spec(
    "no-tls-required-flag",
    "requires TLS (this fault turns the policy on) but omits <required/> from the STARTTLS feature",
    "RFC6120-5.4.1-4",
  ),
  spec(
    "mechanisms-before-required-tls",
    "requires TLS (this fault turns the policy on) but advertises and accepts SASL mechanisms before TLS",
    "RFC6120-6.3.4-1",
    "RFC6120-5.3.1-1",
  ),
  spec("bind-before-auth", "advertises resource binding before authentication", "RFC6120-7.4-2"),
  spec("ws-advertises-starttls", "advertises STARTTLS over the WebSocket binding", "RFC7395-3.9-2"),
  ...SESSION_FAULTS,
] satisfies readonly FaultSpec[]; // as built: the literal names go into FaultName (./index.ts)

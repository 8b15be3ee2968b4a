// Named faults of XMPP Ping (XEP-0199): each breaks one rule of the suites/xep0199 cases on purpose. The
// server applies them through ../stanza/fault-hooks-ping.ts and ../idle-ping.ts.
import { spec } from "./spec.ts";

export const XEP0199_FAULTS = [
  spec(
    "ping-server-refused",
    "answers a ping to the server (or to the sender's own account) with <service-unavailable/> while it advertises urn:xmpp:ping",
    "XEP0199-4.2-2",
  ),
  spec(
    "ping-wrong-condition",
    "answers a ping to the server with <feature-not-implemented/> (it advertises no urn:xmpp:ping)",
    "XEP0199-4.2-3",
  ),
  spec(
    "ping-not-advertised",
    "answers pings but leaves urn:xmpp:ping out of the server's disco#info features",
    "XEP0199-5-1",
  ),
  spec(
    "ping-set-answered",
    "answers a <ping/> in an IQ set with a result, as if it were a get",
    "RFC6120-8.3.3.1-1",
  ),
  spec("server-ping-as-set", "its own pings to a client are IQ sets without an 'id'", "RFC6120-8.2.3-1"),
  spec(
    "server-ping-error-ends-session",
    "ends the session with a stream error when the client answers its ping with an error",
    "RFC6120-8.3.1-11",
  ),
  spec(
    "s2s-ping-unanswered",
    "leaves a ping from a peer server over server-to-server unanswered",
    "XEP0199-4.3-1",
    "XEP0199-4.3-2",
  ),
] as const;

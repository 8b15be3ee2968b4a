// Deliberate RFC violations of the reference server's routing across domains (RFC 6120 §10.1, §10.4), applied
// at the hook points of ../s2s/fault-hooks-s2s-routing.ts. One row per fault.
import { spec } from "./spec.ts";

export const S2S_ROUTING_FAULTS = [
  spec(
    "s2s-drop-routed",
    "takes stanzas for a remote domain and drops them, neither routing them nor returning an error",
    "RFC6120-10.4-1",
    "RFC6120-10.4.3-1",
  ),
  spec(
    "s2s-connect-refused-unavailable",
    "bounces stanzas with <service-unavailable/> when the remote server's address refuses the TCP connection",
    "RFC6120-10.4.3-3",
  ),
  spec(
    "s2s-route-full-jid-first",
    "flushes a remote domain's queue with the stanzas to full JIDs before those to the bare JID",
    "RFC6120-10.1-3",
  ),
  spec(
    "s2s-stream-per-stanza",
    "opens a new server-to-server stream for every stanza to a remote domain",
    "RFC6120-10.1-4",
    "RFC6120-10.4.1-1",
  ),
  spec(
    "s2s-inbound-full-jid-late",
    "delivers stanzas from a peer server addressed to a full JID after the ones to the bare JID that followed them",
    "RFC6120-10.1-5",
  ),
  spec(
    "s2s-no-error-to-remote",
    "drops the error replies it owes a sender at a remote domain instead of routing them back",
    "RFC6120-10.4.3-4",
  ),
  spec(
    "s2s-route-client-namespace",
    "routes a client's stanza to a peer server still qualified by 'jabber:client', the client stream's namespace",
    "RFC6120-4.8.5-5",
    "RFC6120-4.8.5-8",
  ),
  spec(
    "s2s-no-probe-remote",
    "never routes presence probes to contacts at a remote domain (initial presence learns nothing of them)",
    "RFC6121-4.2.2-3",
  ),
  spec(
    "s2s-reconnect-storm",
    "redials a remote server whose connection failed again and again at once (20 times, no backoff)",
    "RFC6120-15-47",
    "RFC6120-3.3-2",
  ),
] as const;

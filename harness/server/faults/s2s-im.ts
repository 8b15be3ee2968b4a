// Deliberate RFC 6121 violations on the paths between a local user and a remote one (presence routed to a
// remote domain, stanzas from a remote server to local accounts). Applied at ../s2s/fault-hooks-s2s-im.ts
// (routed presence) and ../stanza/fault-hooks-presence.ts (a probe to a missing account). One row per fault.
import { spec } from "./spec.ts";

export const S2S_IM_FAULTS = [
  spec(
    "s2s-routed-presence-stripped",
    "routes presence to a remote domain without its children (<show/>, <status/>, extensions): remote contacts never get the full XML",
    "RFC6121-4.4.2-1",
    "RFC6121-4.5.2-4",
    "RFC6121-4.6.3-3",
  ),
  spec(
    "unknown-account-probe-bounced",
    "answers a presence probe to an account that does not exist with <service-unavailable/>, neither ignoring it nor answering 'unsubscribed'",
    "RFC6121-8.5.1-5",
  ),
] as const;

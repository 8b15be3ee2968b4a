// Deliberate deviations of the reference server from XEP-0114 (the component protocol), applied by
// ../component/fault-hooks-component.ts. One row per fault.
import { spec } from "./spec.ts";

export const COMPONENT_FAULTS = [
  spec(
    "component-no-stream-id",
    "answers a component's header with a stream header without an 'id'",
    "XEP0114-3-1",
  ),
  spec(
    "component-silent-header",
    "sends no stream header in reply to a component's header (nothing until the component gives up)",
    "XEP0114-3-1",
  ),
  spec(
    "component-any-name-accepted",
    "services any component name in 'to' (or none), with the configured secret",
    "XEP0114-3-2",
  ),
  spec(
    "component-any-namespace-accepted",
    "opens a component stream whatever the header's content namespace",
    "XEP0114-3-3",
  ),
  spec(
    "component-header-error-bare",
    "answers a bad component header with a stream error but no stream header before it",
    "XEP0114-3-4",
  ),
  spec("component-handshake-unchecked", "accepts any handshake value", "XEP0114-3-6"),
  spec(
    "component-bad-handshake-open",
    "answers a wrong handshake with <not-authorized/> but leaves the stream and connection open",
    "XEP0114-3-6",
  ),
  spec(
    "component-bad-handshake-no-error",
    "closes the stream after a wrong handshake without a <not-authorized/> stream error",
    "XEP0114-3-6",
  ),
  spec(
    "component-handshake-reply-not-empty",
    "acknowledges a good handshake with <handshake/> carrying the hash back",
    "XEP0114-3-7",
  ),
  spec(
    "component-spoofed-from-accepted",
    "routes a component's stanza whose 'from' is outside the component's domain",
    "XEP0114-3-9",
  ),
  spec(
    "component-stanza-before-handshake-routed",
    "routes stanzas a component sends before its handshake",
    "RFC6120-4.9.3.12-1",
  ),
  spec(
    "component-from-bare",
    "routes a user's stanza to a component with the bare JID as 'from' instead of the full JID",
    "RFC6120-8.1.2.1-1",
  ),
  spec(
    "component-inbound-dropped",
    "drops stanzas for a component instead of routing them to it",
    "RFC6120-10.4-1",
  ),
  spec(
    "component-outbound-dropped",
    "drops a component's messages and presence to users instead of delivering them",
    "RFC6121-8.5.3.1-3",
    "RFC6121-8.5.3.1-4",
  ),
  spec(
    "component-close-unanswered",
    "answers a component's closing tag by dropping the connection without its own closing tag",
    "RFC6120-4.4-1",
  ),
] as const;

// Every suite section, in report order.
import type { Section } from "../harness/runner/case.ts";
import streamsMore from "./rfc6120/04-stream-attributes-and-bad-data.ts";
import streamsExtra from "./rfc6120/04-stream-identity-and-namespaces.ts";
import streams from "./rfc6120/04-streams.ts";
import streamErrors from "./rfc6120/04-streams-errors.ts";
import starttls from "./rfc6120/05-starttls.ts";
import starttlsExtra from "./rfc6120/05-starttls-handshake-failure.ts";
import starttlsMore from "./rfc6120/05-starttls-wire-and-failures.ts";
import sasl from "./rfc6120/06-sasl.ts";
import saslFailures from "./rfc6120/06-sasl-failures.ts";
import saslMore from "./rfc6120/06-sasl-wire-and-transports.ts";
import binding from "./rfc6120/07-binding.ts";
import bindingErrors from "./rfc6120/07-binding-errors.ts";
import bindingMore from "./rfc6120/07-binding-uniqueness-and-transports.ts";
import stanzasExtra from "./rfc6120/08-extensions-and-disclosure.ts";
import stanzasMore from "./rfc6120/08-stanza-syntax-and-errors.ts";
import stanzas from "./rfc6120/08-stanzas.ts";
import routing from "./rfc6120/10-routing.ts";
import xmlUsage from "./rfc6120/11-xml.ts";
import i18n from "./rfc6120/12-i18n.ts";
import securityMore from "./rfc6120/13-certificates-and-mechanisms.ts";
import security from "./rfc6120/13-security.ts";
import roster from "./rfc6121/02-roster.ts";
import subscriptions from "./rfc6121/03-subscriptions.ts";
import presence from "./rfc6121/04-presence.ts";
import messages from "./rfc6121/05-messages.ts";
import delivery from "./rfc6121/08-delivery.ts";
import subscriptionStates from "./rfc6121/A-subscription-states.ts";
import websocket from "./rfc7395/websocket.ts";

export const ALL_SECTIONS: Section[] = [
  streams,
  streamErrors,
  streamsMore,
  streamsExtra,
  starttls,
  starttlsMore,
  starttlsExtra,
  sasl,
  saslFailures,
  saslMore,
  binding,
  bindingErrors,
  bindingMore,
  stanzas,
  stanzasMore,
  routing,
  stanzasExtra,
  xmlUsage,
  i18n,
  security,
  securityMore,
  roster,
  subscriptions,
  presence,
  messages,
  delivery,
  subscriptionStates,
  websocket,
];

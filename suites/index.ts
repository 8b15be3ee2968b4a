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
import rosterSyntax from "./rfc6121/2.1-syntax-and-semantics.ts";
import rosterRetrieving from "./rfc6121/2.2-retrieving.ts";
import rosterAdding from "./rfc6121/2.3-adding.ts";
import rosterUpdating from "./rfc6121/2.4-updating.ts";
import rosterDeleting from "./rfc6121/2.5-deleting.ts";
import rosterVersioning from "./rfc6121/2.6-versioning.ts";
import subscriptionOutbound from "./rfc6121/3.1.2-outbound-request.ts";
import subscriptionInbound from "./rfc6121/3.1.3-inbound-request.ts";
import subscriptionApproval from "./rfc6121/3.1.5-approval.ts";
import subscriptionCancel from "./rfc6121/3.2-cancel.ts";
import subscriptionUnsubscribe from "./rfc6121/3.3-unsubscribe.ts";
import subscriptionPreApproval from "./rfc6121/3.4-pre-approval.ts";
import subscriptionStamping from "./rfc6121/3-stamped-bare.ts";
import presenceBroadcast from "./rfc6121/04-broadcast.ts";
import presenceDirected from "./rfc6121/04-directed.ts";
import presence from "./rfc6121/04-presence.ts";
import presenceProbes from "./rfc6121/04-probes.ts";
import presenceSyntax from "./rfc6121/04-syntax.ts";
import presenceUnavailable from "./rfc6121/04-unavailable.ts";
import messageContent from "./rfc6121/05-message-content.ts";
import messages from "./rfc6121/05-messages.ts";
import delivery from "./rfc6121/08-delivery.ts";
import deliveryMatrix from "./rfc6121/08-delivery-matrix.ts";
import subscriptionStatesOutbound from "./rfc6121/A-2-outbound.ts";
import subscriptionStatesInbound from "./rfc6121/A-3-inbound.ts";
import websocket from "./rfc7395/websocket.ts";
import addrFundamentals from "./rfc7622/3.1-fundamentals.ts";
import addrDomainpart from "./rfc7622/3.2-domainpart.ts";
import addrLocalpart from "./rfc7622/3.3-localpart.ts";
import addrResourcepart from "./rfc7622/3.4-resourcepart.ts";

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
  rosterSyntax,
  rosterRetrieving,
  rosterAdding,
  rosterUpdating,
  rosterDeleting,
  rosterVersioning,
  subscriptionStamping,
  subscriptionOutbound,
  subscriptionInbound,
  subscriptionApproval,
  subscriptionCancel,
  subscriptionUnsubscribe,
  subscriptionPreApproval,
  presence,
  presenceBroadcast,
  presenceProbes,
  presenceUnavailable,
  presenceDirected,
  presenceSyntax,
  messages,
  messageContent,
  delivery,
  deliveryMatrix,
  subscriptionStatesOutbound,
  subscriptionStatesInbound,
  websocket,
  addrFundamentals,
  addrDomainpart,
  addrLocalpart,
  addrResourcepart,
];

// Every suite section, in report order.
import type { Section } from "../harness/runner/case.ts";
import streamIdUnpredictable from "./rfc6120/4.7.3-stream-id-unpredictable.ts";
import starttlsRules from "./rfc6120/5.3-starttls-rules.ts";
import tlsNegotiation from "./rfc6120/5.4.3-tls-negotiation.ts";
import starttlsProcess from "./rfc6120/5.4-starttls-process.ts";
import saslRules from "./rfc6120/6.3-sasl-rules.ts";
import saslFailure from "./rfc6120/6.4.5-sasl-failure.ts";
import saslProcess from "./rfc6120/6.4-sasl-process.ts";
import saslErrors from "./rfc6120/6.5-sasl-errors.ts";
import bindingFundamentals from "./rfc6120/7.1-binding-fundamentals.ts";
import bindingRules from "./rfc6120/7.3-binding-rules.ts";
import bindingAdvertised from "./rfc6120/7.4-binding-advertised.ts";
import bindingProcess from "./rfc6120/7.6-binding-process.ts";
import bindingErrors from "./rfc6120/7.7-binding-errors.ts";
import streamsMore from "./rfc6120/04-stream-attributes-and-bad-data.ts";
import streamsExtra from "./rfc6120/04-stream-identity-and-namespaces.ts";
import streams from "./rfc6120/04-streams.ts";
import streamErrors from "./rfc6120/04-streams-errors.ts";
import stanzasExtra from "./rfc6120/08-extensions-and-disclosure.ts";
import stanzasMore from "./rfc6120/08-stanza-syntax-and-errors.ts";
import stanzas from "./rfc6120/08-stanzas.ts";
import routing from "./rfc6120/10-routing.ts";
import xmlUsage from "./rfc6120/11-xml.ts";
import i18n from "./rfc6120/12-i18n.ts";
import certificates from "./rfc6120/13.7-certificates.ts";
import mechanisms from "./rfc6120/13.8-mechanisms.ts";
import base64Threats from "./rfc6120/13.9-base64.ts";
import informationLeaks from "./rfc6120/13.10-information-leaks.ts";
import denialOfService from "./rfc6120/13.12-denial-of-service.ts";
import rosterErrors from "./rfc6121/02-roster-errors.ts";
import rosterGetSet from "./rfc6121/02-roster-get-set.ts";
import rosterPush from "./rfc6121/02-roster-push.ts";
import rosterRemove from "./rfc6121/02-roster-remove.ts";
import rosterVersioning from "./rfc6121/02-roster-versioning.ts";
import subscriptionApproval from "./rfc6121/03-approve-deny.ts";
import subscriptionCancel from "./rfc6121/03-cancel-unsubscribe.ts";
import subscriptionPreApproval from "./rfc6121/03-preapproval.ts";
import subscriptionRequests from "./rfc6121/03-subscribe-request.ts";
import subscriptionStored from "./rfc6121/03-subscribe-stored.ts";
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
  streamIdUnpredictable,
  starttlsRules,
  starttlsProcess,
  tlsNegotiation,
  saslRules,
  saslProcess,
  saslFailure,
  saslErrors,
  bindingFundamentals,
  bindingRules,
  bindingAdvertised,
  bindingProcess,
  bindingErrors,
  stanzas,
  stanzasMore,
  routing,
  stanzasExtra,
  xmlUsage,
  i18n,
  certificates,
  mechanisms,
  base64Threats,
  informationLeaks,
  denialOfService,
  rosterGetSet,
  rosterErrors,
  rosterPush,
  rosterRemove,
  rosterVersioning,
  subscriptionRequests,
  subscriptionStored,
  subscriptionApproval,
  subscriptionCancel,
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

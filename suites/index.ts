// Every suite section, in report order.
import type { Section } from "../harness/runner/case.ts";
import commonAttributes from "./rfc6120/8.1-common-attributes.ts";
import basicSemantics from "./rfc6120/8.2-basic-semantics.ts";
import definedConditions from "./rfc6120/8.3.3-defined-conditions.ts";
import stanzaErrors from "./rfc6120/8.3-stanza-errors.ts";
import extendedContent from "./rfc6120/8.4-extended-content.ts";
import stanzas from "./rfc6120/8-xml-stanzas.ts";
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
import inOrderProcessing from "./rfc6120/10.1-in-order-processing.ts";
import noToAddress from "./rfc6120/10.3-no-to-address.ts";
import remoteDomain from "./rfc6120/10.4-remote-domain.ts";
import localDomain from "./rfc6120/10.5-local-domain.ts";
import xmlUsage from "./rfc6120/11-xml.ts";
import i18n from "./rfc6120/12-i18n.ts";
import securityMore from "./rfc6120/13-certificates-and-mechanisms.ts";
import security from "./rfc6120/13-security.ts";
import presenceInitial from "./rfc6121/4.2-initial-presence.ts";
import presenceProbes from "./rfc6121/4.3-probes.ts";
import presenceBroadcast from "./rfc6121/4.4-broadcast.ts";
import presenceUnavailable from "./rfc6121/4.5-unavailable.ts";
import presenceDirected from "./rfc6121/4.6-directed.ts";
import presenceSyntax from "./rfc6121/4.7-syntax.ts";
import messages from "./rfc6121/5.1-messages.ts";
import messageSyntax from "./rfc6121/5.2-message-syntax.ts";
import messageExtensions from "./rfc6121/5.3-extended-content.ts";
import delivery from "./rfc6121/8.5-delivery.ts";
import deliveryMatrix from "./rfc6121/8.5-delivery-matrix.ts";
import uris from "./rfc6121/9-uris.ts";
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
import conformance from "./rfc6121/12-conformance.ts";
import subscriptionStatesOutbound from "./rfc6121/A.2-outbound.ts";
import subscriptionStatesInbound from "./rfc6121/A.3-inbound.ts";
import websocketTls from "./rfc7395/3.9-use-of-tls.ts";
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
  commonAttributes,
  basicSemantics,
  stanzaErrors,
  definedConditions,
  extendedContent,
  inOrderProcessing,
  noToAddress,
  remoteDomain,
  localDomain,
  xmlUsage,
  i18n,
  security,
  securityMore,
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
  presenceInitial,
  presenceProbes,
  presenceBroadcast,
  presenceUnavailable,
  presenceDirected,
  presenceSyntax,
  messages,
  messageSyntax,
  messageExtensions,
  delivery,
  deliveryMatrix,
  uris,
  conformance,
  subscriptionStatesOutbound,
  subscriptionStatesInbound,
  websocketTls,
  addrFundamentals,
  addrDomainpart,
  addrLocalpart,
  addrResourcepart,
];

// Every suite section, in report order.
import type { Section } from "../harness/runner/case.ts";
import streamNegotiation from "./rfc6120/4.3-stream-negotiation.ts";
import streamClosing from "./rfc6120/4.4-closing.ts";
import silentPeers from "./rfc6120/4.6-silent-peers.ts";
import streamVersion from "./rfc6120/4.7.5-version.ts";
import streamAttributes from "./rfc6120/4.7-stream-attributes.ts";
import namespacePrefixes from "./rfc6120/4.8.5-prefixes.ts";
import namespaces from "./rfc6120/4.8-namespaces.ts";
import streamErrorRules from "./rfc6120/4.9.1-stream-error-rules.ts";
import streamErrorSyntax from "./rfc6120/4.9.2-stream-error-syntax.ts";
import streamErrors from "./rfc6120/4.9.3-stream-errors.ts";
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
import restrictedXml from "./rfc6120/11.1-restricted-xml.ts";
import wellFormedness from "./rfc6120/11.3-well-formedness.ts";
import xmlDeclaration from "./rfc6120/11.5-xml-declaration.ts";
import characterEncoding from "./rfc6120/11.6-character-encoding.ts";
import i18n from "./rfc6120/12-i18n.ts";
import securityMore from "./rfc6120/13-certificates-and-mechanisms.ts";
import security from "./rfc6120/13-security.ts";
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
  streamNegotiation,
  streamClosing,
  silentPeers,
  streamAttributes,
  streamVersion,
  namespaces,
  namespacePrefixes,
  streamErrorRules,
  streamErrorSyntax,
  streamErrors,
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
  restrictedXml,
  wellFormedness,
  xmlDeclaration,
  characterEncoding,
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

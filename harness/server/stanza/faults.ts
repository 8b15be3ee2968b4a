// The stanza layer's named faults: each breaks one rule on purpose so the suite can prove it notices.
// The server consults them with host.fault(F.name); `breaks` cites fixtures/rfc/requirements.tsv ids
// or Appendix A row ids of fixtures/rfc/rfc6121-subscription-states.tsv.
import type { FaultSpec } from "../types.ts";

/** Fault names, so call sites cannot misspell them. */
export const F = {
  iqNoReply: "iq-no-reply",
  iqDoubleReply: "iq-double-reply",
  iqWrongId: "iq-wrong-id",
  iqAnswerResult: "iq-answer-result",
  errorReplyToError: "error-reply-to-error",
  wrongErrorType: "wrong-error-type",
  unknownPayloadOk: "unknown-payload-ok",
  leakMessage: "leak-message",
  noRosterPush: "no-roster-push",
  rosterPushMissingInterested: "roster-push-missing-interested",
  subOutSubscribeWrong: "sub-out-subscribe-wrong",
  subOutUnsubscribeWrong: "sub-out-unsubscribe-wrong",
  subOutSubscribedWrong: "sub-out-subscribed-wrong",
  subOutUnsubscribedWrong: "sub-out-unsubscribed-wrong",
  subInSubscribeWrong: "sub-in-subscribe-wrong",
  subInUnsubscribeWrong: "sub-in-unsubscribe-wrong",
  subInSubscribedWrong: "sub-in-subscribed-wrong",
  subInUnsubscribedWrong: "sub-in-unsubscribed-wrong",
  subFullJidFrom: "sub-full-jid-from",
  noInitialBroadcast: "no-initial-broadcast",
  noProbeAnswer: "no-probe-answer",
  probeLeak: "probe-leak",
  noUnavailableOnClose: "no-unavailable-on-close",
  directedNoUnavailable: "directed-no-unavailable",
  offlineDrop: "offline-drop",
  offlineAlter: "offline-alter",
  bareJidWrongResource: "bare-jid-wrong-resource",
  negativePriorityDelivered: "negative-priority-delivered",
  groupchatToBareDelivered: "groupchat-to-bare-delivered",
  unescapedRelay: "unescaped-relay",
  zwnbspStripped: "zwnbsp-stripped",
  fullJidAbsenceRevealed: "full-jid-absence-revealed",
  remoteDomainAccepted: "remote-domain-accepted",
  jidMalformedAccepted: "jid-malformed-accepted",
  iqBadTypeAccepted: "iq-bad-type-accepted",
  serverReplyNoFrom: "server-reply-no-from",
  errorDropsId: "error-drops-id",
  unknownAccountIqResult: "unknown-account-iq-result",
  iqFullJidNotRouted: "iq-full-jid-not-routed",
  stripUnknownChildren: "strip-unknown-children",
  reorderMessages: "reorder-messages",
  rosterMissingQuery: "roster-missing-query",
  rosterRemoveUnknownOk: "roster-remove-unknown-ok",
  rosterMultiItemAccepted: "roster-multi-item-accepted",
  rosterSetOtherUserAllowed: "roster-set-other-user-allowed",
  rosterSubscriptionAttrHonoured: "roster-subscription-attr-honoured",
  denyIgnored: "deny-ignored",
  fullJidMessageDropped: "full-jid-message-dropped",
  rewriteToFullJid: "rewrite-to-full-jid",
  headlineStoredOffline: "headline-stored-offline",
  unsolicitedSubscribedHonoured: "unsolicited-subscribed-honoured",
  messageNoToDropped: "message-no-to-dropped",
  accountReplyFromDomain: "account-reply-from-domain",
  errorNotSwapped: "error-not-swapped",
  resultCarriesError: "result-carries-error",
  errorTypeInvalid: "error-type-invalid",
  errorTwoConditions: "error-two-conditions",
  errorTextUnqualified: "error-text-unqualified",
  errorChildMissing: "error-child-missing",
  stripXmlLang: "strip-xml-lang",
  domainResourceIqDropped: "domain-resource-iq-dropped",
  bareJidIqDelivered: "bare-jid-iq-delivered",
  rosterSetDeferred: "roster-set-deferred",
  unmatchedResourceBounced: "unmatched-resource-bounced",
  secondDomainRemote: "second-domain-remote",
  unknownChildBounced: "unknown-child-bounced",
  rosterPushMalformed: "roster-push-malformed",
  bareJidStanzasDropped: "bare-jid-stanzas-dropped",
  unknownAccountPresenceBounced: "unknown-account-presence-bounced",
  unmatchedResourceRecipientUnavailable: "unmatched-resource-recipient-unavailable",
  errorKindPlaceholder: "error-kind-placeholder",
} as const;

export type StanzaFaultName = (typeof F)[keyof typeof F];

export const STANZA_FAULTS: FaultSpec[] = [
  {
    name: F.iqNoReply,
    description:
      "drops IQ get/set addressed to the server or to the sender's own account: no result, no error",
    breaks: [
      "RFC6120-8.2.3-4",
      "RFC6120-10.3.3-1",
      "RFC6120-8.3.1-1",
      "RFC6120-10.3-1",
      "RFC6120-10.3.3-2",
      "RFC6120-10.5.1-1",
    ],
  },
  {
    name: F.iqDoubleReply,
    description: "answers IQ get/set addressed to the server or to the sender's own account twice",
    breaks: ["RFC6120-8.2.3-4"],
  },
  {
    name: F.iqWrongId,
    description: "answers IQs addressed to the server or to the sender's own account with another 'id'",
    breaks: ["RFC6120-8.2.3-5", "RFC6120-8.1.3-2"],
  },
  {
    name: F.iqAnswerResult,
    description: "answers an IQ result sent to the server or to the sender's own account with another result",
    breaks: ["RFC6120-8.2.3-6", "RFC6120-10.3.3-4"],
  },
  {
    name: F.errorReplyToError,
    description:
      "answers error stanzas it should drop (IQ errors to the server, message errors to a bare JID) with an error",
    breaks: ["RFC6120-8.3.1-11", "RFC6120-8.2.3-6"],
  },
  {
    name: F.wrongErrorType,
    description:
      "stanza errors carry a type other than the condition's default (cancel becomes modify, others cancel)",
    breaks: [
      "RFC6120-8.3.3-1",
      "RFC6120-8.3.3.1-1",
      "RFC6120-8.3.3.4-1",
      "RFC6120-8.3.3.7-1",
      "RFC6120-8.3.3.8-1",
      "RFC6120-8.3.3.9-1",
      "RFC6120-8.3.3.16-1",
      "RFC6120-8.3.3.19-1",
    ],
  },
  {
    name: F.unknownPayloadOk,
    description:
      "answers an IQ get/set with an unknown payload with an empty result instead of service-unavailable",
    breaks: ["RFC6120-8.4-12", "RFC6120-10.3.3-3", "RFC6121-8.5.2.1.3-2"],
  },
  {
    name: F.leakMessage,
    description: "also delivers every message to a session of another, uninvolved local account",
    breaks: ["RFC6120-13.10.2-1", "RFC6121-11-2"],
  },
  {
    name: F.noRosterPush,
    description:
      "sends no roster pushes: roster sets and subscription state changes update the roster silently",
    breaks: [
      "RFC6121-2.2-2",
      "RFC6121-2.3.2-3",
      "RFC6121-2.4.2-1",
      "RFC6121-2.5.2-1",
      "RFC6121-3.1.2-9",
      "RFC6121-3.1.5-2",
    ],
  },
  {
    name: F.rosterPushMissingInterested,
    description: "pushes a roster change only to the resource that caused it (to none for inbound changes)",
    breaks: ["RFC6121-2.2-2", "RFC6121-2.3.2-3"],
  },
  {
    name: F.subOutSubscribeWrong,
    description:
      "outbound subscribe (Table 2): in None the state stays None (no 'ask', no push); elsewhere a wrong next state",
    breaks: [
      "RFC6121-A.2.1-None",
      "RFC6121-A.2.1-NonePPendingOut",
      "RFC6121-A.2.1-NonePPendingIn",
      "RFC6121-A.2.1-NonePPendingOutPIn",
      "RFC6121-A.2.1-To",
      "RFC6121-A.2.1-ToPPendingIn",
      "RFC6121-A.2.1-From",
      "RFC6121-A.2.1-FromPPendingOut",
      "RFC6121-A.2.1-Both",
      "RFC6121-3.1.2-9",
    ],
  },
  {
    name: F.subOutUnsubscribeWrong,
    description:
      "outbound unsubscribe (Table 3): in Both it goes to None instead of From; elsewhere a wrong next state",
    breaks: [
      "RFC6121-A.2.2-None",
      "RFC6121-A.2.2-NonePPendingOut",
      "RFC6121-A.2.2-NonePPendingIn",
      "RFC6121-A.2.2-NonePPendingOutPIn",
      "RFC6121-A.2.2-To",
      "RFC6121-A.2.2-ToPPendingIn",
      "RFC6121-A.2.2-From",
      "RFC6121-A.2.2-FromPPendingOut",
      "RFC6121-A.2.2-Both",
    ],
  },
  {
    name: F.subOutSubscribedWrong,
    description:
      "outbound subscribed (Table 4): in None + Pending In neither routed nor applied; elsewhere routed (no pre-approval) with a wrong next state",
    breaks: [
      "RFC6121-A.2.3-None",
      "RFC6121-A.2.3-NonePPendingOut",
      "RFC6121-A.2.3-NonePPendingIn",
      "RFC6121-A.2.3-NonePPendingOutPIn",
      "RFC6121-A.2.3-To",
      "RFC6121-A.2.3-ToPPendingIn",
      "RFC6121-A.2.3-From",
      "RFC6121-A.2.3-FromPPendingOut",
      "RFC6121-A.2.3-Both",
      "RFC6121-3.1.5-1",
    ],
  },
  {
    name: F.subOutUnsubscribedWrong,
    description:
      "outbound unsubscribed (Table 5): in From routed but the state stays From; elsewhere routed with a wrong next state",
    breaks: [
      "RFC6121-A.2.4-None",
      "RFC6121-A.2.4-NonePPendingOut",
      "RFC6121-A.2.4-NonePPendingIn",
      "RFC6121-A.2.4-NonePPendingOutPIn",
      "RFC6121-A.2.4-To",
      "RFC6121-A.2.4-ToPPendingIn",
      "RFC6121-A.2.4-From",
      "RFC6121-A.2.4-FromPPendingOut",
      "RFC6121-A.2.4-Both",
      "RFC6121-3.2.2-7",
    ],
  },
  {
    name: F.subInSubscribeWrong,
    description:
      "inbound subscribe (Table 6): in None approved automatically (state From, auto-reply subscribed); elsewhere delivered with a wrong next state",
    breaks: [
      "RFC6121-A.3.1-None",
      "RFC6121-A.3.1-NonePPendingOut",
      "RFC6121-A.3.1-NonePPendingIn",
      "RFC6121-A.3.1-NonePPendingOutPIn",
      "RFC6121-A.3.1-To",
      "RFC6121-A.3.1-ToPPendingIn",
      "RFC6121-A.3.1-From",
      "RFC6121-A.3.1-FromPPendingOut",
      "RFC6121-A.3.1-Both",
      "RFC6121-3.1.3-5",
    ],
  },
  {
    name: F.subInUnsubscribeWrong,
    description:
      "inbound unsubscribe (Table 7): in Both it goes to None instead of To; elsewhere delivered with a wrong next state",
    breaks: [
      "RFC6121-A.3.2-None",
      "RFC6121-A.3.2-NonePPendingOut",
      "RFC6121-A.3.2-NonePPendingIn",
      "RFC6121-A.3.2-NonePPendingOutPIn",
      "RFC6121-A.3.2-To",
      "RFC6121-A.3.2-ToPPendingIn",
      "RFC6121-A.3.2-From",
      "RFC6121-A.3.2-FromPPendingOut",
      "RFC6121-A.3.2-Both",
    ],
  },
  {
    name: F.subInSubscribedWrong,
    description:
      "inbound subscribed (Table 8): in None + Pending Out delivered but the state stays put; elsewhere delivered with a wrong next state (the sender's side routes every 'subscribed' so the rows are reachable)",
    breaks: [
      "RFC6121-A.3.3-None",
      "RFC6121-A.3.3-NonePPendingOut",
      "RFC6121-A.3.3-NonePPendingIn",
      "RFC6121-A.3.3-NonePPendingOutPIn",
      "RFC6121-A.3.3-To",
      "RFC6121-A.3.3-ToPPendingIn",
      "RFC6121-A.3.3-From",
      "RFC6121-A.3.3-FromPPendingOut",
      "RFC6121-A.3.3-Both",
      "RFC6121-3.1.6-2",
    ],
  },
  {
    name: F.subInUnsubscribedWrong,
    description:
      "inbound unsubscribed (Table 9): in To ignored (not delivered, no change); elsewhere delivered with a wrong next state (the sender's side routes every 'unsubscribed')",
    breaks: [
      "RFC6121-A.3.4-None",
      "RFC6121-A.3.4-NonePPendingOut",
      "RFC6121-A.3.4-NonePPendingIn",
      "RFC6121-A.3.4-NonePPendingOutPIn",
      "RFC6121-A.3.4-To",
      "RFC6121-A.3.4-ToPPendingIn",
      "RFC6121-A.3.4-From",
      "RFC6121-A.3.4-FromPPendingOut",
      "RFC6121-A.3.4-Both",
      "RFC6121-3.2.3-1",
    ],
  },
  {
    name: F.subFullJidFrom,
    description: "routes subscription stanzas from the sender's full JID instead of stamping the bare JID",
    breaks: ["RFC6121-3.1.2-7", "RFC6121-3.3.2-4", "RFC6121-3.1.5-1"],
  },
  {
    name: F.noInitialBroadcast,
    description:
      "initial presence is broadcast neither to subscribed contacts nor to the user's own resources",
    breaks: ["RFC6121-4.2.2-1", "RFC6121-4.2.2-2", "RFC6120-10.3.2-1"],
  },
  {
    name: F.noProbeAnswer,
    description: "never answers presence probes, so a new presence session learns nothing about its contacts",
    breaks: ["RFC6121-4.3.2-1", "RFC6121-4.3.2-9", "RFC6121-4.2.2-3"],
  },
  {
    name: F.probeLeak,
    description: "answers presence probes from entities without a subscription with the user's presence",
    breaks: ["RFC6121-11-1", "RFC6121-4.3.2-2"],
  },
  {
    name: F.noUnavailableOnClose,
    description: "a session that ends without sending unavailable presence is not announced as unavailable",
    breaks: ["RFC6121-4.5.2-2", "RFC6121-4.5.2-6"],
  },
  {
    name: F.directedNoUnavailable,
    description:
      "entities that got directed presence get no unavailable presence when the resource goes offline",
    breaks: ["RFC6121-4.6.3-3"],
  },
  {
    name: F.offlineDrop,
    description:
      "messages for an account without available resources are dropped silently (neither stored nor bounced)",
    breaks: ["RFC6120-10.5.3.2-2", "RFC6121-8.5.2.2.1-1"],
  },
  {
    name: F.offlineAlter,
    description: "messages kept in offline storage come back with their <body/> text altered",
    breaks: ["RFC6120-10.5.3.2-2", "RFC6120-8.4-13"],
  },
  {
    name: F.bareJidWrongResource,
    description:
      "a message to a bare JID goes to the lowest-priority available resource (even a negative one)",
    breaks: ["RFC6121-8.5.2.1.1-3", "RFC6121-8.5.2.1.1-6", "RFC6121-8.5.2.1.1-12"],
  },
  {
    name: F.negativePriorityDelivered,
    description: "resources with negative priority are candidates for messages to the bare JID",
    breaks: ["RFC6121-8.5.2.1.1-12"],
  },
  {
    name: F.groupchatToBareDelivered,
    description: "a groupchat message to a bare JID is delivered like a normal message instead of bounced",
    breaks: ["RFC6121-8.5.2.1.1-7"],
  },
  {
    name: F.unescapedRelay,
    description: "relays message <body/> text as raw markup instead of escaped character data",
    breaks: ["RFC6120-11.3-1", "RFC6120-8.4-13", "RFC6120-11.1-2", "RFC6120-11.3-3"],
  },
  {
    name: F.zwnbspStripped,
    description: "takes U+FEFF in relayed message bodies for a byte order mark and strips it",
    breaks: ["RFC6120-11.6-5"],
  },
  {
    name: F.fullJidAbsenceRevealed,
    description:
      "an IQ to a full JID with no such resource gets <item-not-found/>, unlike the bare JID's <service-unavailable/>",
    breaks: ["RFC6120-13.10.2-2", "RFC6120-8.3.3.7-2"],
  },
  {
    name: F.remoteDomainAccepted,
    description:
      "stanzas to a domain it cannot reach are dropped silently instead of bounced with remote-server-not-found",
    breaks: ["RFC6120-10.4.3-1", "RFC6120-10.4.3-2"],
  },
  {
    name: F.jidMalformedAccepted,
    description: "stanzas with a malformed 'to' are dropped silently instead of bounced with jid-malformed",
    breaks: ["RFC6120-8.3.3.8-1", "RFC6121-3.1.2-2", "RFC6120-8.3.1-1"],
  },
  {
    name: F.iqBadTypeAccepted,
    description:
      "answers an IQ whose 'type' is not get/set/result/error with a result instead of bad-request",
    breaks: ["RFC6120-8.2.3-3"],
  },
  {
    name: F.serverReplyNoFrom,
    description: "answers to IQs addressed to the server's domain carry no 'from'",
    breaks: ["RFC6120-8.1.2.1-2"],
  },
  {
    name: F.errorDropsId,
    description: "message and presence error replies leave out the 'id' of the stanza they answer",
    breaks: ["RFC6120-8.3.1-3", "RFC6120-8.3.1-5"],
  },
  {
    name: F.unknownAccountIqResult,
    description:
      "an IQ get/set to a local account that does not exist gets an empty result, not service-unavailable",
    breaks: ["RFC6120-10.5.3.1-3", "RFC6121-8.5.1-1", "RFC6120-8.3.3.19-2"],
  },
  {
    name: F.iqFullJidNotRouted,
    description:
      "an IQ get/set to a connected full JID is answered with service-unavailable instead of delivered",
    breaks: ["RFC6120-10.5.4-2"],
  },
  {
    name: F.stripUnknownChildren,
    description: "relayed messages lose the child elements the server does not understand (extensions)",
    breaks: ["RFC6120-8.4-13"],
  },
  {
    name: F.reorderMessages,
    description: "every second message to a resource is held back and delivered after the next one",
    breaks: ["RFC6120-10.1-1", "RFC6120-10.1-2"],
  },
  {
    name: F.rosterMissingQuery,
    description: "a roster get for an empty roster is answered with an empty IQ result (no <query/>)",
    breaks: ["RFC6121-2.1.4-1"],
  },
  {
    name: F.rosterRemoveUnknownOk,
    description: "removing a roster item that does not exist gets a result instead of item-not-found",
    breaks: ["RFC6121-2.5.3-1"],
  },
  {
    name: F.rosterMultiItemAccepted,
    description: "a roster set with several <item/> elements applies the first instead of bad-request",
    breaks: ["RFC6121-2.1.5-1", "RFC6121-2.3.3-3"],
  },
  {
    name: F.rosterSetOtherUserAllowed,
    description: "a roster set addressed to another account's bare JID changes that account's roster",
    breaks: ["RFC6121-2.1.5-3", "RFC6121-2.3.3-2"],
  },
  {
    name: F.rosterSubscriptionAttrHonoured,
    description: "a roster set's 'subscription' of none/to/from/both sets the item's subscription state",
    breaks: ["RFC6121-2.1.5-2"],
  },
  {
    name: F.denyIgnored,
    description:
      "inbound unsubscribed (a denial) in state None + Pending Out is ignored: not delivered, still asking",
    breaks: ["RFC6121-A.3.4-NonePPendingOut"],
  },
  {
    name: F.fullJidMessageDropped,
    description:
      "a message to a connected full JID is silently dropped instead of delivered to that resource",
    breaks: ["RFC6121-8.5.3.1-3", "RFC6120-8.2.1-1"],
  },
  {
    name: F.rewriteToFullJid,
    description:
      "a message to a bare JID is delivered with 'to' rewritten to the receiving resource's full JID",
    breaks: ["RFC6121-8.5.2.1.1-13", "RFC6120-8.1.1.1-3"],
  },
  {
    name: F.headlineStoredOffline,
    description: "a headline message for an account without available resources is stored offline",
    breaks: ["RFC6121-8.5.2.2.1-3"],
  },
  {
    // A.3.3 None cannot be reached from the server's own clients: the contact's outbound 'subscribed' in
    // None is a pre-approval (never routed, §3.4.2). One mistake, "subscribed needs no request", breaks
    // both sides at once.
    name: F.unsolicitedSubscribedHonoured,
    description:
      "a 'subscribed' without a pending request is routed (not kept as pre-approval) and, inbound in None, grants To",
    breaks: ["RFC6121-A.3.3-None", "RFC6121-A.3.3-1", "RFC6121-3.1.6-6", "RFC6121-3.4.2-7"],
  },
  {
    name: F.messageNoToDropped,
    description: "a message without 'to' is dropped instead of handled as if sent to the sender's bare JID",
    breaks: ["RFC6120-10.3.1-1", "RFC6120-10.3-1"],
  },
  {
    name: F.accountReplyFromDomain,
    description: "answers on behalf of the account (IQs without 'to') carry 'from' = the server's domain",
    breaks: ["RFC6120-8.1.2.1-3"],
  },
  {
    name: F.errorNotSwapped,
    description: "stanza errors keep the original 'from' and 'to' instead of swapping them",
    breaks: ["RFC6120-8.3.1-2"],
  },
  {
    name: F.resultCarriesError,
    description: "IQ results the server generates carry an <error/> child after their payload",
    breaks: ["RFC6120-8.3.1-10", "RFC6120-8.2.3-8"],
  },
  {
    name: F.errorTypeInvalid,
    description: "stanza errors carry type='fatal', which is not one of the five error types",
    breaks: ["RFC6120-8.3.2-3"],
  },
  {
    name: F.errorTwoConditions,
    description: "stanza errors carry <undefined-condition/> as a second defined condition",
    breaks: ["RFC6120-8.3.2-4", "RFC6120-8.3.2-6"],
  },
  {
    name: F.errorTextUnqualified,
    description: "stanza errors carry a <text/> in the content namespace instead of the stanzas namespace",
    breaks: ["RFC6120-8.3.2-7", "RFC6120-8.3.2-8"],
  },
  {
    name: F.errorChildMissing,
    description: "error stanzas carry no <error/> child",
    breaks: ["RFC6120-8.3.1-6", "RFC6120-8.2.3-9"],
  },
  {
    name: F.stripXmlLang,
    description: "relayed messages lose their 'xml:lang' attributes (on the stanza and its children)",
    breaks: ["RFC6120-8.1.5-6", "RFC6120-4.7.4-10", "RFC6120-4.7.4-9", "RFC6120-12-3", "RFC6120-12-4"],
  },
  {
    name: F.domainResourceIqDropped,
    description: "an IQ get/set to <domain/resource> is dropped: neither handled nor answered with an error",
    breaks: ["RFC6120-10.5.2-1"],
  },
  {
    name: F.bareJidIqDelivered,
    description:
      "an IQ get/set to another account's bare JID is delivered to one of its resources instead of handled by the server",
    breaks: ["RFC6120-10.5.3.2-5"],
  },
  {
    name: F.rosterSetDeferred,
    description: "a roster set is processed only after the next stanza on the same stream (out of order)",
    breaks: ["RFC6120-10.1-6", "RFC6120-10.1-1"],
  },
  {
    name: F.unmatchedResourceBounced,
    description:
      "a chat message to a full JID with no connected resource is bounced instead of handled as to the bare JID",
    breaks: ["RFC6120-10.5.4-1"],
  },
  {
    name: F.secondDomainRemote,
    description:
      "treats every served domain but the first as remote: stanzas to it get remote-server-not-found",
    breaks: ["RFC6120-10.5-1", "RFC6120-10.5-4"],
  },
  {
    name: F.unknownChildBounced,
    description:
      "message or presence for the server itself (to its domain, or presence without 'to') carrying an element in a namespace other than jabber:client is refused with feature-not-implemented",
    breaks: ["RFC6120-8.4-8", "RFC6120-8.4-9", "RFC6120-8.4-10", "RFC6120-8.4-11"],
  },
  {
    name: F.rosterPushMalformed,
    description:
      "roster pushes carry no 'id' and a second, unqualified (jabber:client) <item/> after the <query/>",
    breaks: ["RFC6120-8.1.3-1", "RFC6120-8.4-1", "RFC6120-8.4-2"],
  },
  {
    name: F.bareJidStanzasDropped,
    description:
      "messages and presence to a bare JID with connected (available) resources are dropped instead of delivered",
    breaks: ["RFC6120-10.5.3.2-1", "RFC6120-10.5.3.2-3"],
  },
  {
    name: F.unknownAccountPresenceBounced,
    description: "presence to a local account that does not exist is bounced with service-unavailable",
    breaks: ["RFC6120-10.5.3.1-2"],
  },
  {
    name: F.unmatchedResourceRecipientUnavailable,
    description:
      "a normal message to a full JID with no connected resource is bounced with recipient-unavailable, revealing the absence to anyone",
    breaks: ["RFC6120-8.3.3.13-2"],
  },
  {
    name: F.errorKindPlaceholder,
    description:
      "message error replies are sent as a literal <stanza-kind/> element (the RFC's placeholder) instead of <message/>",
    breaks: ["RFC6120-8.3.2-2"],
  },
];

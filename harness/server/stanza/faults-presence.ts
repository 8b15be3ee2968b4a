// Faults of RFC 6121 §4 (presence), §5 (messages) and §9: each breaks one rule on purpose so the
// presence and message cases can prove they notice. The server consults them with ctx.host.fault(FP.name).
import type { FaultSpec } from "../types.ts";

export const FP = {
  broadcastIgnoresSubscription: "presence-broadcast-ignores-subscription",
  broadcastStripped: "presence-broadcast-stripped",
  subsequentNotBroadcast: "subsequent-presence-not-broadcast",
  barePresenceOneResource: "bare-presence-one-resource",
  probeAnswerIncomplete: "probe-answer-incomplete",
  probeUnsubscribedFromFull: "probe-unsubscribed-from-full",
  fullProbeWrongResource: "full-probe-wrong-resource",
  probeAnswerDropsId: "probe-answer-drops-id",
  unavailableNotToOwn: "unavailable-not-to-own-resources",
  reInitialNoProbe: "re-initial-presence-not-initial",
  directedTargetGetsBroadcasts: "directed-target-gets-broadcasts",
  directedUnavailableStopsBroadcast: "directed-unavailable-stops-broadcast",
  directedContactNotBroadcast: "directed-contact-not-broadcast",
  directedProbeUnanswered: "directed-probe-unanswered",
  presenceSyntaxUnchecked: "presence-syntax-unchecked",
  missingPriorityNegative: "missing-priority-negative",
  unknownPresenceTypeRelayed: "unknown-presence-type-relayed",
  messageTypeDefaultHeadline: "message-type-default-headline",
  alternatesCollapsed: "message-alternates-collapsed",
  threadRewritten: "thread-rewritten",
  fromUriScheme: "from-uri-scheme",
  generatedUnavailableCopiesPresence: "generated-unavailable-copies-presence",
  directedUnavailableKept: "directed-unavailable-kept",
  inboundUnsubscribeIgnored: "inbound-unsubscribe-ignored",
} as const;

export const PRESENCE_FAULTS: FaultSpec[] = [
  {
    name: FP.broadcastIgnoresSubscription,
    description: "broadcasts presence to every roster contact, whatever the subscription",
    breaks: ["RFC6121-4.2.2-1", "RFC6121-4.4.2-1", "RFC6121-11-2", "RFC6121-11-3"],
  },
  {
    name: FP.broadcastStripped,
    description: "broadcasts presence to contacts without its <show/>, <status/> and extension children",
    breaks: ["RFC6121-4.4.2-1", "RFC6121-4.5.2-4"],
  },
  {
    name: FP.subsequentNotBroadcast,
    description: "broadcasts only initial presence: later presence updates reach nobody",
    breaks: ["RFC6121-4.4.2-1", "RFC6121-4.4.2-2"],
  },
  {
    name: FP.barePresenceOneResource,
    description: "delivers presence addressed to a bare JID to one available resource only",
    breaks: ["RFC6121-8.5.2.1.2-1", "RFC6121-4.2.3-1", "RFC6121-4.4.3-1", "RFC6121-4.5.3-1"],
  },
  {
    name: FP.probeAnswerIncomplete,
    description: "answers a probe with the initial presence of the first available resource only",
    breaks: ["RFC6121-4.3.2-9"],
  },
  {
    name: FP.probeUnsubscribedFromFull,
    description: "answers an unauthorised probe with 'unsubscribed' from a full JID of the contact",
    breaks: ["RFC6121-4.3.2-3"],
  },
  {
    name: FP.fullProbeWrongResource,
    description: "answers a probe to a full JID with the presence of the contact's other resources",
    breaks: ["RFC6121-4.3.2-10", "RFC6121-4.3.2-11"],
  },
  {
    name: FP.probeAnswerDropsId,
    description: "answers a probe without the 'id' of the contact's original presence",
    breaks: ["RFC6121-4.3.2.1-1"],
  },
  {
    name: FP.unavailableNotToOwn,
    description: "does not send a resource's unavailable presence to the account's other resources",
    breaks: ["RFC6121-4.5.2-5"],
  },
  {
    name: FP.reInitialNoProbe,
    description:
      "after unavailable presence, a new available presence does not start a presence session (no probes)",
    breaks: ["RFC6121-4.5.2-7"],
  },
  {
    name: FP.directedTargetGetsBroadcasts,
    description: "adds every entity that got directed presence to the resource's presence broadcasts",
    breaks: ["RFC6121-4.6.3-3", "RFC6121-4.6.3-4", "RFC6121-11-3"],
  },
  {
    name: FP.directedUnavailableStopsBroadcast,
    description: "directed unavailable presence to a subscriber removes it from later broadcasts",
    breaks: ["RFC6121-4.6.3-2"],
  },
  {
    name: FP.directedContactNotBroadcast,
    description: "a contact that got directed presence before subscribing never gets presence broadcasts",
    breaks: ["RFC6121-4.6.1-2"],
  },
  {
    name: FP.directedProbeUnanswered,
    description: "answers a probe from an entity that got directed presence with 'unsubscribed'",
    breaks: ["RFC6121-4.6.6-3", "RFC6121-4.6.6-4"],
  },
  {
    name: FP.presenceSyntaxUnchecked,
    description:
      "accepts and broadcasts presence with several, out-of-range or non-numeric <priority/> and bad <show/>",
    breaks: [
      "RFC6121-4.7.2.1-2",
      "RFC6121-4.7.2.1-3",
      "RFC6121-4.7.2.1-4",
      "RFC6121-4.7.2.3-2",
      "RFC6121-4.7.2.3-3",
      "RFC6121-4.7.2.3-4",
      "RFC6121-4.7.2.2-2",
    ],
  },
  {
    name: FP.missingPriorityNegative,
    description: "takes presence without <priority/> as priority -1",
    breaks: ["RFC6121-4.7.2.3-5"],
  },
  {
    name: FP.unknownPresenceTypeRelayed,
    description: "relays presence with an unknown 'type' instead of answering <bad-request/>",
    breaks: ["RFC6121-4.7.1-4"],
  },
  {
    name: FP.messageTypeDefaultHeadline,
    description: "treats a message without 'type' or with an unknown one as headline, not normal",
    breaks: ["RFC6121-5.2.2-6"],
  },
  {
    name: FP.alternatesCollapsed,
    description: "delivers only the first of several <body/> and <subject/> alternates",
    breaks: ["RFC6121-5.2.3-2", "RFC6121-5.2.4-1"],
  },
  {
    name: FP.threadRewritten,
    description: "normalises <thread/> (lower case, 'parent' dropped) instead of relaying it as opaque",
    breaks: ["RFC6121-5.2.5-7", "RFC6121-5.2.5-5"],
  },
  {
    name: FP.fromUriScheme,
    description: "stamps the 'from' of delivered messages with an xmpp: URI scheme",
    breaks: ["RFC6121-9-1"],
  },
  {
    name: FP.generatedUnavailableCopiesPresence,
    description:
      "builds the unavailable presence for a vanished resource from its last presence (<show/>, <priority/> kept)",
    breaks: ["RFC6121-4.5.1-3"],
  },
  {
    name: FP.directedUnavailableKept,
    description: "keeps an entity in the directed-presence list after directed unavailable presence to it",
    breaks: ["RFC6121-4.6.1-4"],
  },
  {
    name: FP.inboundUnsubscribeIgnored,
    description: "ignores an inbound 'unsubscribe': the user keeps sending presence to the contact",
    breaks: ["RFC6121-12-12"],
  },
];

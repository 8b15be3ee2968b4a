// Faults of RFC 6121 §4 (presence), §5 (messages) and §9: each breaks one rule on purpose so the
// presence and message cases can prove they notice. The stanza layer applies them through
// stanza/fault-hooks-presence.ts, fault-hooks-probes.ts and fault-hooks-messages.ts.
import type { FaultSpec } from "./spec.ts";

export const PRESENCE_FAULTS = [
  {
    name: "presence-broadcast-ignores-subscription",
    description: "broadcasts presence to every roster contact, whatever the subscription",
    breaks: ["RFC6121-4.2.2-1", "RFC6121-4.4.2-1", "RFC6121-11-2", "RFC6121-11-3"],
  },
  {
    name: "presence-broadcast-stripped",
    description: "broadcasts presence to contacts without its <show/>, <status/> and extension children",
    breaks: ["RFC6121-4.4.2-1", "RFC6121-4.5.2-4"],
  },
  {
    name: "subsequent-presence-not-broadcast",
    description: "broadcasts only initial presence: later presence updates reach nobody",
    breaks: ["RFC6121-4.4.2-1", "RFC6121-4.4.2-2"],
  },
  {
    name: "presence-broadcast-to-everyone",
    description:
      "also broadcasts available presence to every available resource of every account not in the user's roster",
    breaks: ["RFC6121-11-2", "RFC6121-11-3", "RFC6120-13.10.2-1"],
  },
  {
    name: "bare-presence-one-resource",
    description: "delivers presence addressed to a bare JID to one available resource only",
    breaks: ["RFC6121-8.5.2.1.2-1", "RFC6121-4.2.3-1", "RFC6121-4.4.3-1", "RFC6121-4.5.3-1"],
  },
  {
    name: "probe-answer-incomplete",
    description: "answers a probe with the initial presence of the first available resource only",
    breaks: ["RFC6121-4.3.2-9"],
  },
  {
    name: "probe-unsubscribed-from-full",
    description: "answers an unauthorised probe with 'unsubscribed' from a full JID of the contact",
    breaks: ["RFC6121-4.3.2-3"],
  },
  {
    name: "full-probe-wrong-resource",
    description: "answers a probe to a full JID with the presence of the contact's other resources",
    breaks: ["RFC6121-4.3.2-10", "RFC6121-4.3.2-11"],
  },
  {
    name: "probe-answer-drops-id",
    description: "answers a probe without the 'id' of the contact's original presence",
    breaks: ["RFC6121-4.3.2.1-1"],
  },
  {
    name: "unavailable-not-to-own-resources",
    description: "does not send a resource's unavailable presence to the account's other resources",
    breaks: ["RFC6121-4.5.2-5"],
  },
  {
    name: "re-initial-presence-not-initial",
    description:
      "after unavailable presence, a new available presence does not start a presence session (no probes)",
    breaks: ["RFC6121-4.5.2-7"],
  },
  {
    name: "directed-target-gets-broadcasts",
    description: "adds every entity that got directed presence to the resource's presence broadcasts",
    breaks: ["RFC6121-4.6.3-3", "RFC6121-4.6.3-4", "RFC6121-11-3"],
  },
  {
    name: "directed-unavailable-stops-broadcast",
    description: "directed unavailable presence to a subscriber removes it from later broadcasts",
    breaks: ["RFC6121-4.6.3-2"],
  },
  {
    name: "directed-contact-not-broadcast",
    description: "a contact that got directed presence before subscribing never gets presence broadcasts",
    breaks: ["RFC6121-4.6.1-2"],
  },
  {
    name: "directed-probe-unanswered",
    description: "answers a probe from an entity that got directed presence with 'unsubscribed'",
    breaks: ["RFC6121-4.6.6-3", "RFC6121-4.6.6-4"],
  },
  {
    // RFC 6120 §11.4: the server need not validate what it delivers; the §4.7.2 MUSTs bind the sender
    name: "presence-syntax-unchecked",
    description:
      "accepts and broadcasts presence with several, out-of-range or non-numeric <priority/> and bad <show/> (allowed)",
    breaks: [
      "RFC6121-4.7.2.1-2",
      "RFC6121-4.7.2.1-3",
      "RFC6121-4.7.2.1-4",
      "RFC6121-4.7.2.3-2",
      "RFC6121-4.7.2.3-3",
      "RFC6121-4.7.2.3-4",
      "RFC6121-4.7.2.2-2",
    ],
    allowed: true,
  },
  {
    // RFC 6120 §11.4: a server MAY accept only validated data; §4.9.3.11 <invalid-xml/> is its stream error
    name: "presence-syntax-invalid-xml",
    description:
      "closes the stream with <invalid-xml/> on presence with invalid <show/>, <priority/> or <status/> (allowed)",
    breaks: ["RFC6121-4.7.2.1-2", "RFC6121-4.7.2.3-2"],
    allowed: true,
  },
  {
    name: "presence-syntax-dropped",
    description:
      "drops presence with invalid <show/>, <priority/> or <status/> silently: no broadcast, no error",
    breaks: ["RFC6120-8.3.1-1"],
  },
  {
    name: "missing-priority-negative",
    description: "takes presence without <priority/> as priority -1",
    breaks: ["RFC6121-4.7.2.3-5"],
  },
  {
    name: "unknown-presence-type-relayed",
    description: "relays presence with an unknown 'type' instead of answering <bad-request/>",
    breaks: ["RFC6121-4.7.1-4"],
  },
  {
    name: "message-type-default-headline",
    description: "treats a message without 'type' or with an unknown one as headline, not normal",
    breaks: ["RFC6121-5.2.2-6"],
  },
  {
    name: "message-alternates-collapsed",
    description: "delivers only the first of several <body/> and <subject/> alternates",
    breaks: ["RFC6121-5.2.3-2", "RFC6121-5.2.4-1"],
  },
  {
    name: "thread-rewritten",
    description: "normalises <thread/> (lower case, 'parent' dropped) instead of relaying it as opaque",
    breaks: ["RFC6121-5.2.5-7", "RFC6121-5.2.5-5"],
  },
  {
    name: "from-uri-scheme",
    description: "stamps the 'from' of delivered messages with an xmpp: URI scheme",
    breaks: ["RFC6121-9-1"],
  },
  {
    name: "generated-unavailable-copies-presence",
    description:
      "builds the unavailable presence for a vanished resource from its last presence (<show/>, <priority/> kept)",
    breaks: ["RFC6121-4.5.1-3"],
  },
  {
    name: "directed-unavailable-kept",
    description: "keeps an entity in the directed-presence list after directed unavailable presence to it",
    breaks: ["RFC6121-4.6.1-4"],
  },
  {
    name: "inbound-unsubscribe-ignored",
    description: "ignores an inbound 'unsubscribe': the user keeps sending presence to the contact",
    breaks: ["RFC6121-12-12"],
  },
] as const satisfies readonly FaultSpec[];

// Stanza-layer faults of offline storage, addressing and routing (RFC 6120 §8.1, §10; RFC 6121 §8.5),
// error stanza syntax (RFC 6120 §8.3), message content and the roster query (RFC 6121 §2.1, §5): each
// breaks one rule on purpose so the suite can prove it notices.
import type { FaultSpec } from "./spec.ts";

export const STANZA_ADDRESSING_FAULTS = [
  {
    name: "offline-drop",
    description:
      "messages for an account without available resources are dropped silently (neither stored nor bounced)",
    breaks: ["RFC6120-10.5.3.2-2", "RFC6121-8.5.2.2.1-1"],
  },
  {
    name: "offline-refused-not-allowed",
    description:
      "messages for an account without available resources are refused with <not-allowed/>, not <service-unavailable/>",
    breaks: ["RFC6120-10.5.3.2-2", "RFC6121-8.5.2.2.1-1"],
  },
  {
    name: "offline-alter",
    description: "messages kept in offline storage come back with their <body/> text altered",
    breaks: ["RFC6120-10.5.3.2-2", "RFC6120-8.4-13"],
  },
  {
    name: "bare-jid-wrong-resource",
    description:
      "a message to a bare JID goes to the lowest-priority available resource (even a negative one)",
    breaks: ["RFC6121-8.5.2.1.1-3", "RFC6121-8.5.2.1.1-6", "RFC6121-8.5.2.1.1-12"],
  },
  {
    name: "negative-priority-delivered",
    description: "resources with negative priority are candidates for messages to the bare JID",
    breaks: ["RFC6121-8.5.2.1.1-12"],
  },
  {
    name: "groupchat-to-bare-delivered",
    description: "a groupchat message to a bare JID is delivered like a normal message instead of bounced",
    breaks: ["RFC6121-8.5.2.1.1-7"],
  },
  {
    name: "unescaped-relay",
    description: "relays message <body/> text as raw markup instead of escaped character data",
    breaks: ["RFC6120-11.3-1", "RFC6120-8.4-13", "RFC6120-11.1-2", "RFC6120-11.3-3"],
  },
  {
    name: "zwnbsp-stripped",
    description: "takes U+FEFF in relayed message bodies for a byte order mark and strips it",
    breaks: ["RFC6120-11.6-5"],
  },
  {
    name: "full-jid-absence-revealed",
    description:
      "an IQ to a full JID with no such resource gets <item-not-found/>, unlike the bare JID's <service-unavailable/>",
    breaks: ["RFC6120-13.10.2-2", "RFC6120-8.3.3.7-2"],
  },
  {
    name: "remote-domain-accepted",
    description:
      "stanzas to a domain it cannot reach (no s2s, resolution failed, no stream) are dropped silently instead of bounced with remote-server-not-found or remote-server-timeout",
    breaks: ["RFC6120-10.4.3-1", "RFC6120-10.4.3-2", "RFC6120-10.4.3-3"],
  },
  {
    name: "jid-malformed-accepted",
    description: "stanzas with a malformed 'to' are dropped silently instead of bounced with jid-malformed",
    breaks: ["RFC6120-8.3.3.8-1", "RFC6121-3.1.2-2", "RFC6120-8.3.1-1"],
  },
  {
    name: "iq-bad-type-accepted",
    description:
      "answers an IQ whose 'type' is not get/set/result/error with a result instead of bad-request",
    breaks: ["RFC6120-8.2.3-3"],
  },
  {
    name: "server-reply-no-from",
    description: "answers to IQs addressed to the server's domain carry no 'from'",
    breaks: ["RFC6120-8.1.2.1-2"],
  },
  {
    name: "error-drops-id",
    description: "message and presence error replies leave out the 'id' of the stanza they answer",
    breaks: ["RFC6120-8.3.1-3", "RFC6120-8.3.1-5"],
  },
  {
    name: "unknown-account-iq-result",
    description:
      "an IQ get/set to a local account that does not exist gets an empty result, not service-unavailable",
    breaks: ["RFC6120-10.5.3.1-3", "RFC6121-8.5.1-1", "RFC6120-8.3.3.19-2"],
  },
  {
    name: "iq-full-jid-not-routed",
    description:
      "an IQ get/set to a connected full JID is answered with service-unavailable instead of delivered",
    breaks: ["RFC6120-10.5.4-2"],
  },
  {
    name: "strip-unknown-children",
    description: "relayed messages lose the child elements the server does not understand (extensions)",
    breaks: ["RFC6120-8.4-13"],
  },
  {
    name: "reorder-messages",
    description: "every second message to a resource is held back and delivered after the next one",
    breaks: ["RFC6120-10.1-1", "RFC6120-10.1-2"],
  },
  {
    name: "roster-missing-query",
    description: "a roster get for an empty roster is answered with an empty IQ result (no <query/>)",
    breaks: ["RFC6121-2.1.4-1"],
  },
  {
    name: "roster-remove-unknown-ok",
    description: "removing a roster item that does not exist gets a result instead of item-not-found",
    breaks: ["RFC6121-2.5.3-1"],
  },
  {
    name: "roster-multi-item-accepted",
    description: "a roster set with several <item/> elements applies the first instead of bad-request",
    breaks: ["RFC6121-2.1.5-1", "RFC6121-2.3.3-3"],
  },
  {
    name: "roster-set-other-user-allowed",
    description: "a roster set addressed to another account's bare JID changes that account's roster",
    breaks: ["RFC6121-2.1.5-3", "RFC6121-2.3.3-2"],
  },
  {
    name: "roster-subscription-attr-honoured",
    description: "a roster set's 'subscription' of none/to/from/both sets the item's subscription state",
    breaks: ["RFC6121-2.1.5-2"],
  },
  {
    name: "deny-ignored",
    description:
      "inbound unsubscribed (a denial) in state None + Pending Out is ignored: not delivered, still asking (§3.2.3's reading)",
    breaks: ["RFC6121-A.3.4-NonePPendingOut"],
    allowed: true,
    reading: "I-6121-deny-pending",
  },
  {
    name: "deny-delivered-unapplied",
    description:
      "inbound unsubscribed (a denial) in None + Pending Out, None + Pending Out+In or From + Pending Out is delivered but the user stays asking (neither reading)",
    breaks: [
      "RFC6121-A.3.4-NonePPendingOut",
      "RFC6121-A.3.4-NonePPendingOutPIn",
      "RFC6121-A.3.4-FromPPendingOut",
      "RFC6121-3.2.3-6",
    ],
  },
  {
    name: "full-jid-message-dropped",
    description:
      "a message to a connected full JID is silently dropped instead of delivered to that resource",
    breaks: ["RFC6121-8.5.3.1-3", "RFC6120-8.2.1-1"],
  },
  {
    name: "rewrite-to-full-jid",
    description:
      "a message to a bare JID is delivered with 'to' rewritten to the receiving resource's full JID",
    breaks: ["RFC6121-8.5.2.1.1-13", "RFC6120-8.1.1.1-3"],
  },
  {
    name: "headline-stored-offline",
    description: "a headline message for an account without available resources is stored offline",
    breaks: ["RFC6121-8.5.2.2.1-3"],
  },
  {
    // A.3.3 None cannot be reached from the server's own clients: the contact's outbound 'subscribed' in
    // None is a pre-approval (never routed, §3.4.2). One mistake, "subscribed needs no request", breaks
    // both sides at once.
    name: "unsolicited-subscribed-honoured",
    description:
      "a 'subscribed' without a pending request is routed (not kept as pre-approval) and, inbound in None, grants To",
    breaks: ["RFC6121-A.3.3-None", "RFC6121-A.3.3-1", "RFC6121-3.1.6-6", "RFC6121-3.4.2-7"],
  },
  {
    name: "message-no-to-dropped",
    description: "a message without 'to' is dropped instead of handled as if sent to the sender's bare JID",
    breaks: ["RFC6120-10.3.1-1", "RFC6120-10.3-1"],
  },
  {
    name: "account-reply-from-domain",
    description: "answers on behalf of the account (IQs without 'to') carry 'from' = the server's domain",
    breaks: ["RFC6120-8.1.2.1-3"],
  },
  {
    name: "error-not-swapped",
    description: "stanza errors keep the original 'from' and 'to' instead of swapping them",
    breaks: ["RFC6120-8.3.1-2"],
  },
  {
    name: "result-carries-error",
    description: "IQ results the server generates carry an <error/> child after their payload",
    breaks: ["RFC6120-8.3.1-10", "RFC6120-8.2.3-8"],
  },
  {
    name: "error-type-invalid",
    description: "stanza errors carry type='fatal', which is not one of the five error types",
    breaks: ["RFC6120-8.3.2-3"],
  },
  {
    name: "error-two-conditions",
    description: "stanza errors carry <undefined-condition/> as a second defined condition",
    breaks: ["RFC6120-8.3.2-4", "RFC6120-8.3.2-6"],
  },
  {
    name: "error-text-unqualified",
    description: "stanza errors carry a <text/> in the content namespace instead of the stanzas namespace",
    breaks: ["RFC6120-8.3.2-7", "RFC6120-8.3.2-8"],
  },
  {
    name: "error-child-missing",
    description: "error stanzas carry no <error/> child",
    breaks: ["RFC6120-8.3.1-6", "RFC6120-8.2.3-9"],
  },
  {
    name: "strip-xml-lang",
    description: "relayed messages lose their 'xml:lang' attributes (on the stanza and its children)",
    breaks: ["RFC6120-8.1.5-6", "RFC6120-4.7.4-10", "RFC6120-4.7.4-9", "RFC6120-12-3", "RFC6120-12-4"],
  },
  {
    name: "domain-resource-iq-dropped",
    description: "an IQ get/set to <domain/resource> is dropped: neither handled nor answered with an error",
    breaks: ["RFC6120-10.5.2-1"],
  },
  {
    name: "bare-jid-iq-delivered",
    description:
      "an IQ get/set to another account's bare JID is delivered to one of its resources instead of handled by the server",
    breaks: ["RFC6120-10.5.3.2-5"],
  },
  {
    name: "roster-set-deferred",
    description: "a roster set is processed only after the next stanza on the same stream (out of order)",
    breaks: ["RFC6120-10.1-6", "RFC6120-10.1-1"],
  },
  {
    name: "unmatched-resource-bounced",
    description:
      "a chat message to a full JID with no connected resource is bounced instead of handled as to the bare JID",
    breaks: ["RFC6120-10.5.4-1"],
  },
  {
    name: "second-domain-remote",
    description:
      "treats every served domain but the first as remote: stanzas to it get remote-server-not-found",
    breaks: ["RFC6120-10.5-1", "RFC6120-10.5-4"],
  },
  {
    name: "unknown-child-bounced",
    description:
      "message or presence for the server itself (to its domain, or presence without 'to') carrying an element in a namespace other than jabber:client is refused with feature-not-implemented",
    breaks: ["RFC6120-8.4-8", "RFC6120-8.4-9", "RFC6120-8.4-10", "RFC6120-8.4-11"],
  },
  {
    name: "roster-push-malformed",
    description:
      "roster pushes carry no 'id' and a second, unqualified (jabber:client) <item/> after the <query/>",
    breaks: ["RFC6120-8.1.3-1", "RFC6120-8.4-1", "RFC6120-8.4-2"],
  },
  {
    name: "bare-jid-stanzas-dropped",
    description:
      "messages and presence to a bare JID with connected (available) resources are dropped instead of delivered",
    breaks: ["RFC6120-10.5.3.2-1", "RFC6120-10.5.3.2-3"],
  },
  {
    name: "unknown-account-presence-bounced",
    description: "presence to a local account that does not exist is bounced with service-unavailable",
    breaks: ["RFC6120-10.5.3.1-2", "RFC6121-8.5.1-4"],
  },
  {
    name: "unmatched-resource-recipient-unavailable",
    description:
      "a normal message to a full JID with no connected resource is bounced with recipient-unavailable, revealing the absence to anyone",
    breaks: ["RFC6120-8.3.3.13-2"],
  },
  {
    name: "error-kind-placeholder",
    description:
      "message error replies are sent as a literal <stanza-kind/> element (the RFC's placeholder) instead of <message/>",
    breaks: ["RFC6120-8.3.2-2"],
  },
] as const satisfies readonly FaultSpec[];

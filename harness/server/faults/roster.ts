// Named faults of the roster (RFC 6121 §2) and subscription (§3) code: each breaks one rule on purpose so
// the suites/rfc6121/2.* and 3* cases can prove they notice. The stanza layer applies them
// through stanza/fault-hooks-roster.ts and stanza/fault-hooks-subscriptions.ts.
import type { FaultSpec } from "./spec.ts";

export const ROSTER_FAULTS = [
  {
    name: "roster-get-items-accepted",
    description: "a roster get that carries an <item/> is treated as a set: the item is added to the roster",
    breaks: ["RFC6121-2.1.3-1"],
  },
  {
    name: "roster-get-other-user-allowed",
    description: "a roster get addressed to another account's bare JID returns that account's roster",
    breaks: ["RFC6121-2-2"],
  },
  {
    name: "roster-update-merged",
    description:
      "a roster set for an existing item adds its groups to the old ones instead of replacing them",
    breaks: ["RFC6121-2.4.1-1", "RFC6121-2-1"],
  },
  {
    name: "roster-name-trimmed",
    description: "stores roster item names with surrounding whitespace trimmed and inner runs collapsed",
    breaks: ["RFC6121-2-1"],
  },
  {
    name: "roster-long-values-truncated",
    description: "names and groups beyond the configured limit are truncated and stored, not refused",
    breaks: ["RFC6121-2.3.3-4", "RFC6121-2-1"],
  },
  {
    name: "roster-duplicate-group-accepted",
    description: "a roster set naming one group twice is accepted (the duplicate dropped)",
    breaks: ["RFC6121-2.3.3-3"],
  },
  {
    name: "roster-empty-group-accepted",
    description: "a roster set with an empty <group/> is accepted (the empty group stored)",
    breaks: ["RFC6121-2.3.3-4"],
  },
  {
    name: "roster-missing-jid-accepted",
    description: "a roster set whose <item/> has no 'jid' gets an empty result instead of an error",
    breaks: ["RFC6121-2.1.2.3-1", "RFC6121-2.3.3-1"],
  },
  {
    name: "roster-empty-set-accepted",
    description: "a roster set whose <query/> holds no <item/> gets an empty result instead of an error",
    breaks: ["RFC6121-2.1.5-1", "RFC6121-2.3.3-1"],
  },
  {
    name: "roster-malformed-jid-accepted",
    description: "a roster set for a malformed JID gets an empty result (nothing stored) instead of an error",
    breaks: ["RFC6121-2.3.3-1"],
  },
  {
    name: "roster-push-from-domain",
    description: "roster pushes come from the server's domain instead of the account's bare JID",
    breaks: ["RFC6121-2.1.6-2"],
  },
  {
    name: "roster-remove-no-unsubscribe",
    description: "removing an item the user is subscribed to sends the contact no 'unsubscribe'",
    breaks: ["RFC6121-2.5.2-2", "RFC6121-2.5.2-4"],
  },
  {
    name: "roster-remove-no-unsubscribed",
    description: "removing an item subscribed to the user sends the contact no 'unsubscribed'",
    breaks: ["RFC6121-2.5.2-3", "RFC6121-2.5.2-4"],
  },
  {
    name: "roster-set-clears-ask",
    description: "a roster set for an item with a pending outbound request forgets the request ('ask')",
    breaks: ["RFC6121-3.1.1-4"],
  },
  {
    name: "roster-ver-not-advertised",
    description: "supports roster versioning ('ver' in results) without advertising the stream feature",
    breaks: ["RFC6121-2.6.1-1"],
  },
  {
    name: "roster-ver-missing-in-result",
    description: "a roster result for a versioned roster get carries no 'ver'",
    breaks: ["RFC6121-2.6.3-1"],
  },
  {
    name: "roster-ver-stale-empty",
    description: "a roster get with any non-empty 'ver' gets an empty result and no interim pushes",
    breaks: ["RFC6121-2.6.3-3", "RFC6121-2.6.3-1"],
  },
  {
    name: "roster-push-no-ver",
    description: "roster pushes carry no 'ver' although roster versioning is on",
    breaks: ["RFC6121-2.6.3-6"],
  },
  {
    name: "roster-ver-not-bumped",
    description: "roster pushes all carry the version of the last roster result (not unique)",
    breaks: ["RFC6121-2.6.3-7"],
  },
  {
    name: "roster-ver-echo",
    description: "a roster result returns the client's 'ver' as the roster version",
    breaks: ["RFC6121-2.1.1-1"],
  },
  {
    name: "sub-request-one-resource",
    description: "an inbound subscription request is delivered to one available resource only",
    breaks: ["RFC6121-3.1.3-9", "RFC6121-3.1.3-6"],
  },
  {
    name: "sub-request-adds-item",
    description: "an inbound subscription request adds the requester to the contact's roster",
    breaks: ["RFC6121-3.1.3-14"],
  },
  {
    name: "sub-request-not-stored",
    description: "a subscription request for a contact with no available resource is dropped",
    breaks: ["RFC6121-3.1.3-11"],
  },
  {
    name: "sub-request-delivered-once",
    description: "a subscription request is forgotten once delivered (live or at login), though unanswered",
    breaks: ["RFC6121-3.1.3-12"],
  },
  {
    name: "sub-request-duplicated",
    description: "every subscription request sent while the contact is offline is stored and delivered",
    breaks: ["RFC6121-3.1.3-13"],
  },
  {
    name: "sub-request-stripped",
    description: "a stored subscription request loses its child elements (status, extensions)",
    breaks: ["RFC6121-3.1.3-11"],
  },
  {
    name: "sub-no-auto-reply",
    description:
      "a subscribe from an already subscribed user is delivered to the contact, not answered for it",
    breaks: ["RFC6121-3.1.3-7", "RFC6121-A.3.1-From"],
  },
  {
    name: "sub-full-jid-kept",
    description: "a subscription request to a full JID is kept full: item, routing and delivery use it",
    breaks: ["RFC6121-3.1.2-3", "RFC6121-3.1.3-2"],
  },
  {
    name: "sub-unroutable-silent",
    description: "a subscription request to an unreachable domain is dropped without an error",
    breaks: ["RFC6121-3.1.2-8"],
  },
  {
    name: "approve-no-presence",
    description: "approving a subscription sends the new subscriber no current presence",
    breaks: ["RFC6121-3.1.5-3", "RFC6121-3.1.6-4"],
  },
  {
    name: "inbound-push-before-delivery",
    description: "inbound subscribed/unsubscribed/unsubscribe: the roster push goes out before the stanza",
    breaks: ["RFC6121-3.1.6-3", "RFC6121-3.2.3-3", "RFC6121-3.3.3-3"],
  },
  {
    name: "inbound-one-resource",
    description: "inbound subscribed/unsubscribed/unsubscribe is delivered to one interested resource only",
    breaks: ["RFC6121-3.1.6-2", "RFC6121-3.2.3-2", "RFC6121-3.3.3-2"],
  },
  {
    name: "cancel-no-unavailable",
    description: "cancelling or losing a subscription sends no 'unavailable' from the contact's resources",
    breaks: ["RFC6121-3.2.2-5", "RFC6121-3.2.3-4", "RFC6121-3.3.3-2"],
  },
  {
    name: "cancellation-always-delivered",
    description: "unsubscribed/unsubscribe are routed and delivered whatever the subscription state",
    breaks: ["RFC6121-3.2.2-2", "RFC6121-3.2.3-6", "RFC6121-3.3.3-5"],
  },
  {
    name: "unsubscribe-keeps-pending",
    description: "an 'unsubscribe' does not withdraw the sender's stored subscription request",
    breaks: ["RFC6121-3.3.3-6"],
  },
  {
    name: "unsubscribe-withdrawal-silent",
    description:
      "an 'unsubscribe' withdrawing the request of a contact not in the roster is not delivered, only removed (§3.3.3's reading)",
    breaks: ["RFC6121-A.3.2-NonePPendingIn"],
    allowed: true,
    reading: "I-6121-unsub-pending",
  },
  {
    name: "withdrawal-delivered-kept",
    description:
      "an 'unsubscribe' withdrawing the request of a contact in the roster (None + Pending Out+In, To + Pending In) is delivered but the request stays pending (neither reading)",
    breaks: ["RFC6121-A.3.2-NonePPendingOutPIn", "RFC6121-A.3.2-ToPPendingIn", "RFC6121-3.3.3-5"],
  },
  {
    name: "deny-keeps-pending",
    description: "denying a request ('unsubscribed') leaves it stored, so it comes back at the next login",
    breaks: ["RFC6121-3.1.3-12"],
  },
  {
    name: "subscribed-in-from-routed",
    description: "a 'subscribed' to a contact already subscribed to the user is routed again",
    breaks: ["RFC6121-3.4.2-2"],
  },
  {
    name: "pre-approval-no-item",
    description: "a pre-approval to a contact not in the roster is neither stored nor pushed",
    breaks: ["RFC6121-3.4.2-6", "RFC6121-3.4.2-4"],
  },
  {
    name: "pre-approval-ignored",
    description: "a pre-approved subscription request is delivered to the user instead of answered",
    breaks: ["RFC6121-3.4.2-8", "RFC6121-3.1.3-8"],
  },
  {
    name: "pre-approval-not-cancelled",
    description: "an 'unsubscribed' after a pre-approval leaves the pre-approval in place",
    breaks: ["RFC6121-3.2.2-3"],
  },
] as const satisfies readonly FaultSpec[];

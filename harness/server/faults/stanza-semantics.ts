// Stanza-layer faults of IQ semantics (RFC 6120 §8.2.3), roster pushes (RFC 6121 §2), the Appendix A
// subscription table and basic presence (§4): each breaks one rule on purpose so the suite can prove it
// notices. `breaks` cites fixtures/rfc/requirements.tsv ids or Appendix A row ids of
// fixtures/rfc/rfc6121-subscription-states.tsv.
import type { FaultSpec } from "./spec.ts";

export const STANZA_SEMANTICS_FAULTS = [
  {
    name: "iq-no-reply",
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
    name: "iq-double-reply",
    description: "answers IQ get/set addressed to the server or to the sender's own account twice",
    breaks: ["RFC6120-8.2.3-4"],
  },
  {
    name: "iq-wrong-id",
    description: "answers IQs addressed to the server or to the sender's own account with another 'id'",
    breaks: ["RFC6120-8.2.3-5", "RFC6120-8.1.3-2"],
  },
  {
    name: "iq-answer-result",
    description: "answers an IQ result sent to the server or to the sender's own account with another result",
    breaks: ["RFC6120-8.2.3-6", "RFC6120-10.3.3-4"],
  },
  {
    name: "error-reply-to-error",
    description:
      "answers error stanzas it should drop (IQ errors to the server, message errors to a bare JID) with an error",
    breaks: ["RFC6120-8.3.1-11", "RFC6120-8.2.3-6"],
  },
  {
    name: "unknown-payload-feature-not-implemented",
    description:
      "answers an IQ whose payload it does not understand with <feature-not-implemented/>, not <service-unavailable/>",
    breaks: ["RFC6120-10.3.3-3", "RFC6120-8.4-12"],
  },
  {
    name: "wrong-error-type",
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
    name: "unknown-payload-ok",
    description:
      "answers an IQ get/set with an unknown payload with an empty result instead of service-unavailable",
    breaks: ["RFC6120-8.4-12", "RFC6120-10.3.3-3", "RFC6121-8.5.2.1.3-2"],
  },
  {
    // RFC 6120 §8.2.3 rule 5 binds the request's sender; the receiver MUST only reply (rule 2)
    name: "iq-payload-count-unchecked",
    description: "answers an IQ get/set with no or several children with an empty result (allowed)",
    breaks: ["RFC6120-8.2.3-7"],
    allowed: true,
  },
  {
    name: "leak-message",
    description: "also delivers every message to a session of another, uninvolved local account",
    breaks: ["RFC6120-13.10.2-1", "RFC6121-11-2"],
  },
  {
    name: "no-roster-push",
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
    name: "roster-push-missing-interested",
    description: "pushes a roster change only to the resource that caused it (to none for inbound changes)",
    breaks: ["RFC6121-2.2-2", "RFC6121-2.3.2-3"],
  },
  {
    name: "sub-out-subscribe-wrong",
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
    name: "sub-out-unsubscribe-wrong",
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
    name: "sub-out-subscribed-wrong",
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
    name: "sub-out-unsubscribed-wrong",
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
    name: "sub-in-subscribe-wrong",
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
    name: "sub-in-unsubscribe-wrong",
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
    name: "sub-in-subscribed-wrong",
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
    name: "sub-in-unsubscribed-wrong",
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
    name: "sub-full-jid-from",
    description: "routes subscription stanzas from the sender's full JID instead of stamping the bare JID",
    breaks: ["RFC6121-3.1.2-7", "RFC6121-3.3.2-4", "RFC6121-3.1.5-1", "RFC6121-3.2.2-6"],
  },
  {
    name: "no-initial-broadcast",
    description:
      "initial presence is broadcast neither to subscribed contacts nor to the user's own resources",
    breaks: ["RFC6121-4.2.2-1", "RFC6121-4.2.2-2", "RFC6120-10.3.2-1"],
  },
  {
    name: "no-probe-answer",
    description: "never answers presence probes, so a new presence session learns nothing about its contacts",
    breaks: ["RFC6121-4.3.2-1", "RFC6121-4.3.2-9", "RFC6121-4.2.2-3"],
  },
  {
    name: "probe-leak",
    description: "answers presence probes from entities without a subscription with the user's presence",
    breaks: ["RFC6121-11-1", "RFC6121-4.3.2-2"],
  },
  {
    name: "no-unavailable-on-close",
    description: "a session that ends without sending unavailable presence is not announced as unavailable",
    breaks: ["RFC6121-4.5.2-2", "RFC6121-4.5.2-6"],
  },
  {
    name: "directed-no-unavailable",
    description:
      "entities that got directed presence get no unavailable presence when the resource goes offline",
    breaks: ["RFC6121-4.6.3-3"],
  },
] as const satisfies readonly FaultSpec[];

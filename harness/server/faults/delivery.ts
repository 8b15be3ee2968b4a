// Faults of RFC 6121 §4 (presence) and §8.5 (local delivery): each breaks one delivery rule on purpose so
// the delivery matrix and the presence cases can prove they notice. The stanza layer applies them
// through its stanza/fault-hooks-*.ts.
import type { FaultSpec } from "./spec.ts";

export const DELIVERY_FAULTS = [
  {
    name: "unknown-account-message-wrong-error",
    description: "bounces every non-error message to an account that does not exist with <item-not-found/>",
    breaks: ["RFC6121-8.5.1-2"],
  },
  {
    name: "unmatched-message-wrong-error",
    description:
      "bounces normal, groupchat and headline messages to a full JID with no matching resource with <item-not-found/>",
    breaks: ["RFC6121-8.5.3.2.1-1"],
  },
  {
    name: "unmatched-chat-misrouted",
    description:
      "a chat message to a full JID with no matching resource goes only to negative-priority or non-available resources, never stored",
    breaks: ["RFC6121-8.5.3.2.1-2", "RFC6121-8.5.3.2.1-3", "RFC6121-8.5.3.2.1-4", "RFC6121-8.5.3.2.1-5"],
  },
  {
    name: "bare-message-dropped",
    description:
      "silently drops normal and chat messages to a bare JID that has non-negative available resources",
    breaks: [
      "RFC6121-8.5.2.1.1-2",
      "RFC6121-8.5.2.1.1-3",
      "RFC6121-8.5.2.1.1-5",
      "RFC6121-8.5.2.1.1-6",
      "RFC6121-5.2.2-4",
    ],
  },
  {
    name: "chat-delivered-as-normal",
    description: "delivers a routed message of type 'chat' as type 'normal'",
    breaks: ["RFC6121-8.5.3.1-3", "RFC6121-8.5.2.1.1-2"],
  },
  {
    name: "message-id-replaced",
    description: "delivers a routed message that carries an 'id' with an 'id' of its own",
    breaks: ["RFC6121-8.5.3.1-3", "RFC6121-8.5.2.1.1-2"],
  },
  {
    name: "groupchat-offline-stored",
    description: "stores a groupchat message to an account with no available resource instead of an error",
    breaks: ["RFC6121-8.5.2.2.1-2"],
  },
  {
    name: "bare-headline-dropped",
    description: "silently drops headline messages to a bare JID with non-negative available resources",
    breaks: ["RFC6121-8.5.2.1.1-9", "RFC6121-8.5.2.1.1-10"],
  },
  {
    name: "offline-presence-stored",
    description:
      "stores available/unavailable presence to an account with no available resource and delivers it later",
    breaks: ["RFC6121-8.5.2.2.2-1"],
  },
  {
    name: "full-jid-presence-dropped",
    description: "drops available/unavailable presence addressed to a matching full JID",
    breaks: ["RFC6121-8.5.3.1-4"],
  },
  {
    name: "unmatched-presence-bounced",
    description:
      "answers presence (available, unavailable, subscribed, unsubscribe, unsubscribed) to an unmatched full JID with an error",
    breaks: ["RFC6121-8.5.3.2.2-1", "RFC6121-8.5.3.2.2-3"],
  },
  {
    name: "subscribe-not-delivered",
    description: "drops an inbound subscription request addressed to an account with available resources",
    breaks: ["RFC6121-3.1.3-9", "RFC6121-8.5.2.1.2-2", "RFC6121-8.5.3.1-5", "RFC6121-8.5.3.2.2-2"],
  },
  {
    name: "unsolicited-subscription-delivered",
    description:
      "routes and delivers subscribed/unsubscribe/unsubscribed between entities with no subscription (state None), bouncing them for an account that does not exist",
    breaks: [
      "RFC6121-A.3.2-None",
      "RFC6121-A.3.3-None",
      "RFC6121-A.3.4-None",
      "RFC6121-8.5.3.2.2-3",
      "RFC6121-8.5.1-4",
    ],
  },
  {
    name: "probe-bounced",
    description: "answers a client's presence probe to a local JID with a <service-unavailable/> error",
    breaks: [
      "RFC6121-4.3-3",
      "RFC6121-8.5.1-5",
      "RFC6121-8.5.2.1.2-3",
      "RFC6121-8.5.2.2.2-3",
      "RFC6121-8.5.3.1-6",
      "RFC6121-8.5.3.2.2-4",
    ],
  },
  {
    name: "probe-delivered-to-client",
    description: "hands presence probes to the addressed account's connected resources",
    breaks: ["RFC6121-8.5.2.1.2-3", "RFC6121-8.5.3.1-6", "RFC6121-8.5.3.2.2-4"],
  },
  {
    name: "offline-iq-result",
    description:
      "answers IQ get/set to the bare JID of an account without available resources with an empty result",
    breaks: ["RFC6121-8.5.2.2.3-1", "RFC6121-8.5.2.2.3-2"],
  },
  {
    name: "full-jid-iq-unchecked",
    description: "delivers IQ get/set to a full JID whose user does not share presence with the requester",
    breaks: ["RFC6121-8.5.3.1-1"],
  },
  {
    name: "unmatched-iq-wrong-error",
    description: "answers IQ get/set to a full JID with no matching resource with <recipient-unavailable/>",
    breaks: ["RFC6121-8.5.3.2.3-1"],
  },
  {
    name: "user-iq-response-answered",
    description:
      "answers an IQ result or error addressed to a user's bare, unmatched or unknown JID with <item-not-found/>",
    breaks: ["RFC6120-8.2.3-6", "RFC6120-8.3.1-11"],
  },
  {
    name: "bare-iq-response-delivered",
    description: "hands IQ results and errors addressed to a bare JID to every connected resource",
    breaks: ["RFC6121-8.5.2.1.3-1"],
  },
  {
    name: "full-jid-iq-response-dropped",
    description: "drops IQ results and errors addressed to a matching full JID",
    breaks: ["RFC6121-8.5.3.1-2"],
  },
] as const satisfies readonly FaultSpec[];

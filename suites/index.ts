// Every suite section, in report order.
import type { Section } from "../harness/runner/case.ts";
import streams from "./rfc6120/04-streams.ts";
import streamErrors from "./rfc6120/04-streams-errors.ts";
import starttls from "./rfc6120/05-starttls.ts";
import sasl from "./rfc6120/06-sasl.ts";
import saslFailures from "./rfc6120/06-sasl-failures.ts";
import binding from "./rfc6120/07-binding.ts";
import bindingErrors from "./rfc6120/07-binding-errors.ts";
import stanzas from "./rfc6120/08-stanzas.ts";
import roster from "./rfc6121/02-roster.ts";
import subscriptions from "./rfc6121/03-subscriptions.ts";
import presence from "./rfc6121/04-presence.ts";
import messages from "./rfc6121/05-messages.ts";
import delivery from "./rfc6121/08-delivery.ts";
import subscriptionStates from "./rfc6121/A-subscription-states.ts";
import websocket from "./rfc7395/websocket.ts";

export const ALL_SECTIONS: Section[] = [
  streams,
  streamErrors,
  starttls,
  sasl,
  saslFailures,
  binding,
  bindingErrors,
  stanzas,
  roster,
  subscriptions,
  presence,
  messages,
  delivery,
  subscriptionStates,
  websocket,
];

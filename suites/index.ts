// Every suite section, in report order.
import type { Section } from "../harness/runner/case.ts";
import streams from "./rfc6120/04-streams.ts";
import starttls from "./rfc6120/05-starttls.ts";
import sasl from "./rfc6120/06-sasl.ts";
import binding from "./rfc6120/07-binding.ts";
import stanzas from "./rfc6120/08-stanzas.ts";
import roster from "./rfc6121/02-roster.ts";
import subscriptions from "./rfc6121/03-subscriptions.ts";
import delivery from "./rfc6121/08-delivery.ts";

export const ALL_SECTIONS: Section[] = [
  streams,
  starttls,
  sasl,
  binding,
  stanzas,
  roster,
  subscriptions,
  delivery,
];

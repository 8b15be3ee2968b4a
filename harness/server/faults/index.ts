// Every named fault of the reference server, and FaultName: the one typed list of their names, so a
// misspelt fault is a compile error wherever the server asks whether one is on.
import { ADDRESS_FAULTS } from "./address.ts";
import { COMPONENT_FAULTS } from "./component.ts";
import { CONNECTION_FAULTS } from "./connection.ts";
import { DELIVERY_FAULTS } from "./delivery.ts";
import { DIRECT_TLS_FAULTS } from "./direct-tls.ts";
import { FUZZ_FAULTS } from "./fuzz.ts";
import { PRESENCE_FAULTS } from "./presence.ts";
import { ROSTER_FAULTS } from "./roster.ts";
import { S2S_FAULTS } from "./s2s.ts";
import { S2S_AUTH_FAULTS } from "./s2s-auth.ts";
import { S2S_DIRECT_TLS_FAULTS } from "./s2s-direct-tls.ts";
import { S2S_IM_FAULTS } from "./s2s-im.ts";
import { S2S_RESOLVE_FAULTS } from "./s2s-resolve.ts";
import { S2S_ROUTING_FAULTS } from "./s2s-routing.ts";
import { S2S_STREAM_FAULTS } from "./s2s-streams.ts";
import { S2S_TLS_FAULTS } from "./s2s-tls.ts";
import type { FaultSpec } from "./spec.ts";
import { STANZA_ADDRESSING_FAULTS } from "./stanza-addressing.ts";
import { STANZA_SEMANTICS_FAULTS } from "./stanza-semantics.ts";
import { XEP0030_FAULTS } from "./xep0030.ts";
import { XEP0054_FAULTS } from "./xep0054.ts";
import { XEP0077_FAULTS } from "./xep0077.ts";
import { XEP0115_FAULTS } from "./xep0115.ts";
import { XEP0163_FAULTS } from "./xep0163.ts";
import { XEP0191_FAULTS } from "./xep0191.ts";
import { XEP0198_FAULTS } from "./xep0198.ts";
import { XEP0198_SASL2_FAULTS } from "./xep0198-sasl2.ts";
import { XEP0199_FAULTS } from "./xep0199.ts";
import { XEP0280_FAULTS } from "./xep0280.ts";
import { MAM_FAULTS } from "./xep0313.ts";
import { XEP0352_FAULTS } from "./xep0352.ts";

export type { FaultSpec } from "./spec.ts";

/** The stanza layer's first faults, in the order `xmppspec faults` lists them. */
export const STANZA_FAULTS = [...STANZA_SEMANTICS_FAULTS, ...STANZA_ADDRESSING_FAULTS] as const;

const ALL = [
  ...CONNECTION_FAULTS,
  ...STANZA_FAULTS,
  ...ROSTER_FAULTS,
  ...ADDRESS_FAULTS,
  ...DELIVERY_FAULTS,
  ...PRESENCE_FAULTS,
  ...S2S_FAULTS,
  ...S2S_TLS_FAULTS,
  ...S2S_STREAM_FAULTS,
  ...S2S_ROUTING_FAULTS,
  ...S2S_RESOLVE_FAULTS,
  ...S2S_DIRECT_TLS_FAULTS,
  ...S2S_AUTH_FAULTS,
  ...S2S_IM_FAULTS,
  ...COMPONENT_FAULTS,
  ...DIRECT_TLS_FAULTS,
  ...FUZZ_FAULTS,
  ...XEP0191_FAULTS,
  ...XEP0280_FAULTS,
  ...XEP0352_FAULTS,
  ...XEP0077_FAULTS,
  ...XEP0199_FAULTS,
  ...XEP0030_FAULTS,
  ...XEP0115_FAULTS,
  ...XEP0054_FAULTS,
  ...XEP0163_FAULTS,
  ...XEP0198_FAULTS,
  ...XEP0198_SASL2_FAULTS,
  ...MAM_FAULTS,
] as const;

/** The name of a fault of the reference server. */
export type FaultName = (typeof ALL)[number]["name"];
/** Is this fault on? (The one way the server asks; hooks and send filters take it.) */
export type FaultCheck = (name: FaultName) => boolean;

export function allFaults(): FaultSpec[] {
  return [...ALL];
}

export function faultNamed(name: string): FaultSpec | undefined {
  return ALL.find((f) => f.name === name);
}

export function isFaultName(name: string): name is FaultName {
  return faultNamed(name) !== undefined;
}

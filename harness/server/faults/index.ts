// Every named fault of the reference server, and FaultName: the one typed list of their names, so a
// misspelt fault is a compile error wherever the server asks whether one is on.
import { ADDRESS_FAULTS } from "./address.ts";
import { CONNECTION_FAULTS } from "./connection.ts";
import { DELIVERY_FAULTS } from "./delivery.ts";
import { FUZZ_FAULTS } from "./fuzz.ts";
import { PRESENCE_FAULTS } from "./presence.ts";
import { ROSTER_FAULTS } from "./roster.ts";
import { S2S_FAULTS } from "./s2s.ts";
import { S2S_AUTH_FAULTS } from "./s2s-auth.ts";
import { S2S_IM_FAULTS } from "./s2s-im.ts";
import { S2S_RESOLVE_FAULTS } from "./s2s-resolve.ts";
import { S2S_ROUTING_FAULTS } from "./s2s-routing.ts";
import { S2S_STREAM_FAULTS } from "./s2s-streams.ts";
import { S2S_TLS_FAULTS } from "./s2s-tls.ts";
import type { FaultSpec } from "./spec.ts";
import { STANZA_ADDRESSING_FAULTS } from "./stanza-addressing.ts";
import { STANZA_SEMANTICS_FAULTS } from "./stanza-semantics.ts";
import { MAM_FAULTS } from "./xep0313.ts";

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
  ...S2S_AUTH_FAULTS,
  ...S2S_IM_FAULTS,
  ...FUZZ_FAULTS,
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

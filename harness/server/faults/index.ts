// Every named fault of the reference server.
import { ADDRESS_FAULTS } from "../faults-address.ts";
import { FUZZ_FAULTS } from "../faults-fuzz.ts";
import { DELIVERY_FAULTS } from "../stanza/faults-delivery.ts";
import { PRESENCE_FAULTS } from "../stanza/faults-presence.ts";
import { ROSTER_FAULTS } from "../stanza/faults-roster.ts";
import { STANZA_FAULTS } from "../stanza/index.ts";
import type { FaultSpec } from "../types.ts";
import { CONNECTION_FAULTS } from "./connection.ts";

export function allFaults(): FaultSpec[] {
  return [
    ...CONNECTION_FAULTS,
    ...STANZA_FAULTS,
    ...ROSTER_FAULTS,
    ...ADDRESS_FAULTS,
    ...DELIVERY_FAULTS,
    ...PRESENCE_FAULTS,
    ...FUZZ_FAULTS,
  ];
}

export function faultNamed(name: string): FaultSpec | undefined {
  return allFaults().find((f) => f.name === name);
}

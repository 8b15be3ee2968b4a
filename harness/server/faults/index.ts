// Every named fault of the reference server.
import { STANZA_FAULTS } from "../stanza/index.ts";
import type { FaultSpec } from "../types.ts";
import { CONNECTION_FAULTS } from "./connection.ts";

export function allFaults(): FaultSpec[] {
  return [...CONNECTION_FAULTS, ...STANZA_FAULTS];
}

export function faultNamed(name: string): FaultSpec | undefined {
  return allFaults().find((f) => f.name === name);
}

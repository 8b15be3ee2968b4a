// What the SASL tests share: the SCRAM mechanisms, bytes from text, an account lookup, a client driven against
// a server to the end, and readers of a server step.
import { expect } from "chai";
import type { SaslClient, SaslServer, ServerStep, StoredCredentials } from "../../harness/sasl/index.ts";

export const SCRAMS = ["SCRAM-SHA-1", "SCRAM-SHA-256"] as const;
export const b = (s: string) => Buffer.from(s, "utf8");
export const accounts = (map: Record<string, string>) => (u: string) =>
  u in map ? ({ password: map[u] } as StoredCredentials) : undefined;

/** Drives a client against a server until the server succeeds or fails; returns the last server step. */
export function exchange(client: SaslClient, server: SaslServer): ServerStep {
  let step = server.start(client.initial());
  for (let i = 0; i < 5 && step.kind === "challenge"; i++) step = server.respond(client.challenge(step.data));
  if (step.kind === "success") client.success(step.data);
  return step;
}

export function expectFailure(step: ServerStep, condition: string): void {
  expect(step.kind, JSON.stringify(step)).to.equal("failure");
  if (step.kind === "failure") expect(step.condition).to.equal(condition);
}

export function expectChallenge(step: ServerStep): Buffer {
  expect(step.kind, JSON.stringify(step)).to.equal("challenge");
  return step.kind === "challenge" ? step.data : Buffer.alloc(0);
}

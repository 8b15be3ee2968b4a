// The 'from' a client may set on its own stanzas, by role. RFC 6120 §8.1.2.1: the server MUST add
// or override it with the sender's full JID (bare for subscription presence); §4.9.3.9: a 'from'
// that is not the stream's own address may instead end the stream with <invalid-from/>.
import fc from "fast-check";
import type { Parties } from "../rig.ts";

export const FROM_ROLES = [
  "none",
  "self-full",
  "self-bare",
  // a spoofed full JID: the sender's own bare JID with a resource it never bound
  "self-other-resource",
  // another account's JIDs (the bystander's, so a server that believes them leaks to her)
  "eve-bare",
  "eve-full",
  // the server itself, and a foreign domain
  "domain",
  "foreign",
] as const;
export type FromRole = (typeof FROM_ROLES)[number];

/** A domain no test server hosts (RFC 2606 reserves .invalid). */
export const FOREIGN_DOMAIN = "foreign.invalid";

export function fromRoleArb(): fc.Arbitrary<FromRole> {
  // most cases set no 'from', as clients do; the rest spread over every role
  return fc.oneof(
    { weight: 3, arbitrary: fc.constant<FromRole>("none") },
    { weight: 2, arbitrary: fc.constantFrom(...FROM_ROLES) },
  );
}

/** The 'from' attribute for a role (undefined: none), from the real JIDs of this run's parties. */
export function claimedFrom(role: FromRole | undefined, p: Parties, domain: string): string | undefined {
  const self = p.alice.jid;
  const eve = p.eve.jid;
  if (!self || !eve) return undefined;
  switch (role ?? "none") {
    case "none":
      return undefined;
    case "self-full":
      return self.toString();
    case "self-bare":
      return self.bare().toString();
    case "self-other-resource":
      return `${self.bare()}/fuzz-spoof`;
    case "eve-bare":
      return eve.bare().toString();
    case "eve-full":
      return eve.toString();
    case "domain":
      return domain;
    case "foreign":
      return `someone@${FOREIGN_DOMAIN}/r`;
  }
}

/** A 'from' that is not the stream's own address: only stamping over it or <invalid-from/> is allowed. */
export const isSpoofed = (role: FromRole | undefined) =>
  role !== undefined && role !== "none" && role !== "self-full" && role !== "self-bare";

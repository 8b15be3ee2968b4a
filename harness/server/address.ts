// How the reference server reads an address a client sent: RFC 7622 preparation through harness/jid.ts.
// The address faults' deliberate mistakes are hooks (./fault-hooks-address.ts), asked first.
import { type Jid, prepareResource, tryParseJid } from "../jid.ts";
import {
  type AddressHost,
  accountAsTyped,
  jidWithFaults,
  resourceWithFaults,
  unknownAsTyped,
} from "./fault-hooks-address.ts";

export { type AddressHost, boundJid } from "./fault-hooks-address.ts";

/** The client-sent address `raw` as the server prepares it, or null when it is not a JID (jid-malformed). */
export function serverJid(host: AddressHost, raw: string): Jid | null {
  const bent = jidWithFaults(host, raw);
  return bent !== undefined ? bent : tryParseJid(raw);
}

/** Is this account named by a localpart other than the prepared one the account store holds? */
export function unknownAsSent(host: AddressHost, account: Jid): boolean {
  return unknownAsTyped(host, account);
}

/** The account a SASL success names (`user@domain`), prepared. */
export function accountJid(host: AddressHost, bare: string): Jid | null {
  const bent = accountAsTyped(host, bare);
  return bent !== undefined ? bent : tryParseJid(bare);
}

/** A requested resourcepart (the bind <resource/> slot) as the server enforces it; throws JidError. */
export function serverResource(host: AddressHost, raw: string): string {
  return resourceWithFaults(host, raw) ?? prepareResource(raw);
}

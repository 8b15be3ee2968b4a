// The address level's classes: which attribute carries the address, and for each part (local, domain,
// resource) whether it is there and how it is malformed, read off the address as generated ($B is
// bob's localpart, $D the target's domain: RFC 7622 §3).
import type { AddressSpec } from "../levels/address.ts";
import { classOf, type LevelClasses } from "./facets.ts";

/** RFC 7622 §3.3.1: characters the localpart's PRECIS class (and XMPP) forbids. */
const LOCAL_FORBIDDEN = /["&'/:<>@]/;
/** A part longer than 1023 octets is refused (RFC 7622 §3.1). */
const MAX_OCTETS = 1023;

const HOW = [
  "absent",
  "empty",
  "ok",
  "too-long",
  "space",
  "control",
  "symbol",
  "forbidden",
  "uppercase",
  "compat",
  "non-ascii",
] as const;
const DOMAIN_HOW = ["own", "trailing-dot", "ip", "bad-label", "port", "foreign"] as const;

/** How a part breaks the rules, most telling first. */
export function partClass(part: string | undefined, local = false): string {
  if (part === undefined) return "absent";
  if (part === "") return "empty";
  if (Buffer.byteLength(part) > MAX_OCTETS) return "too-long";
  if (/[\s\u00A0]/u.test(part)) return "space";
  if (/\p{Cf}|\p{Cc}/u.test(part)) return "control";
  if (/\p{So}/u.test(part)) return "symbol";
  if (local && LOCAL_FORBIDDEN.test(part)) return "forbidden";
  if (part.normalize("NFKC") !== part || part.normalize("NFC") !== part) return "compat";
  if (/[^\x20-\x7e]/.test(part)) return "non-ascii";
  if (/[A-Z]/.test(part.replaceAll("$B", "").replaceAll("$D", ""))) return "uppercase";
  return "ok";
}

export function domainClass(domain: string): string {
  const general = partClass(domain);
  if (general !== "ok") return general;
  if (domain === "$D") return "own";
  if (domain === "$D.") return "trailing-dot";
  if (/^\[|^\d+\.\d+\.\d+\.\d+$/.test(domain)) return "ip";
  if (/:\d+$/.test(domain)) return "port";
  if (/@|\.\.|^-|^xn--$|(^|\.)xn--(\.|$)/.test(domain)) return "bad-label";
  return "foreign";
}

/** The parts as RFC 7622 §3.1 splits them: the resource after the first '/', the local part before an '@' ahead of it. */
export function partsOf(address: string): { local?: string; domain: string; resource?: string } {
  const slash = address.indexOf("/");
  const head = slash < 0 ? address : address.slice(0, slash);
  const resource = slash < 0 ? undefined : address.slice(slash + 1);
  const at = head.indexOf("@");
  return at < 0
    ? { domain: head, resource }
    : { local: head.slice(0, at), domain: head.slice(at + 1), resource };
}

export function addressClass(spec: AddressSpec): string {
  const { local, domain, resource } = partsOf(spec.address);
  return classOf([
    ["field", spec.field ?? "to"],
    ["local", partClass(local, true)],
    ["domain", domainClass(domain)],
    ["resource", partClass(resource)],
  ]);
}

export const addressClasses: LevelClasses<AddressSpec[]> = {
  facets: {
    field: ["to", "from"],
    local: HOW,
    // the values the generator's parts can take (a domain has no spaces, a resource no uppercase; a
    // resource is non-ASCII when a localpart's '/' puts a domain such as 'ÄÖ.invalid' after it)
    domain: ["empty", "too-long", "non-ascii", ...DOMAIN_HOW],
    resource: ["absent", "empty", "ok", "too-long", "space", "control", "symbol", "compat", "non-ascii"],
  },
  of: (batch) => batch.map(addressClass),
};

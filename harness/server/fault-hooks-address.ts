// What the address faults (./faults/address.ts) make of an address a client sent: each deliberate mistake
// of preparing, enforcing or comparing JIDs is made here, in one place, so ./address.ts (RFC 7622
// preparation through harness/jid.ts) and the server's routing, roster and binding code stay fault-free.
// Each hook answers undefined when no address fault is on.
import { isIPv4 } from "node:net";
import {
  Jid,
  JidError,
  type JidPart,
  prepareDomain,
  prepareLocalpart,
  prepareResource,
  tryParseJid,
} from "../jid.ts";
import { ADDRESS_FAULTS } from "./faults/address.ts";
import type { FaultCheck } from "./faults/index.ts";

/** What address preparation needs from the server: its faults and, for some faults, its domains and sessions. */
export interface AddressHost {
  fault: FaultCheck;
  readonly domains?: ReadonlySet<string>;
  sessionsOf?(bareJid: string): { jid: Jid }[];
}

type Prep = (s: string) => string;

const MAX = 1023;
const EXCLUDED = /["&'/:<>@]/g;
const ANY_FAULT = ADDRESS_FAULTS.map((spec) => spec.name);

/** The client-sent address `raw` as the faults prepare it, or null when they find it is not a JID. */
export function jidWithFaults(host: AddressHost, raw: string): Jid | null | undefined {
  if (!ANY_FAULT.some((n) => host.fault(n))) return undefined;
  try {
    return parseWithFaults(host, raw);
  } catch (err) {
    if (err instanceof JidError) return null;
    throw err;
  }
}

/**
 * Under the localpart-unmapped fault, an account named by a localpart not in its prepared form is unknown (the
 * account store holds prepared localparts, and the fault compares the string as sent).
 */
export function unknownAsTyped(host: AddressHost, account: Jid): boolean {
  if (!host.fault("address-localpart-unmapped") || account.local === "") return false;
  try {
    return prepareLocalpart(account.local) !== account.local;
  } catch {
    return true;
  }
}

/** address-bound-localpart-as-typed: the account a SASL success names, its localpart as typed. */
export function accountAsTyped(host: AddressHost, bare: string): Jid | null | undefined {
  const at = bare.indexOf("@");
  if (!host.fault("address-bound-localpart-as-typed") || at < 0) return undefined;
  const prepared = tryParseJid(bare);
  return prepared && looseJid(bare.slice(0, at), prepared.domain, "");
}

/** The full JID a bind gives: the account with a resourcepart serverResource() has already enforced. */
export function boundJid(account: Jid, resource: string): Jid {
  return looseJid(account.local, account.domain, resource);
}

/** A requested resourcepart as the faults enforce it; throws JidError. */
export function resourceWithFaults(host: AddressHost, raw: string): string | undefined {
  const fault: FaultCheck = (n) => host.fault(n);
  return ANY_FAULT.some(fault) ? limited(fault, "resourcepart", raw, resourcePrep(fault)) : undefined;
}

function parseWithFaults(host: AddressHost, raw: string): Jid {
  const fault: FaultCheck = (n) => host.fault(n);
  // The fault maps fullwidth forms (a fullwidth '@' or '/' among them) before looking for separators.
  const s = fault("address-mapped-before-split")
    ? raw.replace(/[\uff01-\uff5e]/g, (c) => c.normalize("NFKC"))
    : raw;
  let local: string | undefined;
  let rest = s;
  const lastAt = s.lastIndexOf("@");
  if (fault("address-split-at-last-at") && lastAt >= 0) {
    local = s.slice(0, lastAt);
    rest = s.slice(lastAt + 1);
  }
  const slash = rest.indexOf("/");
  let domain = slash < 0 ? rest : rest.slice(0, slash);
  let resource = slash < 0 ? undefined : rest.slice(slash + 1);
  if (local === undefined) {
    const at = domain.indexOf("@");
    if (at >= 0) [local, domain] = [domain.slice(0, at), domain.slice(at + 1)];
  }
  if (fault("address-empty-parts-accepted")) {
    if (local === "") local = undefined;
    if (resource === "") resource = undefined;
    if (domain === "") domain = [...(host.domains ?? [])][0] ?? "";
  }
  if (local === "" || resource === "" || domain === "") throw new JidError("jid", "empty part");
  const jid = looseJid(
    local === undefined ? "" : limited(fault, "localpart", local, localPrep(fault)),
    domainPrep(fault)(domain),
    resource === undefined ? "" : limited(fault, "resourcepart", resource, resourcePrep(fault)),
  );
  if (!fault("address-resource-compared-caseless") || jid.resource === "") return jid;
  // The fault: a bound resource equal but for case is taken as the one addressed.
  const folded = jid.resource.toLowerCase();
  const bound = host.sessionsOf?.(jid.bare().toString()).find((s) => s.jid.resource.toLowerCase() === folded);
  return bound ? looseJid(jid.local, jid.domain, bound.jid.resource) : jid;
}

/** A Jid from parts prepared here (the Jid constructor would prepare them again, undoing the fault). */
function looseJid(local: string, domain: string, resource: string): Jid {
  return Object.assign(Object.create(Jid.prototype) as Jid, { local, domain, resource });
}

/** Applies `prep` with the length rule as the length faults bend it. */
function limited(fault: FaultCheck, part: JidPart, s: string, prep: Prep): string {
  const unlimited =
    fault("address-length-unchecked") || (fault("address-length-counts-characters") && [...s].length <= MAX);
  const out = unlimited ? chunked(prep, s) : prep(s);
  if (fault("address-length-off-by-one") && Buffer.byteLength(out) >= MAX)
    throw new JidError(part, "over 1022 octets");
  return out;
}

/** Prepares a string piece by piece, so no piece reaches the length limit. */
function chunked(prep: Prep, s: string): string {
  const cps = [...s];
  let out = "";
  for (let i = 0; i < cps.length; i += 200) out += prep(cps.slice(i, i + 200).join(""));
  return out;
}

function localPrep(fault: FaultCheck): Prep {
  return (s) => {
    // as RFC 3920's nodeprep did: case folding and NFKC, no PRECIS class check
    if (fault("address-precis-unchecked") && !/["&'/:<>@]/.test(s)) return s.toLowerCase().normalize("NFKC");
    if (fault("address-excluded-chars-accepted") && /["&'/:<>@]/.test(s)) {
      prepareLocalpart(s.replace(EXCLUDED, "x")); // everything else must still be right
      return s.toLowerCase();
    }
    const out = prepareLocalpart(s);
    return fault("address-localpart-unmapped") ? s : out;
  };
}

function domainPrep(fault: FaultCheck): Prep {
  return (s) => {
    if (fault("address-ip-literal-refused") && (isIPv4(s.replace(/\.$/, "")) || s.startsWith("["))) {
      throw new JidError("domainpart", "IP literal refused");
    }
    let out: string;
    try {
      out =
        fault("address-length-unchecked") && s.length > 253
          ? s.split(".").map(prepareDomain).join(".")
          : prepareDomain(s);
    } catch (err) {
      if (fault("address-domain-unchecked") && err instanceof JidError) return s.toLowerCase();
      throw err;
    }
    if (fault("address-trailing-dot-kept") && s.endsWith(".")) return `${out}.`;
    return fault("address-domain-unmapped") ? s : out;
  };
}

function resourcePrep(fault: FaultCheck): Prep {
  return (s) => {
    if (fault("address-precis-unchecked")) return s;
    // The fault holds resourceparts to the localpart's class (without its case mapping).
    if (fault("address-resource-identifier-class")) prepareLocalpart(s);
    const out = prepareResource(s);
    if (fault("address-resource-case-folded")) return out.toLowerCase();
    return fault("address-resource-unmapped") ? s : out;
  };
}

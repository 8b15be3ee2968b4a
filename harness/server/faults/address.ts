// Deliberate RFC 7622 violations of the reference server's address handling: each breaks one rule of
// preparing, enforcing or comparing JIDs, so the rfc7622 suite can prove it notices. The server applies them
// through ../fault-hooks-address.ts wherever it reads an address a client sent ('to', roster 'jid', bind <resource/>).
import type { FaultSpec } from "./spec.ts";

const LENGTHS = ["RFC7622-3.3-1", "RFC7622-3.4-2", "RFC7622-8-3", "RFC7622-8-5"];

export const ADDRESS_FAULTS = [
  {
    name: "address-localpart-unmapped",
    description: "uses localparts as sent: no case mapping, width mapping or NFC (ALICE@ is not alice@)",
    breaks: ["RFC7622-3.3-2", "RFC7622-8-4", "RFC7622-5-1"],
  },
  {
    name: "address-bound-localpart-as-typed",
    description: "binds the client's JID with the localpart as typed in SASL (XSUSER@…, not xsuser@…)",
    breaks: ["RFC7622-3.3-2", "RFC7622-8-4"],
  },
  {
    name: "address-domain-unmapped",
    description: "uses domainparts as sent: no case or width mapping (bob@LOCALHOST is a remote domain)",
    breaks: ["RFC7622-3.2.2-1", "RFC7622-3.2.3-1", "RFC7622-8-2"],
  },
  {
    name: "address-trailing-dot-kept",
    description: "keeps a domainpart's trailing dot, so bob@localhost. names another domain",
    breaks: ["RFC7622-3.2-3", "RFC7622-3.2-4"],
  },
  {
    name: "address-domain-unchecked",
    description:
      "does not enforce domainparts: bad labels, over-long labels, invalid A-labels and IP literals are routed as remote domains",
    breaks: [
      "RFC7622-3.2.1-1",
      "RFC7622-3.2.1-2",
      "RFC7622-8-1",
      "RFC7622-8-2",
      "RFC7622-4-1",
      "RFC7622-5-1",
    ],
  },
  {
    name: "address-ip-literal-refused",
    description: "refuses IPv4 and IPv6 domainparts as malformed",
    breaks: ["RFC7622-3.2-2"],
  },
  {
    name: "address-excluded-chars-accepted",
    description: "accepts the characters RFC 7622 §3.3.1 excludes from localparts (\" & ' : < >)",
    breaks: ["RFC7622-3.3-2", "RFC7622-8-4", "RFC7622-4-1"],
  },
  {
    name: "address-precis-unchecked",
    description:
      "does not check localparts and resourceparts against their PRECIS string classes (symbols, spaces, private use, unassigned accepted); localparts get stringprep's NFKC, so compatibility characters map",
    breaks: ["RFC7622-3.3-2", "RFC7622-3.4-3", "RFC7622-8-4", "RFC7622-8-6", "RFC7622-4-1", "RFC7622-5-1"],
  },
  {
    name: "address-empty-parts-accepted",
    description:
      "reads an empty localpart or resourcepart as absent and an empty domainpart as its own domain ('@localhost', 'alice@localhost/', 'alice@')",
    breaks: [...LENGTHS, "RFC7622-3.2-1", "RFC7622-3.2-5", "RFC7622-8-1", "RFC7622-4-1"],
  },
  {
    name: "address-length-unchecked",
    description: "enforces no length limit on address parts (1024 octets and more accepted)",
    breaks: [...LENGTHS, "RFC7622-3.2-5", "RFC7622-8-1", "RFC7622-4-1"],
  },
  {
    name: "address-length-counts-characters",
    description: "counts the 1023 limit of a localpart or resourcepart in characters, not UTF-8 octets",
    breaks: LENGTHS,
  },
  {
    name: "address-length-off-by-one",
    description: "refuses localparts and resourceparts of exactly 1023 octets",
    breaks: LENGTHS,
  },
  {
    name: "address-split-at-last-at",
    description:
      "takes the localpart up to the last '@' of the address, not the first '@' before the first '/'",
    breaks: ["RFC7622-3.2-1", "RFC7622-3.4-1", "RFC7622-3.4-3"],
  },
  {
    name: "address-mapped-before-split",
    description: "width-maps the whole address before splitting it, so a fullwidth '@' becomes a separator",
    breaks: ["RFC7622-3.2.1-1", "RFC7622-4-1"],
  },
  {
    name: "address-resource-case-folded",
    description: "case-folds resourceparts (binding 'Res' gives 'res')",
    breaks: ["RFC7622-3.4-1", "RFC7622-3.4-3", "RFC7622-8-6"],
  },
  {
    name: "address-resource-compared-caseless",
    description: "compares a 'to' resourcepart with bound resources case-insensitively (res reaches Res)",
    breaks: ["RFC7622-3.4-1", "RFC7622-3.4-3"],
  },
  {
    name: "address-resource-unmapped",
    description:
      "uses resourceparts as sent: no NFC, no mapping of non-ASCII spaces (OpaqueString enforcement skipped)",
    breaks: ["RFC7622-3.4-3", "RFC7622-8-6", "RFC7622-5-1"],
  },
  {
    name: "address-resource-identifier-class",
    description:
      "enforces resourceparts with the IdentifierClass (no spaces, symbols or '@'), not the FreeformClass",
    breaks: ["RFC7622-3.4-3", "RFC7622-8-6", "RFC7622-5-1"],
  },
] as const satisfies readonly FaultSpec[];

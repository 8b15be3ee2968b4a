// Deliberate RFC 7622 violations of the reference server's address handling: each breaks one rule of
// preparing, enforcing or comparing JIDs, so the rfc7622 suite can prove it notices. The server applies them
// through ./address.ts wherever it reads an address a client sent ('to', roster 'jid', bind <resource/>).
import type { FaultSpec } from "./types.ts";

/** Fault names, so call sites cannot misspell them. */
export const A = {
  localpartUnmapped: "address-localpart-unmapped",
  boundLocalpartAsTyped: "address-bound-localpart-as-typed",
  domainUnmapped: "address-domain-unmapped",
  trailingDotKept: "address-trailing-dot-kept",
  domainUnchecked: "address-domain-unchecked",
  ipLiteralRefused: "address-ip-literal-refused",
  excludedCharsAccepted: "address-excluded-chars-accepted",
  precisUnchecked: "address-precis-unchecked",
  emptyPartsAccepted: "address-empty-parts-accepted",
  lengthUnchecked: "address-length-unchecked",
  lengthCountsCharacters: "address-length-counts-characters",
  lengthOffByOne: "address-length-off-by-one",
  splitAtLastAt: "address-split-at-last-at",
  mappedBeforeSplit: "address-mapped-before-split",
  resourceCaseFolded: "address-resource-case-folded",
  resourceComparedCaseless: "address-resource-compared-caseless",
  resourceUnmapped: "address-resource-unmapped",
  resourceIdentifierClass: "address-resource-identifier-class",
} as const;

export type AddressFault = (typeof A)[keyof typeof A];

const LENGTHS = ["RFC7622-3.3-1", "RFC7622-3.4-2", "RFC7622-8-3", "RFC7622-8-5"];

export const ADDRESS_FAULTS: FaultSpec[] = [
  {
    name: A.localpartUnmapped,
    description: "uses localparts as sent: no case mapping, width mapping or NFC (ALICE@ is not alice@)",
    breaks: ["RFC7622-3.3-2", "RFC7622-8-4", "RFC7622-5-1"],
  },
  {
    name: A.boundLocalpartAsTyped,
    description: "binds the client's JID with the localpart as typed in SASL (XSUSER@…, not xsuser@…)",
    breaks: ["RFC7622-3.3-2", "RFC7622-8-4"],
  },
  {
    name: A.domainUnmapped,
    description: "uses domainparts as sent: no case or width mapping (bob@LOCALHOST is a remote domain)",
    breaks: ["RFC7622-3.2.2-1", "RFC7622-3.2.3-1", "RFC7622-8-2"],
  },
  {
    name: A.trailingDotKept,
    description: "keeps a domainpart's trailing dot, so bob@localhost. names another domain",
    breaks: ["RFC7622-3.2-3", "RFC7622-3.2-4"],
  },
  {
    name: A.domainUnchecked,
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
    name: A.ipLiteralRefused,
    description: "refuses IPv4 and IPv6 domainparts as malformed",
    breaks: ["RFC7622-3.2-2"],
  },
  {
    name: A.excludedCharsAccepted,
    description: "accepts the characters RFC 7622 §3.3.1 excludes from localparts (\" & ' : < >)",
    breaks: ["RFC7622-3.3-2", "RFC7622-8-4", "RFC7622-4-1"],
  },
  {
    name: A.precisUnchecked,
    description:
      "does not check localparts and resourceparts against their PRECIS string classes (symbols, spaces, private use, unassigned accepted)",
    breaks: ["RFC7622-3.3-2", "RFC7622-3.4-3", "RFC7622-8-4", "RFC7622-8-6", "RFC7622-4-1", "RFC7622-5-1"],
  },
  {
    name: A.emptyPartsAccepted,
    description:
      "reads an empty localpart or resourcepart as absent and an empty domainpart as its own domain ('@localhost', 'alice@localhost/', 'alice@')",
    breaks: [...LENGTHS, "RFC7622-3.2-1", "RFC7622-3.2-5", "RFC7622-8-1", "RFC7622-4-1"],
  },
  {
    name: A.lengthUnchecked,
    description: "enforces no length limit on address parts (1024 octets and more accepted)",
    breaks: [...LENGTHS, "RFC7622-3.2-5", "RFC7622-8-1", "RFC7622-4-1"],
  },
  {
    name: A.lengthCountsCharacters,
    description: "counts the 1023 limit of a localpart or resourcepart in characters, not UTF-8 octets",
    breaks: LENGTHS,
  },
  {
    name: A.lengthOffByOne,
    description: "refuses localparts and resourceparts of exactly 1023 octets",
    breaks: LENGTHS,
  },
  {
    name: A.splitAtLastAt,
    description:
      "takes the localpart up to the last '@' of the address, not the first '@' before the first '/'",
    breaks: ["RFC7622-3.2-1", "RFC7622-3.4-1", "RFC7622-3.4-3"],
  },
  {
    name: A.mappedBeforeSplit,
    description: "width-maps the whole address before splitting it, so a fullwidth '@' becomes a separator",
    breaks: ["RFC7622-3.2.1-1", "RFC7622-4-1"],
  },
  {
    name: A.resourceCaseFolded,
    description: "case-folds resourceparts (binding 'Res' gives 'res')",
    breaks: ["RFC7622-3.4-1", "RFC7622-3.4-3", "RFC7622-8-6"],
  },
  {
    name: A.resourceComparedCaseless,
    description: "compares a 'to' resourcepart with bound resources case-insensitively (res reaches Res)",
    breaks: ["RFC7622-3.4-1", "RFC7622-3.4-3"],
  },
  {
    name: A.resourceUnmapped,
    description:
      "uses resourceparts as sent: no NFC, no mapping of non-ASCII spaces (OpaqueString enforcement skipped)",
    breaks: ["RFC7622-3.4-3", "RFC7622-8-6", "RFC7622-5-1"],
  },
  {
    name: A.resourceIdentifierClass,
    description:
      "enforces resourceparts with the IdentifierClass (no spaces, symbols or '@'), not the FreeformClass",
    breaks: ["RFC7622-3.4-3", "RFC7622-8-6", "RFC7622-5-1"],
  },
];

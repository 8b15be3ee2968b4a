// RFC 7622 XMPP addresses: split a JID into its parts, prepare each part (PRECIS for the localpart and
// resourcepart, IDNA2008-ish for the domainpart) and compare prepared parts octet for octet.
//
// What is approximated, and why (no Unicode data tables beyond what the JS regex engine knows):
// - PRECIS derived properties (RFC 8264 §8) are computed from General_Category, Default_Ignorable_Code_Point
//   and Noncharacter_Code_Point via `\p{..}` regexes, so they follow Node's Unicode version, not the
//   PRECIS tables' Unicode version.
// - Width mapping (RFC 8265 §3.3.1) maps the Halfwidth and Fullwidth Forms block and U+3000 through NFKC;
//   the few other <wide>/<narrow> decompositions outside that block are left alone.
// - Case mapping is Unicode toLowerCase() applied code point by code point, so the context-dependent
//   final-sigma rule never fires (RFC 7622 §3.5 examples 9-11: Σ and σ match, ς stays distinct).
// - Contextual rules (RFC 5892 Appendix A): the virama test for ZWJ/ZWNJ uses a fixed list of viramas
//   (Canonical_Combining_Class=9); the ZWNJ Joining_Type alternative is not implemented (ZWNJ after a
//   non-virama is refused).
// - The Bidi Rule (RFC 5893) is applied to a part or label that holds a right-to-left letter, with
//   Bidi_Class approximated from code point blocks and General_Category.
// - Domainparts: no full IDNA2008. Labels are NR-LDH (a-z, 0-9, hyphen) or U-labels whose code points pass
//   the IdentifierClass-style checks below; A-labels (xn--) are converted to U-labels with node:url and
//   must round-trip. DNS limits apply (63 octets a label, 253 the name, both in A-label form).
// - RFC 7622 §3.5 example 18 (`juliet@example.com/ foo`) is ACCEPTED: the table lists it as a non-JID, but
//   the OpaqueString profile it cites allows U+0020 anywhere, and deployed servers accept it.
import { isIPv6 } from "node:net";
import { domainToASCII, domainToUnicode } from "node:url";

export type JidPart = "localpart" | "domainpart" | "resourcepart" | "jid";

export class JidError extends Error {
  override name = "JidError";
  readonly part: JidPart;
  constructor(part: JidPart, reason: string) {
    super(`${part}: ${reason}`);
    this.part = part;
  }
}

const MAX_PART_OCTETS = 1023;
const MAX_DNS_LABEL = 63;
const MAX_DNS_NAME = 253;

// --- PRECIS derived property (RFC 8264 §8), shared by IdentifierClass and FreeformClass -------------------

/** ID_DIS is DISALLOWED in the IdentifierClass and FREE_PVAL (allowed) in the FreeformClass. */
type Derived = "PVALID" | "CONTEXTJ" | "CONTEXTO" | "ID_DIS" | "DISALLOWED" | "UNASSIGNED";

const EXCEPTIONS = new Map<number, Derived>();
for (const cp of [0xdf, 0x3c2, 0x6fd, 0x6fe, 0xf0b, 0x3007]) EXCEPTIONS.set(cp, "PVALID");
for (const cp of [0xb7, 0x375, 0x5f3, 0x5f4, 0x30fb]) EXCEPTIONS.set(cp, "CONTEXTO");
for (let cp = 0x660; cp <= 0x669; cp++) EXCEPTIONS.set(cp, "CONTEXTO");
for (let cp = 0x6f0; cp <= 0x6f9; cp++) EXCEPTIONS.set(cp, "CONTEXTO");
for (const cp of [0x640, 0x7fa, 0x302e, 0x302f, 0x3031, 0x3032, 0x3033, 0x3034, 0x3035, 0x303b]) {
  EXCEPTIONS.set(cp, "DISALLOWED");
}

const RE_UNASSIGNED = /^\p{Cn}$/u;
const RE_IGNORABLE = /^[\p{Default_Ignorable_Code_Point}\p{Noncharacter_Code_Point}]$/u;
const RE_CONTROL = /^\p{Cc}$/u;
const RE_LETTER_DIGIT = /^[\p{Ll}\p{Lu}\p{Lo}\p{Nd}\p{Lm}\p{Mn}\p{Mc}]$/u;
const RE_OTHER_LETTER_DIGIT = /^[\p{Lt}\p{Nl}\p{No}\p{Me}]$/u;
const RE_SPACE = /^\p{Zs}$/u;
const RE_SYMBOL = /^[\p{Sm}\p{Sc}\p{Sk}\p{So}]$/u;
const RE_PUNCT = /^\p{P}$/u;

function isOldHangulJamo(cp: number): boolean {
  return (cp >= 0x1100 && cp <= 0x11ff) || (cp >= 0xa960 && cp <= 0xa97c) || (cp >= 0xd7b0 && cp <= 0xd7fb);
}

function derivedProperty(cp: number): Derived {
  const exception = EXCEPTIONS.get(cp);
  if (exception) return exception;
  const ch = String.fromCodePoint(cp);
  if (RE_UNASSIGNED.test(ch)) return "UNASSIGNED";
  if (cp >= 0x21 && cp <= 0x7e) return "PVALID";
  if (cp === 0x200c || cp === 0x200d) return "CONTEXTJ";
  if (isOldHangulJamo(cp)) return "DISALLOWED";
  if (RE_IGNORABLE.test(ch)) return "DISALLOWED";
  if (RE_CONTROL.test(ch)) return "DISALLOWED";
  if (ch.normalize("NFKC") !== ch) return "ID_DIS"; // HasCompat
  if (RE_LETTER_DIGIT.test(ch)) return "PVALID";
  if (RE_OTHER_LETTER_DIGIT.test(ch)) return "ID_DIS";
  if (RE_SPACE.test(ch)) return "ID_DIS";
  if (RE_SYMBOL.test(ch)) return "ID_DIS";
  if (RE_PUNCT.test(ch)) return "ID_DIS";
  return "DISALLOWED"; // surrogates, private use, line/paragraph separators, other format characters
}

// Code points with Canonical_Combining_Class=9 (virama), for the ZWJ/ZWNJ rules.
const VIRAMAS = new Set([
  0x94d, 0x9cd, 0xa4d, 0xacd, 0xb4d, 0xbcd, 0xc4d, 0xccd, 0xd3b, 0xd3c, 0xd4d, 0xdca, 0xe3a, 0xeba, 0xf84,
  0x1039, 0x103a, 0x1714, 0x1715, 0x1734, 0x17d2, 0x1a60, 0x1b44, 0x1baa, 0x1bab, 0x1bf2, 0x1bf3, 0x2d7f,
  0xa806, 0xa82c, 0xa8c4, 0xa953, 0xa9c0, 0xaaf6, 0xabed, 0x10a3f, 0x11046, 0x11070, 0x1107f, 0x110b9,
  0x11133, 0x11134, 0x111c0, 0x11235, 0x112ea, 0x1134d, 0x11442, 0x114c2, 0x115bf, 0x1163f, 0x116b6, 0x1172b,
  0x11839, 0x1193d, 0x1193e, 0x119e0, 0x11a34, 0x11a47, 0x11a99, 0x11c3f, 0x11d44, 0x11d45, 0x11d97,
]);
const RE_GREEK = /^\p{Script=Greek}$/u;
const RE_HEBREW = /^\p{Script=Hebrew}$/u;
const RE_KANA_HAN = /^[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}]$/u;

/** RFC 5892 Appendix A contextual rules for CONTEXTJ/CONTEXTO code point cps[i]. */
function contextAllows(cps: number[], i: number): boolean {
  const cp = cps[i];
  const before = i > 0 ? cps[i - 1] : undefined;
  const after = i + 1 < cps.length ? cps[i + 1] : undefined;
  const is = (re: RegExp, c: number | undefined) => c !== undefined && re.test(String.fromCodePoint(c));
  if (cp === 0x200c || cp === 0x200d) return before !== undefined && VIRAMAS.has(before);
  if (cp === 0xb7) return before === 0x6c && after === 0x6c;
  if (cp === 0x375) return is(RE_GREEK, after);
  if (cp === 0x5f3 || cp === 0x5f4) return is(RE_HEBREW, before);
  if (cp === 0x30fb) return cps.some((c) => c !== 0x30fb && is(RE_KANA_HAN, c));
  if (cp >= 0x660 && cp <= 0x669) return !cps.some((c) => c >= 0x6f0 && c <= 0x6f9);
  if (cp >= 0x6f0 && cp <= 0x6f9) return !cps.some((c) => c >= 0x660 && c <= 0x669);
  return false;
}

function hex(cp: number): string {
  return `U+${cp.toString(16).toUpperCase().padStart(4, "0")}`;
}

type StringClass = "identifier" | "freeform" | "u-label";

/** Checks every code point against a PRECIS string class (or the IDNA2008-ish U-label rules). */
function checkClass(cps: number[], cls: StringClass, part: JidPart): void {
  cps.forEach((cp, i) => {
    if (cls === "u-label" && cp < 0x80) {
      if (!/[a-z0-9-]/.test(String.fromCharCode(cp))) throw new JidError(part, `${hex(cp)} not allowed`);
      return;
    }
    const prop = derivedProperty(cp);
    if (prop === "PVALID") return;
    if (prop === "ID_DIS" && cls === "freeform") return;
    if ((prop === "CONTEXTJ" || prop === "CONTEXTO") && contextAllows(cps, i)) return;
    const why = prop === "CONTEXTJ" || prop === "CONTEXTO" ? "not allowed in this context" : "not allowed";
    throw new JidError(part, `${hex(cp)} ${why} (${prop})`);
  });
}

// --- Bidi Rule (RFC 5893 §2), approximated ------------------------------------------------------------------

function inRtlBlock(cp: number): boolean {
  return (
    (cp >= 0x590 && cp <= 0x8ff) ||
    (cp >= 0xfb1d && cp <= 0xfdff) ||
    (cp >= 0xfe70 && cp <= 0xfeff) ||
    (cp >= 0x10800 && cp <= 0x10fff) ||
    (cp >= 0x1e800 && cp <= 0x1efff)
  );
}
const isEN = (cp: number) => (cp >= 0x30 && cp <= 0x39) || (cp >= 0x6f0 && cp <= 0x6f9);
const isAN = (cp: number) => (cp >= 0x660 && cp <= 0x669) || cp === 0x66b || cp === 0x66c;
/** Bidi_Class R or AL (approximation). */
const isRtl = (cp: number) => inRtlBlock(cp) && !isEN(cp) && !isAN(cp) && /^[\p{L}\p{Nd}]$/u.test(chr(cp));
/** Bidi_Class L (approximation). */
const isLtr = (cp: number) => !inRtlBlock(cp) && !isEN(cp) && /^[\p{L}\p{Mc}\p{Nd}]$/u.test(chr(cp));
const isNsm = (cp: number) => /^\p{Mn}$/u.test(chr(cp));
function chr(cp: number): string {
  return String.fromCodePoint(cp);
}

function checkBidi(cps: number[], part: JidPart): void {
  if (!cps.some(isRtl)) return; // the rule only binds strings holding right-to-left characters
  if (!isRtl(cps[0])) throw new JidError(part, "bidi rule: must start with a right-to-left character");
  if (cps.some(isLtr)) throw new JidError(part, "bidi rule: mixes left-to-right and right-to-left");
  let end = cps.length - 1;
  while (end > 0 && isNsm(cps[end])) end--;
  const last = cps[end];
  if (!(isRtl(last) || isEN(last) || isAN(last))) throw new JidError(part, "bidi rule: bad final character");
  if (cps.some(isEN) && cps.some(isAN))
    throw new JidError(part, "bidi rule: mixes European and Arabic digits");
}

// --- Mapping helpers ------------------------------------------------------------------------------------------

function codePoints(s: string): number[] {
  const out: number[] = [];
  for (const ch of s) out.push(ch.codePointAt(0)!);
  return out;
}

function octets(s: string): number {
  return Buffer.byteLength(s, "utf8");
}

function checkLength(s: string, part: JidPart): void {
  if (s.length === 0) throw new JidError(part, "empty");
  if (octets(s) > MAX_PART_OCTETS) throw new JidError(part, `over ${MAX_PART_OCTETS} octets`);
}

function rejectLoneSurrogates(s: string, part: JidPart): void {
  if (/\p{Cs}/u.test(s)) throw new JidError(part, "not well-formed UTF-16 (lone surrogate)");
}

/** Width mapping: fullwidth/halfwidth forms to their <wide>/<narrow> decompositions. */
function widthMap(s: string): string {
  return s.replace(/[\u3000\uff01-\uffef]/g, (c) => c.normalize("NFKC"));
}

/** Unicode toLowerCase per code point (no final-sigma context; see the header). */
function lowerCase(s: string): string {
  let out = "";
  for (const ch of s) out += ch.toLowerCase();
  return out;
}

/** Applies a mapping until it is stable (RFC 8264 §7 idempotence); refuses strings that never settle. */
function stable(s: string, map: (s: string) => string, part: JidPart): string {
  let cur = map(s);
  for (let i = 0; i < 2; i++) {
    const next = map(cur);
    if (next === cur) return cur;
    cur = next;
  }
  throw new JidError(part, "preparation is not stable");
}

// --- Part preparation -----------------------------------------------------------------------------------------

/** Characters RFC 7622 §3.3.1 excludes from localparts on top of the IdentifierClass (space is ID_DIS). */
const LOCAL_EXCLUDED = new Set(['"', "&", "'", "/", ":", "<", ">", "@"]);

/** UsernameCaseMapped (RFC 8265 §3.3) plus the XMPP exclusions; returns the enforced localpart. */
export function prepareLocalpart(s: string): string {
  rejectLoneSurrogates(s, "localpart");
  const out = stable(s, (t) => lowerCase(widthMap(t)).normalize("NFC"), "localpart");
  checkLength(out, "localpart");
  for (const ch of out) {
    if (LOCAL_EXCLUDED.has(ch)) throw new JidError("localpart", `forbidden character '${ch}'`);
  }
  const cps = codePoints(out);
  checkClass(cps, "identifier", "localpart");
  checkBidi(cps, "localpart");
  return out;
}

/** OpaqueString (RFC 8265 §4.2): non-ASCII spaces to U+0020, NFC, FreeformClass; case is preserved. */
export function prepareResource(s: string): string {
  rejectLoneSurrogates(s, "resourcepart");
  const out = stable(s, (t) => t.replace(/(?! )\p{Zs}/gu, " ").normalize("NFC"), "resourcepart");
  checkLength(out, "resourcepart");
  checkClass(codePoints(out), "freeform", "resourcepart");
  return out;
}

const RE_IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;
const RE_LDH = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;
const RE_ZONE = /^[A-Za-z0-9._~-]+$/;

function prepareIpLiteral(s: string): string {
  // RFC 6874 IP-literal: "[" IPv6address [ "%25" ZoneID ] "]"; IPvFuture is not supported.
  if (!s.endsWith("]")) throw new JidError("domainpart", "unterminated IP literal");
  const inner = s.slice(1, -1);
  const zoneAt = inner.indexOf("%25");
  const addr = zoneAt < 0 ? inner : inner.slice(0, zoneAt);
  const zone = zoneAt < 0 ? undefined : inner.slice(zoneAt + 3);
  if (!isIPv6(addr) || (zone !== undefined && !RE_ZONE.test(zone))) {
    throw new JidError("domainpart", "invalid IPv6 literal");
  }
  return `[${addr.toLowerCase()}${zone === undefined ? "" : `%25${zone}`}]`;
}

/** One label, already case- and width-mapped; returns it as a U-label or NR-LDH label. */
function prepareLabel(label: string): string {
  if (label === "") throw new JidError("domainpart", "empty label");
  if (label.startsWith("xn--")) {
    // A-labels are converted to U-labels (RFC 7622 §3.2.1), and must be the canonical encoding of it.
    const u = domainToUnicode(label);
    if (u === "" || u === label || u.includes(".") || domainToASCII(u) !== label) {
      throw new JidError("domainpart", `invalid A-label '${label}'`);
    }
    label = u;
  }
  if (/^[\x00-\x7f]*$/.test(label)) {
    if (!RE_LDH.test(label))
      throw new JidError("domainpart", `label '${label}' is not letters-digits-hyphen`);
    if (label.slice(2, 4) === "--") throw new JidError("domainpart", `label '${label}' has '--' at 3-4`);
    return label;
  }
  if (label.startsWith("-") || label.endsWith("-"))
    throw new JidError("domainpart", "label starts/ends with '-'");
  if (label.slice(2, 4) === "--") throw new JidError("domainpart", "label has '--' at positions 3-4");
  if (/^\p{M}/u.test(label)) throw new JidError("domainpart", "label starts with a combining mark");
  const cps = codePoints(label);
  checkClass(cps, "u-label", "domainpart");
  checkBidi(cps, "domainpart");
  return label;
}

/** Domainpart preparation and enforcement (RFC 7622 §3.2); IP literals are kept (IPv6 lower-cased). */
export function prepareDomain(s: string): string {
  rejectLoneSurrogates(s, "domainpart");
  // The trailing label separator goes before any other canonicalization (RFC 7622 §3.2).
  if (s.endsWith(".")) s = s.slice(0, -1);
  if (s === "") throw new JidError("domainpart", "empty");
  if (s.startsWith("[")) return prepareIpLiteral(s);
  if (RE_IPV4.test(s)) return s;
  // RFC 5895-style mapping: width, case, NFC, then the ideographic full stop to '.'.
  const mapped = stable(
    s,
    (t) =>
      lowerCase(widthMap(t))
        .normalize("NFC")
        .replace(/\u3002/g, "."),
    "domainpart",
  );
  checkLength(mapped, "domainpart");
  const labels = mapped.split(".").map(prepareLabel);
  const out = labels.join(".");
  checkLength(out, "domainpart");
  // RFC 7622 §8 address-domain-length: the DNS limits, counted on the A-label form.
  const ascii = labels.map((l) => (/^[\x00-\x7f]*$/.test(l) ? l : domainToASCII(l)));
  if (ascii.some((a) => a === "")) throw new JidError("domainpart", "label rejected by IDNA processing");
  if (ascii.some((a) => a.length > MAX_DNS_LABEL)) {
    throw new JidError("domainpart", `label over ${MAX_DNS_LABEL} octets`);
  }
  if (ascii.join(".").length > MAX_DNS_NAME)
    throw new JidError("domainpart", `over ${MAX_DNS_NAME} octets (DNS)`);
  return out;
}

// --- The address --------------------------------------------------------------------------------------------

// Set while building a Jid from parts that are already prepared (bare(), withResource(), parseJid()).
let trustedParts = false;

function unchecked(local: string, domain: string, resource: string): Jid {
  trustedParts = true;
  try {
    return new Jid(local, domain, resource);
  } finally {
    trustedParts = false;
  }
}

/** A prepared JID. Absent parts are "". Equal JIDs have identical parts (RFC 7622 §3.2.3 bit-string identity). */
export class Jid {
  readonly local: string;
  readonly domain: string;
  readonly resource: string;

  /** Prepares and enforces every non-empty part; throws JidError. */
  constructor(local: string, domain: string, resource = "") {
    if (trustedParts) {
      this.local = local;
      this.domain = domain;
      this.resource = resource;
      return;
    }
    this.local = local === "" ? "" : prepareLocalpart(local);
    this.domain = prepareDomain(domain);
    this.resource = resource === "" ? "" : prepareResource(resource);
  }

  bare(): Jid {
    return this.resource === "" ? this : unchecked(this.local, this.domain, "");
  }

  /** The same bare JID with another resourcepart (prepared here). */
  withResource(resource: string): Jid {
    return unchecked(this.local, this.domain, prepareResource(resource));
  }

  get isBare(): boolean {
    return this.resource === "";
  }

  toString(): string {
    const bare = this.local === "" ? this.domain : `${this.local}@${this.domain}`;
    return this.resource === "" ? bare : `${bare}/${this.resource}`;
  }

  equals(o: Jid): boolean {
    return this.local === o.local && this.domain === o.domain && this.resource === o.resource;
  }
}

// Parsed JIDs are immutable, so a small cache keeps routing hot paths cheap.
const CACHE_LIMIT = 2048;
const cache = new Map<string, Jid>();

/**
 * Parses a JID string (RFC 7622 §3.1-3.2): the resourcepart is everything after the FIRST '/', and the
 * localpart is everything before the FIRST '@' of what remains; separators are matched before any mapping.
 */
export function parseJid(s: string): Jid {
  const hit = cache.get(s);
  if (hit) return hit;
  if (s === "") throw new JidError("jid", "empty");
  const slash = s.indexOf("/");
  const head = slash < 0 ? s : s.slice(0, slash);
  const rawResource = slash < 0 ? undefined : s.slice(slash + 1);
  const at = head.indexOf("@");
  const rawLocal = at < 0 ? undefined : head.slice(0, at);
  const rawDomain = at < 0 ? head : head.slice(at + 1);
  if (rawLocal === "") throw new JidError("localpart", "empty (JID has '@' but nothing before it)");
  if (rawResource === "") throw new JidError("resourcepart", "empty (JID has '/' but nothing after it)");
  if (rawDomain === "") throw new JidError("domainpart", "empty");
  const jid = unchecked(
    rawLocal === undefined ? "" : prepareLocalpart(rawLocal),
    prepareDomain(rawDomain),
    rawResource === undefined ? "" : prepareResource(rawResource),
  );
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(s, jid);
  return jid;
}

export function tryParseJid(s: string): Jid | null {
  try {
    return parseJid(s);
  } catch (e) {
    if (e instanceof JidError) return null;
    throw e;
  }
}

// The XML level's classes: the first defect the input carries (as the generator made it), where it
// sits (inside a stanza or between first-level elements), and what the parser makes of the bytes
// first (the kind a receiving entity must answer), "none" when nothing is fatal.

import { NS } from "../../xml/element.ts";
import type { FindingKind } from "../../xml/findings.ts";
import { streamHeader } from "../../xml/serialize.ts";
import { MALFORMED_NAMES } from "../levels/text.ts";
import {
  BAD_CHARS,
  bytesOf,
  firstFatal,
  type Piece,
  RESTRICTED,
  SECOND_HEADER,
  UNESCAPED,
  type XmlSpec,
} from "../levels/xml.ts";
import { classOf, facetsOf, type LevelClasses } from "./facets.ts";

const RESTRICTED_NAMES = ["comment", "pi", "dtd", "entity-reference", "unterminated-reference", "cdata"];
const DEFECTS = [
  "invalid-utf8",
  "invalid-char",
  ...RESTRICTED_NAMES,
  "unescaped",
  "malformed-name",
  "xml-declaration",
  "stream-header",
  "deep-nesting",
  "huge-attribute",
  "many-attributes",
  "prefixed-name",
  "text",
] as const;
const PARSER: readonly (FindingKind | "none" | "after-element")[] = [
  "none",
  "after-element",
  "not-well-formed",
  "invalid-utf8",
  "invalid-char",
  "dtd",
  "comment",
  "processing-instruction",
  "entity-reference",
  "xml-declaration",
  "bad-namespace-prefix",
  // not "too-large": the huge attribute stays under the parser's 1 MB, the target's own limit is its policy
  "too-deep",
];

const OPEN = /^<(message|presence|iq) type='get' id='x'><body>$/;
const CLOSE = /^<\/body><\/(message|presence|iq)>$/;

/** The defect a piece is, by the generator's own tables and shapes; undefined for a stanza's frame. */
function defectOf(p: Piece): string | undefined {
  if ("hex" in p) return "invalid-utf8";
  const s = p.s;
  if (OPEN.test(s) || CLOSE.test(s) || /^(<\/a>)+$/.test(s)) return undefined;
  if (BAD_CHARS.includes(s)) return "invalid-char";
  const r = RESTRICTED.indexOf(s);
  if (r >= 0) return RESTRICTED_NAMES[r];
  if (UNESCAPED.includes(s)) return "unescaped";
  if (MALFORMED_NAMES.some((n) => s === `<${n}/>`)) return "malformed-name";
  if (s === SECOND_HEADER[0]) return "xml-declaration";
  if (s === SECOND_HEADER[1]) return "stream-header";
  if (/^(<a>)+$/.test(s)) return "deep-nesting";
  if (s.startsWith("<h v='")) return "huge-attribute";
  if (s.startsWith("<m a0=")) return "many-attributes";
  if (/^<[^\s>:]+:[^\s>]+ xmlns:/.test(s)) return "prefixed-name";
  return "text";
}

/** Only the parser's answer matters for it, so any header with a domain will do. */
const HEADER = streamHeader({ xmlns: NS.client, "xmlns:stream": NS.stream, to: "localhost", version: "1.0" });

export function xmlClass(spec: XmlSpec): string {
  const defects = spec.pieces.map(defectOf).filter((d) => d !== undefined);
  const { first, element } = firstFatal(HEADER, bytesOf(spec));
  return classOf([
    ["defect", defects.find((d) => d !== "text") ?? "text"],
    ["place", spec.pieces.some((p) => "s" in p && OPEN.test(p.s)) ? "inside" : "between"],
    ["parser", first === undefined ? "none" : element ? "after-element" : first],
  ]);
}

/**
 * What a receiving entity must answer is decided by what the parser finds first, whatever was sent and
 * where; where it finds nothing fatal (a crash on deep nesting, say), by the defect sent.
 */
function xmlIdentity(inputClass: string): string {
  const facets = new Map(facetsOf(inputClass));
  const parser = facets.get("parser");
  return parser && parser !== "none" && parser !== "after-element"
    ? classOf([["parser", parser]])
    : classOf([["defect", facets.get("defect") ?? "text"]]);
}

export const xmlClasses: LevelClasses<XmlSpec> = {
  facets: { defect: DEFECTS, place: ["inside", "between"], parser: PARSER },
  of: (spec) => [xmlClass(spec)],
  identity: xmlIdentity,
};

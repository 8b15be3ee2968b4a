// Stream error conditions (RFC 6120 §4.9.3) and how parser findings map onto them.

import { type Element, NS, xml } from "../xml/element.ts";
import type { FindingKind } from "../xml/parser.ts";

/** The conditions RFC 6120 §4.9.3 defines (anything else a client sends counts as <undefined-condition/>). */
export const STREAM_CONDITIONS = [
  "bad-format",
  "bad-namespace-prefix",
  "conflict",
  "connection-timeout",
  "host-gone",
  "host-unknown",
  "improper-addressing",
  "internal-server-error",
  "invalid-from",
  "invalid-namespace",
  "invalid-xml",
  "not-authorized",
  "not-well-formed",
  "policy-violation",
  "remote-connection-failed",
  "reset",
  "resource-constraint",
  "restricted-xml",
  "see-other-host",
  "system-shutdown",
  "undefined-condition",
  "unsupported-encoding",
  "unsupported-feature",
  "unsupported-stanza-type",
  "unsupported-version",
] as const;
export type StreamCondition = (typeof STREAM_CONDITIONS)[number];

const RESTRICTED: ReadonlySet<FindingKind> = new Set([
  "dtd",
  "comment",
  "processing-instruction",
  "entity-reference",
]);

/** Is this finding one of the RFC 6120 §11.1 restricted XML features? */
export function isRestrictedXml(kind: FindingKind): boolean {
  return RESTRICTED.has(kind);
}

/**
 * The stream error for a fatal parser finding.
 * - comment / PI / DTD / entity reference: <restricted-xml/> (§11.1, the SHOULD of RFC6120-11.1-3).
 * - an XML declaration anywhere but the very start: <not-well-formed/>. XML 1.0 allows the XMLDecl only
 *   at the start of the document, and a PI target "xml" is reserved (XML 1.0 §2.6 [17]), so mid-stream it
 *   matches no production: a well-formedness error (§11.3, RFC6120-11.3-2) rather than a PI.
 * - invalid UTF-8 byte sequences: <unsupported-encoding/>. §4.9.3.22 names exactly this case ("has
 *   otherwise improperly encoded the stream (e.g., by violating the rules of the [UTF-8] encoding)");
 *   §11.6 uses the same condition for encodings other than UTF-8.
 * - characters outside the XML Char production, other malformed XML, undeclared prefixes: <not-well-formed/>
 *   (§11.3: XML- and namespace-well-formedness; §4.9.3.13's own example is an undeclared prefix).
 * - over-size stanza or over-deep nesting: <policy-violation/> (§4.9.3.14: "a stanza exceeds a
 *   configured size limit").
 */
export function findingCondition(kind: FindingKind): StreamCondition {
  switch (kind) {
    case "dtd":
    case "comment":
    case "processing-instruction":
    case "entity-reference":
      return "restricted-xml";
    case "invalid-utf8":
    case "unsupported-encoding":
      return "unsupported-encoding";
    case "too-large":
    case "too-deep":
      return "policy-violation";
    default:
      // not-well-formed, invalid-char, xml-declaration, bad-namespace-prefix (an undeclared prefix)
      return "not-well-formed";
  }
}

/**
 * <stream:error> with the condition and optional text (§4.9.2). Over WebSocket every frame stands alone,
 * so the stream prefix is declared on the element itself (RFC 7395 §3.3.3).
 */
export function streamErrorElement(condition: string, text: string | undefined, framed: boolean): Element {
  return xml(
    "stream:error",
    framed ? { "xmlns:stream": NS.stream } : {},
    xml(condition, { xmlns: NS.streams }),
    text ? xml("text", { xmlns: NS.streams, "xml:lang": "en" }, text) : null,
  );
}

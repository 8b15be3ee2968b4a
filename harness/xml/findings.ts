// What the stream parser reports when a peer breaks the XML rules of RFC 6120 §11, and how a
// receiving entity should answer each kind.

export type FindingKind =
  | "not-well-formed"
  | "invalid-utf8"
  | "invalid-char"
  | "dtd"
  | "comment"
  | "processing-instruction"
  | "entity-reference"
  | "xml-declaration" /* a second/mid-stream XML declaration */
  | "bad-namespace-prefix"
  | "too-large"
  | "too-deep"
  | "unsupported-encoding";

export interface Finding {
  kind: FindingKind;
  message: string;
  /** Byte offset in the stream (counted from the parser's first byte, across resets) of `bytes[0]`. */
  offset: number;
  /** The offending bytes, at most 64: the construct from its start, or for not-well-formed the bytes up to
   * and including the one where the error was seen. */
  bytes: Buffer;
  /** True when the parser stopped here: nothing after this point was parsed (see isFatal). */
  fatal: boolean;
}

/**
 * Which findings stop the parser (`fatal`). The RFC leaves a receiving entity no choice for any kind: it MUST
 * close the stream (§11.1 restricted XML, comments and PIs included; §11.3 well-formedness; §11.6 encoding;
 * size and depth limits are its own policy, §4.9.3.14). So by default every finding is fatal: the parser
 * stops, and the reference server and client act on `fatal`.
 *
 * Some kinds are exactly recoverable, and with `{ recover: true }` they are not fatal: the parser reports
 * them and goes on, so an oracle (findForbidden) can list everything a peer sent wrong:
 *   comment, processing-instruction, xml-declaration (mid-stream): skipped.
 *   entity-reference (to an undefined entity): kept as the literal text `&name;`.
 *   invalid-char (e.g. U+0001, U+FFFE, `&#1;`): replaced by U+FFFD.
 *   bad-namespace-prefix (undeclared): the element is kept with its prefixed name and no namespace.
 * The rest stay fatal even then, because going on would be unsafe or meaningless:
 *   dtd: an internal subset can declare entities (billion laughs); nothing past `<!DOCTYPE` is read.
 *   too-large / too-deep: going on would buffer what the limit exists to refuse.
 *   not-well-formed: XML 1.0 §1.2 forbids normal processing after a fatal error; the tree is undefined.
 *   invalid-utf8 / unsupported-encoding: the bytes are not in the encoding we decode (XML 1.0 §4.3.3).
 */
export const RECOVERABLE: ReadonlySet<FindingKind> = new Set<FindingKind>([
  "comment",
  "processing-instruction",
  "xml-declaration",
  "entity-reference",
  "invalid-char",
  "bad-namespace-prefix",
]);

/** Whether a finding of this kind stops a parser (created with or without `recover`). */
export function isFatal(kind: FindingKind, recover = false): boolean {
  return !recover || !RECOVERABLE.has(kind);
}

/**
 * Stream error conditions (RFC 6120 §4.9.3) that correctly answer each kind, preferred first. bad-format
 * is the catch-all §4.9.3.1 allows for every XML error. An undeclared prefix is not-well-formed in the
 * §4.9.3.13 example; bad-namespace-prefix (§4.9.3.2) is about unsupported prefixes, accepted too.
 */
export const STREAM_ERROR_CONDITIONS: Readonly<Record<FindingKind, readonly string[]>> = {
  "not-well-formed": ["not-well-formed", "bad-format"],
  "invalid-utf8": ["not-well-formed", "unsupported-encoding", "bad-format"],
  "invalid-char": ["not-well-formed", "bad-format"],
  dtd: ["restricted-xml", "bad-format"],
  comment: ["restricted-xml", "bad-format"],
  "processing-instruction": ["restricted-xml", "bad-format"],
  "entity-reference": ["restricted-xml", "not-well-formed", "bad-format"],
  "xml-declaration": ["not-well-formed", "restricted-xml", "bad-format"],
  "bad-namespace-prefix": ["not-well-formed", "bad-namespace-prefix", "bad-format"],
  "too-large": ["policy-violation", "resource-constraint"],
  "too-deep": ["policy-violation", "resource-constraint", "not-well-formed"],
  "unsupported-encoding": ["unsupported-encoding", "bad-format"],
};

/** The stream error condition a receiving entity should send for a finding. */
export function streamErrorCondition(kind: FindingKind): string {
  return STREAM_ERROR_CONDITIONS[kind][0];
}

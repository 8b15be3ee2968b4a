// How a StreamParser is set up, and the events it emits.
import type { Element } from "./element.ts";
import type { Finding } from "./findings.ts";

export interface ParserLimits {
  /** Largest top-level element (or other top-level construct), in bytes. Default 1_000_000. */
  maxStanzaBytes?: number;
  /** Deepest nesting inside the stream, a stanza being depth 1. Default 100. */
  maxDepth?: number;
}

export interface ParserOptions extends ParserLimits {
  /** RFC 7395 framing: a sequence of whole elements, `<open/>` and `<close/>` instead of a stream element. */
  framed?: boolean;
  /**
   * Go on after the findings that can be recovered from exactly (comments, PIs, undefined entities,
   * invalid characters, undeclared prefixes...: see RECOVERABLE in findings.ts), reporting them as not fatal.
   * For oracles that list everything a peer did wrong; a receiving entity wants the default (stop).
   */
  recover?: boolean;
}

/** The XML declaration's pseudo-attributes, as written. */
export type XmlDeclaration = { version?: string; encoding?: string; standalone?: string } & Record<
  string,
  string
>;

export type StreamParserEvents = {
  header: [el: Element];
  element: [el: Element];
  end: [];
  finding: [finding: Finding];
  declaration: [attrs: XmlDeclaration];
};

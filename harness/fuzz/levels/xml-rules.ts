// Which sentence of RFC 6120 a target breaks when it answers a malformed stream wrongly, by what the
// parser found first: no stream error at all, or a stream error with another condition.
import type { FindingKind } from "../../xml/findings.ts";

const RESTRICTED = "RFC6120-11.1-3";
const WELL_FORMED = "RFC6120-11.3-2";

/** "MUST close the stream with a stream error": the sentence for each kind. */
const NO_ERROR: Record<FindingKind, string> = {
  comment: RESTRICTED,
  "processing-instruction": RESTRICTED,
  dtd: RESTRICTED,
  "entity-reference": RESTRICTED,
  "not-well-formed": WELL_FORMED,
  "invalid-char": WELL_FORMED,
  "xml-declaration": WELL_FORMED,
  "invalid-utf8": "RFC6120-11.6-3",
  "unsupported-encoding": "RFC6120-11.6-3",
  "bad-namespace-prefix": "RFC6120-11.3-4",
  "too-large": "RFC6120-13.12-11",
  "too-deep": "RFC6120-13.12-11",
};

/**
 * The condition: for restricted XML only a SHOULD (§11.1: "which SHOULD be <restricted-xml/>"); for
 * data that is not well-formed §11.3 names <not-well-formed/> in its MUST.
 */
const WRONG_CONDITION: Partial<Record<FindingKind, string>> = {
  comment: `${RESTRICTED} SHOULD`,
  "processing-instruction": `${RESTRICTED} SHOULD`,
  dtd: `${RESTRICTED} SHOULD`,
  "entity-reference": `${RESTRICTED} SHOULD`,
  "invalid-utf8": WELL_FORMED,
};

export const noStreamErrorBreaks = (kind: FindingKind): string => NO_ERROR[kind];
export const wrongConditionBreaks = (kind: FindingKind): string => WRONG_CONDITION[kind] ?? NO_ERROR[kind];
/** §4.9.1.1: after the stream error the entity closes the stream. */
export const NOT_CLOSED = "RFC6120-4.9.1.1-1";

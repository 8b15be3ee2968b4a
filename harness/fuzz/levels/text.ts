// Character data for fuzzed payloads: XML's special characters, U+FEFF, non-ASCII, astral planes.
// Only characters XML allows: a forbidden one would be our own well-formedness error, not the target's.
import fc from "fast-check";

const TRICKY = [
  "<",
  ">",
  "&",
  "'",
  '"',
  "]]>",
  "&amp;",
  "<b>x</b>",
  "\uFEFF",
  "é",
  "ß",
  "İ",
  "ﬀ",
  "😀",
  "\u200D",
  "\u202E",
  " ",
  "\n",
  "\t",
];

export function textArb(maxParts = 6): fc.Arbitrary<string> {
  return fc
    .array(fc.oneof(fc.constantFrom(...TRICKY), fc.string({ unit: "grapheme-ascii", maxLength: 6 })), {
      maxLength: maxParts,
    })
    .map((parts) => parts.join(""));
}

/** Attribute values: no tab or newline (attribute-value normalisation would turn them into spaces). */
export function attrValueArb(): fc.Arbitrary<string> {
  return textArb(3).map((s) => s.replace(/[\t\n]/g, " "));
}

/** An XML name (NCName, ASCII). */
export const nameArb: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz_"),
    fc.string({ unit: fc.constantFrom(..."abcxyz0123-._"), maxLength: 8 }),
  )
  .map(([a, b]) => a + b);

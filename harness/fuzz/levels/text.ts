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

/**
 * XML 1.0 (5th ed.) §2.3 NameStartChar, less ':' (a namespace-aware name is an NCName). ASCII letters
 * weigh most, as in real traffic; every other range still comes up.
 */
export const NAME_START_RANGES: readonly [number, number][] = [
  [0x41, 0x5a],
  [0x5f, 0x5f],
  [0x61, 0x7a],
  [0xc0, 0xd6],
  [0xd8, 0xf6],
  [0xf8, 0x2ff],
  [0x370, 0x37d],
  [0x37f, 0x1fff],
  [0x200c, 0x200d],
  [0x2070, 0x218f],
  [0x2c00, 0x2fef],
  [0x3001, 0xd7ff],
  [0xf900, 0xfdcf],
  [0xfdf0, 0xfffd],
  [0x10000, 0xeffff],
];
/** §2.3 NameChar beyond NameStartChar. */
export const NAME_MORE_RANGES: readonly [number, number][] = [
  [0x2d, 0x2e],
  [0x30, 0x39],
  [0xb7, 0xb7],
  [0x300, 0x36f],
  [0x203f, 0x2040],
];

function charIn(ranges: readonly [number, number][], asciiWeight: number): fc.Arbitrary<string> {
  return fc.oneof(
    ...ranges.map(([min, max]) => ({
      weight: max < 0x80 ? asciiWeight : 1,
      arbitrary: fc.integer({ min, max }).map((c) => String.fromCodePoint(c)),
    })),
  );
}

/** An XML name (NCName) from the whole §2.3 range: non-ASCII and astral names included. */
export const nameArb: fc.Arbitrary<string> = fc
  .tuple(
    charIn(NAME_START_RANGES, 12),
    fc.array(charIn([...NAME_START_RANGES, ...NAME_MORE_RANGES], 8), { maxLength: 8 }),
  )
  .map(([a, b]) => a + b.join(""));

/**
 * Names XML forbids (for the level that sends malformed input on purpose): a start character that is
 * only a NameChar (digit, '-', '.', U+00B7, a combining mark), or a character that is no NameChar
 * (U+00D7, U+00F7, U+037E, U+2000, a private-use one).
 */
export const MALFORMED_NAMES = [
  "1a",
  "-a",
  ".a",
  "\u00B7a",
  "\u0301a",
  "a\u00D7b",
  "a\u00F7b",
  "a\u037Eb",
  "a\u2000b",
  "a\uE000b",
];

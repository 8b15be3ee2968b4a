// UTF-8 boundary and validity helpers for the stream parser. The fast path (isAscii / isUtf8) is native;
// these only run on a chunk's last bytes, or on a chunk already known to be invalid, except hasNonXmlChar,
// which runs on every piece and leaves the scanning to native byte searches.

/** How many bytes the sequence led by `b` claims; 1 for bytes that cannot lead one. */
export function claimedLength(b: number): number {
  if (b < 0xc0) return 1;
  if (b < 0xe0) return 2;
  if (b < 0xf0) return 3;
  if (b < 0xf8) return 4;
  return 1;
}

/**
 * Where a trailing sequence that still lacks bytes starts (data.length if none), so it can be carried to
 * the next chunk. A lead byte counts as unfinished by its claimed length even if already invalid (ED A0 of
 * a surrogate): the finding then shows the whole sequence whatever the chunk split.
 */
export function completeEnd(data: Uint8Array): number {
  const n = data.length;
  for (let i = n - 1; i >= 0 && i >= n - 4; i--) {
    const b = data[i];
    if (b < 0x80) return n;
    if (b >= 0xc0) return n - i < claimedLength(b) ? i : n;
  }
  return n;
}

/** Bytes of the ill-formed sequence at i: the lead and the continuation bytes it claims, as far as present. */
function invalidLength(data: Uint8Array, i: number): number {
  const want = claimedLength(data[i]);
  let k = 1;
  while (k < want && i + k < data.length && (data[i + k] & 0xc0) === 0x80) k++;
  return k;
}

/**
 * The first ill-formed sequence (overlong, surrogate, above U+10FFFF, stray continuation, truncated) per
 * RFC 3629, or null.
 */
export function firstInvalid(data: Uint8Array, from = 0): { at: number; length: number } | null {
  const n = data.length;
  let i = from;
  while (i < n) {
    const b = data[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0;
      else if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90;
      else if (b === 0xf4) hi = 0x8f;
    } else return { at: i, length: invalidLength(data, i) };
    if (i + need >= n) return { at: i, length: invalidLength(data, i) };
    const b1 = data[i + 1];
    let ok = b1 >= lo && b1 <= hi;
    for (let k = 2; ok && k <= need; k++) ok = (data[i + k] & 0xc0) === 0x80;
    if (!ok) return { at: i, length: invalidLength(data, i) };
    i += need + 1;
  }
  return null;
}

/** A UTF-16/UTF-32 stream start (BOM, or `<` next to a NUL byte), named; null when it may be UTF-8. */
export function sniffWideEncoding(first: Uint8Array): string | null {
  const a = first[0];
  const b = first[1];
  if (a === 0xfe && b === 0xff) return "UTF-16BE";
  if (a === 0xff && b === 0xfe) return "UTF-16LE";
  if (a === 0x00 && b === 0x00) return "UTF-32";
  if (a === 0x00 && b === 0x3c) return "UTF-16BE";
  if (a === 0x3c && b === 0x00) return "UTF-16LE";
  return null;
}

/** The C0 controls XML 1.0 §2.2 leaves out of Char (all but tab, LF and CR). */
const NON_XML_CONTROLS = Array.from({ length: 0x20 }, (_, b) => b).filter(
  (b) => b !== 9 && b !== 10 && b !== 13,
);
/** U+FFFE and U+FFFF are EF BF BE and EF BF BF. */
const EF_BF = Buffer.from([0xef, 0xbf]);

/**
 * Whether valid UTF-8 holds a character outside the XML Char production. In valid UTF-8 a byte below 0x80
 * is always a whole character and EF always leads a sequence, so byte searches suffice; native indexOf
 * over a chunk ~30 times is about 3x cheaper than one regular-expression pass over the decoded text.
 */
export function hasNonXmlChar(utf8: Buffer): boolean {
  for (const b of NON_XML_CONTROLS) if (utf8.indexOf(b) >= 0) return true;
  for (let k = utf8.indexOf(EF_BF); k >= 0; k = utf8.indexOf(EF_BF, k + 2)) {
    const third = utf8[k + 2];
    if (third === 0xbe || third === 0xbf) return true;
  }
  return false;
}

// The stream parser's byte layer: bytes in, checked text out in pieces of at most 64 KiB. A UTF-8 sequence
// split across writes is carried over; bytes that are not UTF-8, a UTF-16/32 start and characters outside
// the XML Char production become findings (a bad character reaches saxes as U+FFFD). Every piece is logged
// with its bytes before it is handed on, so positions map back to bytes.
import { isAscii, isUtf8 } from "node:buffer";
import type { FindingKind } from "./findings.ts";
import type { SegmentLog } from "./segments.ts";
import { completeEnd, firstInvalid, hasNonXmlChar, sniffWideEncoding } from "./utf8.ts";

const PIECE = 64 * 1024;
const INVALID_CHAR = /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]/;
// Decodes pieces already known to be whole, valid UTF-8, so it never replaces anything nor holds bytes back.
// Node 20 decodes ~1.5x faster than Buffer#toString in streaming mode (its non-streaming "fast path" is not
// faster); streaming needs no state here as every piece ends on a character boundary. ignoreBOM: U+FEFF is
// a character of the stream (RFC 6120 §11.6), not a mark to drop.
const UTF8 = new TextDecoder("utf-8", { ignoreBOM: true });
const STREAM = { stream: true };

/** Where the checked text goes. */
export interface TextSink {
  /** Text to parse, already in the segment log. */
  text(s: string): void;
  /** A piece of input has been handed on whole. */
  pieceEnd(): void;
  /** Bad bytes, which start at the log's next unfed byte. */
  finding(kind: FindingKind, message: string, bytes: Buffer): void;
}

export class Utf8Input {
  private carry: Buffer | null = null;
  /** Until two bytes are seen: they tell UTF-16/32 from UTF-8. */
  private sniffing = true;

  constructor(
    private readonly log: SegmentLog,
    private readonly out: TextSink,
  ) {}

  write(buf: Buffer): void {
    let data = buf;
    if (this.carry !== null) {
      data = Buffer.concat([this.carry, buf]);
      this.carry = null;
    }
    if (this.sniffing) {
      if (data.length < 2) {
        this.carry = Buffer.from(data);
        return;
      }
      this.sniffing = false;
      const wide = sniffWideEncoding(data);
      if (wide !== null) {
        this.out.finding(
          "unsupported-encoding",
          `the stream starts as ${wide}; XMPP streams are UTF-8 only (RFC 6120 §11.6)`,
          data.subarray(0, 2),
        );
      }
    }
    if (isAscii(data)) {
      this.feedBytes(data, true);
      return;
    }
    const end = completeEnd(data);
    let part = data;
    if (end < data.length) {
      this.carry = Buffer.from(data.subarray(end));
      part = data.subarray(0, end);
    }
    if (isUtf8(part)) {
      this.feedBytes(part, false);
      return;
    }
    const bad = firstInvalid(part) ?? { at: 0, length: Math.min(part.length, 4) };
    if (bad.at > 0) this.feedBytes(part.subarray(0, bad.at), false);
    this.out.finding(
      "invalid-utf8",
      "bytes that are not UTF-8 (RFC 6120 §11.6)",
      part.subarray(bad.at, bad.at + bad.length),
    );
  }

  /** The input is over: a byte held for the encoding sniff is parsed, a sequence still missing bytes reported. */
  end(): void {
    if (this.sniffing) {
      this.sniffing = false;
      const held = this.carry;
      this.carry = null;
      if (held !== null) this.write(held);
    }
    const rest = this.carry;
    if (rest !== null) {
      this.carry = null;
      this.out.finding("invalid-utf8", "truncated UTF-8 sequence at the end of the input", rest);
    }
  }

  /** Hand valid UTF-8 on in pieces, so no open construct grows past the limit unnoticed. */
  private feedBytes(bytes: Buffer, ascii: boolean): void {
    const n = bytes.length;
    let off = 0;
    while (off < n) {
      let end = off + PIECE;
      if (end >= n) end = n;
      else if (!ascii) while (end > off && (bytes[end] & 0xc0) === 0x80) end--;
      const raw = bytes.subarray(off, end);
      this.feedText(ascii ? raw.toString("latin1") : UTF8.decode(raw, STREAM), raw, ascii);
      off = end;
      this.out.pieceEnd();
    }
  }

  /** Characters outside the XML Char production are reported and replaced by U+FFFD. */
  private feedText(str: string, raw: Buffer, ascii: boolean): void {
    const log = this.log;
    let k = hasNonXmlChar(raw) ? str.search(INVALID_CHAR) : -1;
    if (k < 0) {
      log.push(str, raw, ascii, false);
      this.out.text(str);
      return;
    }
    let ci = 0;
    let bi = 0;
    while (k >= 0) {
      if (k > ci) {
        const s = str.slice(ci, k);
        const len = ascii ? s.length : Buffer.byteLength(s);
        log.push(s, raw.subarray(bi, bi + len), ascii, false);
        this.out.text(s);
        bi += len;
      }
      const code = str.charCodeAt(k);
      const len = code < 0x80 ? 1 : 3;
      const bad = raw.subarray(bi, bi + len);
      this.out.finding(
        "invalid-char",
        `U+${code.toString(16).toUpperCase().padStart(4, "0")} is not an XML character (XML 1.0 §2.2)`,
        bad,
      );
      log.push("\uFFFD", bad, false, true);
      this.out.text("\uFFFD");
      bi += len;
      ci = k + 1;
      const next = str.slice(ci).search(INVALID_CHAR);
      k = next < 0 ? -1 : ci + next;
    }
    if (ci < str.length) {
      const s = str.slice(ci);
      log.push(s, raw.subarray(bi), ascii, false);
      this.out.text(s);
    }
  }
}

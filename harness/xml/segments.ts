// The stream parser's map from saxes' character positions back to input bytes: each decoded piece handed
// to saxes is kept with its byte offset until no open construct and no finding context needs it.

/** Bytes a finding quotes at most, and so the context kept behind the current position. */
export const MAX_FINDING_BYTES = 64;

/** A decoded piece handed to saxes: `g` its first UTF-16 unit, `b` its first byte, over the parser's life. */
interface Segment {
  g: number;
  b: number;
  s: string;
  raw: Buffer;
  ascii: boolean;
  /** A U+FFFD standing for the invalid character `raw`. */
  rep: boolean;
  /** Memo for byte lookups inside non-ASCII pieces: UTF-16 offset `cd` is at byte offset `cb`. */
  cd: number;
  cb: number;
}

export class SegmentLog {
  /** UTF-16 units handed to saxes so far. */
  fedChars = 0;
  /** Offset of the first byte not yet handed to saxes (a carried partial sequence starts here). */
  consumed = 0;
  private segs: Segment[] = [];

  /** Record a piece about to be handed to saxes; `rep`: a U+FFFD standing for the invalid character `raw`. */
  push(s: string, raw: Buffer, ascii: boolean, rep: boolean): void {
    this.segs.push({ g: this.fedChars, b: this.consumed, s, raw, ascii, rep, cd: 0, cb: 0 });
    this.fedChars += s.length;
    this.consumed += raw.length;
  }

  /**
   * Drop the pieces nobody needs: keep enough behind the latest one for a finding's context, and
   * everything from the open construct that began at `startG` (-1: none).
   */
  prune(startG: number): void {
    const segs = this.segs;
    let keep = segs.length - 1;
    let context = segs[keep].raw.length;
    while (keep > 0 && context < MAX_FINDING_BYTES) context += segs[--keep].raw.length;
    if (startG >= 0) while (keep > 0 && segs[keep].g > startG) keep--;
    if (keep > 0) segs.splice(0, keep);
  }

  /** The byte offset of UTF-16 unit `g`. */
  byteAt(g: number): number {
    const segs = this.segs;
    for (let k = segs.length - 1; k >= 0; k--) {
      const seg = segs[k];
      if (g < seg.g) continue;
      const d = g - seg.g;
      if (seg.ascii) return seg.b + d;
      if (d >= seg.s.length) return seg.b + seg.raw.length;
      if (seg.rep) return seg.b;
      if (d >= seg.cd) seg.cb += Buffer.byteLength(seg.s.slice(seg.cd, d));
      else seg.cb -= Buffer.byteLength(seg.s.slice(d, seg.cd));
      seg.cd = d;
      return seg.b + seg.cb;
    }
    return segs.length > 0 ? segs[0].b : this.consumed;
  }

  /** The input bytes from offset `from` up to `to`, as far as they are still kept. */
  bytesBetween(from: number, to: number): Buffer {
    const parts: Buffer[] = [];
    for (const seg of this.segs) {
      const end = seg.b + seg.raw.length;
      if (end <= from || seg.b >= to) continue;
      parts.push(seg.raw.subarray(Math.max(from, seg.b) - seg.b, Math.min(to, end) - seg.b));
    }
    return Buffer.concat(parts);
  }
}

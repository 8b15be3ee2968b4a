// The incremental XMPP stream parser shared by the reference client and the reference server: bytes in,
// @xmpp/xml elements and RFC 6120 §11 findings out, the same events whatever the chunk split.
//
// Layers: bytes -> (UTF-8 carry + validation, native fast paths) -> decoded pieces of at most 64 KiB ->
// (XML Char check) -> saxes -> elements. Each piece is remembered with its byte offset ("segment") until
// no open construct needs it, so saxes' character positions map back to exact byte offsets and bytes.
import { isAscii, isUtf8 } from "node:buffer";
import { EventEmitter } from "node:events";
import type { SaxesTagPlain, XMLDecl } from "saxes";
import { Element, NS } from "./element.ts";
import { type Finding, type FindingKind, isFatal } from "./findings.ts";
import { NamespaceScopes } from "./namespaces.ts";
import { InstrumentedSax, S } from "./sax.ts";
import { completeEnd, firstInvalid, sniffWideEncoding } from "./utf8.ts";

export type { Finding, FindingKind } from "./findings.ts";

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

const PIECE = 64 * 1024;
const MAX_FINDING_BYTES = 64;
const INVALID_CHAR = /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]/;
const CHAR_REF = /^&#(?:x[0-9a-fA-F]+|[0-9]+);$/;
const UTF8_NAME = /^utf-?8$/i;

/** XML 1.0 S: space, tab, CR, LF. */
function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d;
}

// Thrown through saxes from our handlers: STOP after a fatal finding, RESTART to begin a new document
// (a stream reset asked for during a write, or the next RFC 7395 frame) with the rest of the chunk.
const STOP = { stop: true };
const RESTART = { restart: true };

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

export class StreamParser extends EventEmitter<StreamParserEvents> {
  private readonly framed: boolean;
  private readonly recover: boolean;
  private readonly maxBytes: number;
  private readonly maxDepth: number;
  /** Stack depth at which top-level elements open: inside the stream element, or at the root when framed. */
  private readonly topDepth: number;
  private readonly sax: InstrumentedSax;

  private _bytesIn = 0;
  private _failed = false;

  // Byte layer.
  /** Offset of the first byte not yet handed to saxes (a carried partial sequence starts here). */
  private consumed = 0;
  private carry: Buffer | null = null;
  /** Until two bytes are seen: they tell UTF-16/32 from UTF-8. */
  private sniffing = true;
  /** UTF-16 units handed to saxes, and which of them saxes calls position 0 (it restarts per document). */
  private fedChars = 0;
  private posBase = 0;
  private segs: Segment[] = [];

  // Re-entrancy.
  private writing = false;
  private inSax = false;
  private resetPending = false;
  private readonly queue: Buffer[] = [];

  // Tree.
  private stack: Element[] = [];
  private readonly ns: NamespaceScopes;
  private topStartG = -1;
  private midDeclaration = false;
  /** Whitespace before a restarted stream or the next RFC 7395 frame belongs to what came before: skip it. */
  private gap = false;

  constructor(opts: ParserOptions = {}) {
    super();
    this.framed = opts.framed ?? false;
    this.recover = opts.recover ?? false;
    this.maxBytes = opts.maxStanzaBytes ?? 1_000_000;
    this.maxDepth = opts.maxDepth ?? 100;
    this.topDepth = this.framed ? 0 : 1;
    this.ns = new NamespaceScopes(!this.framed);
    this.sax = new InstrumentedSax(
      {
        doctypeStart: () =>
          this.saxFinding("dtd", "DTD (restricted XML, RFC 6120 §11.1)", this.ltG(), "head"),
        entityEnd: () => {
          if (this.stack.length <= this.topDepth) this.guard(this.guardStart(), this.posNow());
        },
        commentEnd: () =>
          this.saxFinding("comment", "comment (restricted XML, RFC 6120 §11.1)", this.ltG(), "head"),
      },
      {
        openTagHandler: (tag) => this.onOpenTag(tag),
        closeTagHandler: (tag) => this.onCloseTag(tag),
        cdataHandler: (text) => this.onCdata(text),
        piHandler: () =>
          this.saxFinding(
            "processing-instruction",
            "processing instruction (restricted XML, RFC 6120 §11.1)",
            this.ltG(),
            "head",
          ),
        xmldeclHandler: (decl) => this.onXmlDecl(decl),
        errorHandler: (err) => this.onSaxError(err),
      },
    );
  }

  /** Bytes passed to write() so far. */
  get bytesIn(): number {
    return this._bytesIn;
  }

  /** True after a fatal finding: further writes are ignored (until reset()). */
  get failed(): boolean {
    return this._failed;
  }

  /** Feed bytes (a string is taken as its UTF-8 encoding). Bad input never throws: it becomes findings. */
  write(chunk: Buffer | string): void {
    const buf = typeof chunk === "string" ? Buffer.from(chunk, "utf8") : chunk;
    this._bytesIn += buf.length;
    if (this._failed || buf.length === 0) return;
    if (this.writing) {
      // A listener wrote to us: keep order by finishing the current chunk first.
      this.queue.push(buf);
      return;
    }
    this.run(() => {
      this.consume(buf);
      while (this.queue.length > 0 && !this._failed) this.consume(this.queue.shift()!);
    });
  }

  /** The input is over: a UTF-8 sequence still missing bytes is reported. */
  end(): void {
    if (this._failed || this.writing) return;
    this.run(() => {
      if (this.sniffing) {
        this.sniffing = false;
        const held = this.carry;
        this.carry = null;
        if (held !== null) this.consume(held);
      }
      const rest = this.carry;
      if (rest !== null) {
        this.carry = null;
        this.byteFinding("invalid-utf8", "truncated UTF-8 sequence at the end of the input", rest);
      }
    });
  }

  /**
   * Stream restart (after STARTTLS or SASL success): a new XML declaration and stream header are expected.
   * Callable from a listener during write(): the rest of that chunk then goes to the new stream. Clears
   * `failed`. Byte offsets keep counting from the parser's first byte.
   */
  reset(): void {
    if (this.inSax) {
      this.resetPending = true;
      return;
    }
    this.sax.reinit();
    this.posBase = this.fedChars;
    this.resetTree();
    this.gap = true;
    this._failed = false;
  }

  private run(body: () => void): void {
    this.writing = true;
    try {
      body();
    } catch (e) {
      if (e !== STOP) {
        // A listener threw (or we have a bug): saxes is mid-chunk, so this parser cannot go on.
        this._failed = true;
        throw e;
      }
    } finally {
      this.writing = false;
      this.queue.length = 0;
      // reset() asked for by a listener of a fatal finding: the rest of that chunk was dropped anyway.
      if (this.resetPending) this.reset();
    }
  }

  private resetTree(): void {
    this.stack = [];
    this.ns.reset();
    this.topStartG = -1;
    this.midDeclaration = false;
    this.resetPending = false;
  }

  // ---- bytes -> text ----

  private consume(buf: Buffer): void {
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
        this.byteFinding(
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
    this.byteFinding(
      "invalid-utf8",
      "bytes that are not UTF-8 (RFC 6120 §11.6)",
      part.subarray(bad.at, bad.at + bad.length),
    );
  }

  /** Hand valid UTF-8 to saxes in pieces, so no open construct grows past the limit unnoticed. */
  private feedBytes(bytes: Buffer, ascii: boolean): void {
    const n = bytes.length;
    let off = 0;
    while (off < n) {
      let end = off + PIECE;
      if (end >= n) end = n;
      else if (!ascii) while (end > off && (bytes[end] & 0xc0) === 0x80) end--;
      const raw = bytes.subarray(off, end);
      this.feedText(ascii ? raw.toString("latin1") : raw.toString("utf8"), raw, ascii);
      off = end;
      this.afterPiece();
    }
  }

  /** Characters outside the XML Char production are reported and replaced by U+FFFD before saxes. */
  private feedText(str: string, raw: Buffer, ascii: boolean): void {
    let k = str.search(INVALID_CHAR);
    if (k < 0) {
      this.pushSegment(str, raw, ascii, false);
      this.saxWrite(str);
      return;
    }
    let ci = 0;
    let bi = 0;
    while (k >= 0) {
      if (k > ci) {
        const s = str.slice(ci, k);
        const len = ascii ? s.length : Buffer.byteLength(s);
        this.pushSegment(s, raw.subarray(bi, bi + len), ascii, false);
        this.saxWrite(s);
        bi += len;
      }
      const code = str.charCodeAt(k);
      const len = code < 0x80 ? 1 : 3;
      const bad = raw.subarray(bi, bi + len);
      this.byteFinding(
        "invalid-char",
        `U+${code.toString(16).toUpperCase().padStart(4, "0")} is not an XML character (XML 1.0 §2.2)`,
        bad,
      );
      this.pushSegment("\uFFFD", bad, false, true);
      this.saxWrite("\uFFFD");
      bi += len;
      ci = k + 1;
      const next = str.slice(ci).search(INVALID_CHAR);
      k = next < 0 ? -1 : ci + next;
    }
    if (ci < str.length) {
      const s = str.slice(ci);
      this.pushSegment(s, raw.subarray(bi), ascii, false);
      this.saxWrite(s);
    }
  }

  private pushSegment(s: string, raw: Buffer, ascii: boolean, rep: boolean): void {
    this.segs.push({ g: this.fedChars, b: this.consumed, s, raw, ascii, rep, cd: 0, cb: 0 });
    this.fedChars += s.length;
    this.consumed += raw.length;
  }

  private saxWrite(str: string): void {
    let s = str;
    for (;;) {
      if (this.gap) {
        let k = 0;
        while (k < s.length && isSpace(s.charCodeAt(k))) k++;
        if (k > 0) {
          // Nothing has reached this document yet, so its position 0 moves past the skipped whitespace.
          this.posBase += k;
          s = s.slice(k);
        }
        if (s.length === 0) return;
        this.gap = false;
      }
      this.inSax = true;
      try {
        this.sax.parser.write(s);
        return;
      } catch (e) {
        if (e !== RESTART) throw e;
        s = this.sax.unconsumed();
        this.posBase += this.sax.position;
        this.sax.reinit();
        this.resetTree();
        this.gap = true;
        if (s.length === 0) return;
      } finally {
        this.inSax = false;
      }
    }
  }

  /** Between pieces: an open construct over the limit is refused now; segments nobody needs are dropped. */
  private afterPiece(): void {
    const startG = this.openConstructStart();
    if (startG >= 0) this.guard(startG, this.fedChars);
    const segs = this.segs;
    let keep = segs.length - 1;
    let context = segs[keep].raw.length;
    while (keep > 0 && context < MAX_FINDING_BYTES) context += segs[--keep].raw.length;
    if (startG >= 0) while (keep > 0 && segs[keep].g > startG) keep--;
    if (keep > 0) segs.splice(0, keep);
  }

  // ---- positions ----

  private g(saxPos: number): number {
    return saxPos < 0 ? -1 : this.posBase + saxPos;
  }

  private ltG(): number {
    return this.g(this.sax.ltPos);
  }

  private posNow(): number {
    return this.posBase + this.sax.position;
  }

  /**
   * Where the construct saxes is in the middle of began (the top-level element, or at stream level a tag,
   * comment, PI, CDATA section, or a reference in text), or -1 between constructs.
   */
  private openConstructStart(): number {
    if (this.stack.length > this.topDepth) return this.topStartG;
    const raw = this.sax.raw;
    const st = raw.state;
    if (st === S.TEXT || st === S.BEGIN || st === S.BEGIN_WHITESPACE) return -1;
    // The `<` just read is the last character saxes saw; its state handler has not run yet.
    if (st === S.OPEN_WAKA) return this.posNow() - 1;
    if (st === S.ENTITY && raw.entityReturnState === S.TEXT) {
      return raw.entity === "" ? this.posNow() - 1 : this.g(this.sax.ampPos);
    }
    return this.ltG(); // a reference inside an attribute value belongs to its tag
  }

  /**
   * The construct a size check applies to, from inside a saxes callback: the open one, or the one just
   * completed (saxes moves to the text state before some callbacks).
   */
  private guardStart(): number {
    const open = this.openConstructStart();
    if (open >= 0) return open;
    if (this.sax.inEntity) return this.g(this.sax.ampPos);
    const raw = this.sax.raw;
    return raw.i > 0 && raw.chunk.charCodeAt(raw.i - 1) === 0x3e /* > */ ? this.ltG() : -1;
  }

  private byteAt(g: number): number {
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

  private bytesBetween(from: number, to: number): Buffer {
    const parts: Buffer[] = [];
    for (const seg of this.segs) {
      const end = seg.b + seg.raw.length;
      if (end <= from || seg.b >= to) continue;
      parts.push(seg.raw.subarray(Math.max(from, seg.b) - seg.b, Math.min(to, end) - seg.b));
    }
    return Buffer.concat(parts);
  }

  // ---- findings ----

  /** Refuse (fatally) a construct that began at startG and has grown past the limit by endG. */
  private guard(startG: number, endG: number): void {
    if (startG < 0 || 3 * (endG - startG) <= this.maxBytes) return; // a UTF-16 unit is at most 3 bytes
    const sb = this.byteAt(startG);
    if (this.byteAt(endG) - sb <= this.maxBytes) return;
    this.report(
      "too-large",
      `top-level construct larger than ${this.maxBytes} bytes`,
      sb,
      this.bytesBetween(sb, sb + Math.min(MAX_FINDING_BYTES, this.maxBytes + 1)),
    );
  }

  private report(kind: FindingKind, message: string, offset: number, bytes: Buffer): void {
    const fatal = isFatal(kind, this.recover);
    if (fatal) this._failed = true;
    this.emit("finding", { kind, message, offset, bytes: Buffer.from(bytes), fatal });
    if (fatal) throw STOP;
    this.afterEmit();
  }

  /** A finding seen by the byte layer at the next unfed byte. */
  private byteFinding(kind: FindingKind, message: string, bytes: Buffer): void {
    this.guard(this.openConstructStart(), this.fedChars);
    this.report(kind, message, this.consumed, bytes);
  }

  /**
   * A finding inside saxes, about the construct that began at startG and was recognised at the current
   * position. "head": its first bytes; "tail": the bytes up to and including where it went wrong.
   */
  private saxFinding(kind: FindingKind, message: string, startG: number, mode: "head" | "tail"): void {
    const endG = this.posNow();
    // The size limit comes first, so the events do not depend on where the input was split.
    this.guard(this.guardStart(), endG);
    const eb = this.byteAt(endG);
    let sb = startG < 0 ? 0 : this.byteAt(startG);
    if (mode === "tail") sb = Math.max(sb, eb - MAX_FINDING_BYTES);
    const end = mode === "head" ? Math.min(eb, sb + MAX_FINDING_BYTES) : eb;
    this.report(kind, message, sb, this.bytesBetween(sb, end));
  }

  private notWellFormed(message: string, mode: "head" | "tail" = "tail"): void {
    this.saxFinding("not-well-formed", message, this.ltG(), mode);
  }

  private afterEmit(): void {
    if (this.resetPending) throw RESTART;
  }

  private onSaxError(err: Error): void {
    const msg = err.message;
    switch (msg) {
      case "undefined entity.":
        this.saxFinding(
          "entity-reference",
          "reference to an undefined entity (restricted XML, RFC 6120 §11.1)",
          this.g(this.sax.ampPos),
          "head",
        );
        return;
      case "malformed character entity.": {
        const start = this.g(this.sax.ampPos);
        const ref = this.bytesBetween(this.byteAt(start), this.byteAt(this.posNow())).toString("utf8");
        if (CHAR_REF.test(ref)) {
          this.saxFinding("invalid-char", `${ref} refers to a character XML does not allow`, start, "head");
        } else {
          this.saxFinding("not-well-formed", `malformed character reference ${ref}`, start, "head");
        }
        return;
      }
      case "an XML declaration must be at the start of the document.":
        // Reported, with its bytes, when it ends (onXmlDecl); parse it as a fresh declaration meanwhile.
        this.midDeclaration = true;
        this.sax.restartDeclaration();
        return;
      case "the XML declaration must appear at the start of the document.": // <?XML ...?>: a PI, reported as one
      case "malformed comment.": // `--` inside a comment: the comment is reported when it ends
        return;
      case "text data outside of root node.":
        this.textOutsideRoot();
        return;
      case "inappropriately located doctype declaration.":
        this.saxFinding("dtd", "DTD (restricted XML, RFC 6120 §11.1)", this.ltG(), "head");
        return;
      default:
        this.notWellFormed(msg.endsWith(".") ? msg.slice(0, -1) : msg);
    }
  }

  /**
   * saxes says so at the end of each chunk of text, or at the next `<`: wherever the input was split. Report
   * the first non-space character instead: it is in the stretch of text saxes is reading, the rest of the
   * text before it being space (else saxes would have said so earlier).
   */
  private textOutsideRoot(): void {
    const sax = this.sax;
    if (!sax.inTextOutsideRoot) {
      this.notWellFormed("CDATA section outside the root element");
      return;
    }
    const raw = sax.raw;
    const chunk = raw.chunk;
    let k = Math.max(0, sax.textStart - raw.chunkPosition);
    while (k < raw.i && isSpace(chunk.charCodeAt(k))) k++;
    const g = this.posBase + raw.chunkPosition + k;
    const code = chunk.codePointAt(k) ?? 0;
    this.guard(this.guardStart(), this.posNow());
    const sb = this.byteAt(g);
    const eb = this.byteAt(g + (code > 0xffff ? 2 : 1));
    const where = this.framed ? "between frames" : "outside the stream element";
    this.report("not-well-formed", `text ${where}`, sb, this.bytesBetween(sb, eb));
  }

  // ---- tree ----

  private readonly onText = (text: string): void => {
    const children = this.stack[this.stack.length - 1].children;
    const n = children.length;
    if (n !== 0 && typeof children[n - 1] === "string") children[n - 1] += text;
    else children.push(text);
  };

  private onCdata(text: string): void {
    if (this.stack.length > this.topDepth) this.onText(text);
    else this.guard(this.guardStart(), this.posNow());
  }

  private onXmlDecl(decl: XMLDecl): void {
    if (this.midDeclaration) {
      this.midDeclaration = false;
      this.saxFinding("xml-declaration", "XML declaration after the start of the stream", this.ltG(), "head");
      return;
    }
    this.guard(this.guardStart(), this.posNow());
    const attrs: XmlDeclaration = {};
    if (decl.version !== undefined) attrs.version = decl.version;
    if (decl.encoding !== undefined) attrs.encoding = decl.encoding;
    if (decl.standalone !== undefined) attrs.standalone = decl.standalone;
    this.emit("declaration", attrs);
    this.afterEmit();
    if (attrs.encoding !== undefined && !UTF8_NAME.test(attrs.encoding)) {
      this.saxFinding(
        "unsupported-encoding",
        `encoding '${attrs.encoding}' declared; XMPP streams are UTF-8 only (RFC 6120 §11.6)`,
        this.ltG(),
        "head",
      );
    }
  }

  /** The top-level element still being read (no end tag yet): what a stream cut off mid-stanza leaves. */
  get unfinished(): Element | undefined {
    return this.stack.length > this.topDepth ? this.stack[this.topDepth] : undefined;
  }

  private onOpenTag(tag: SaxesTagPlain): void {
    const level = this.stack.length;
    const top = this.topDepth;
    if (level === top) {
      this.topStartG = this.ltG();
      this.ns.startTopLevel();
    }
    if (level - top + 1 > this.maxDepth) {
      this.saxFinding("too-deep", `elements nested deeper than ${this.maxDepth}`, this.ltG(), "head");
    }
    const name = tag.name;
    const attrs = tag.attributes; // a plain object: see InstrumentedSax
    const ns = this.ns;
    ns.open(name, attrs, this.sax.declares, this.sax.prefixed);
    if (ns.problem !== null) this.notWellFormed(ns.problem, "head");
    if (ns.unbound !== null) {
      const list = ns.unbound.map((p) => `'${p}'`).join(", ");
      this.saxFinding("bad-namespace-prefix", `undeclared namespace prefix ${list}`, this.ltG(), "head");
    }
    const el = new Element(name);
    el.attrs = attrs;
    this.stack.push(el);
    if (level > top) {
      const parent = this.stack[level - 1];
      parent.children.push(el);
      el.parent = parent;
    } else if (level === top) {
      this.sax.raw.textHandler = this.onText;
    } else {
      this.guard(this.guardStart(), this.posNow());
      this.emit("header", el);
      this.afterEmit();
    }
  }

  private onCloseTag(tag: SaxesTagPlain): void {
    const closing = this.sax.closingName;
    if (!tag.isSelfClosing && tag.name !== closing) {
      this.notWellFormed(`</${closing}> does not close <${tag.name}>`);
    }
    const el = this.stack.pop()!;
    this.ns.close();
    const level = this.stack.length;
    if (level > this.topDepth) return;
    const endG = this.posNow();
    if (level < this.topDepth) {
      this.guard(this.guardStart(), endG);
      this.emit("end");
      this.afterEmit();
      return;
    }
    this.guard(this.topStartG, endG);
    this.topStartG = -1;
    this.sax.raw.textHandler = undefined;
    if (!this.framed) {
      this.ns.selfContain(el, this.ns.headerDeclarations());
      this.emit("element", el);
      this.afterEmit();
      return;
    }
    const framing = el.getNS() === NS.framing;
    const local = el.getName();
    if (framing && local === "open") this.emit("header", el);
    else if (framing && local === "close") this.emit("end");
    else this.emit("element", el);
    throw RESTART; // each frame is a document of its own: the next may start with an XML declaration
  }
}

/**
 * Every finding in a whole buffer, from a fresh parser (an oracle's view of what a peer sent).
 * Pass `framed: true` for a bare sequence of elements without a stream element.
 */
export function findForbidden(bytes: Buffer | string, opts: ParserOptions = {}): Finding[] {
  const parser = new StreamParser({ recover: true, ...opts });
  const findings: Finding[] = [];
  parser.on("finding", (f) => findings.push(f));
  parser.write(bytes);
  parser.end();
  return findings;
}

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
const XML_NS = "http://www.w3.org/XML/1998/namespace";
const XMLNS_NS = "http://www.w3.org/2000/xmlns/";
const INVALID_CHAR = /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]/;
const CHAR_REF = /^&#(?:x[0-9a-fA-F]+|[0-9]+);$/;
const UTF8_NAME = /^utf-?8$/i;

// Thrown through saxes from our handlers: STOP after a fatal finding, RESTART to begin a new document
// (a stream reset asked for during a write, or the next RFC 7395 frame) with the rest of the chunk.
const STOP = { stop: true };
const RESTART = { restart: true };

type NsMap = Record<string, string>;

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
  private nsStack: (NsMap | null)[] = [];
  /** Per open element: the stack level whose element declared the default namespace in scope, or -1. */
  private defLevel: number[] = [];
  private headerNS: NsMap | null = null;
  private topStartG = -1;
  private usedDefault = false;
  private usedPrefixes: string[] | null = null;
  private midDeclaration = false;

  constructor(opts: ParserOptions = {}) {
    super();
    this.framed = opts.framed ?? false;
    this.recover = opts.recover ?? false;
    this.maxBytes = opts.maxStanzaBytes ?? 1_000_000;
    this.maxDepth = opts.maxDepth ?? 100;
    this.topDepth = this.framed ? 0 : 1;
    this.sax = new InstrumentedSax({
      doctypeStart: () => this.saxFinding("dtd", "DTD (restricted XML, RFC 6120 §11.1)", this.ltG(), "head"),
      entityEnd: () => {
        if (this.stack.length <= this.topDepth) this.guard(this.g(this.sax.ampPos), this.posNow());
      },
    });
    const p = this.sax.parser;
    p.on("opentag", (tag) => this.onOpenTag(tag));
    p.on("closetag", (tag) => this.onCloseTag(tag));
    p.on("cdata", (text) => this.onCdata(text));
    p.on("comment", () =>
      this.saxFinding("comment", "comment (restricted XML, RFC 6120 §11.1)", this.ltG(), "head"),
    );
    p.on("processinginstruction", () =>
      this.saxFinding(
        "processing-instruction",
        "processing instruction (restricted XML, RFC 6120 §11.1)",
        this.ltG(),
        "head",
      ),
    );
    p.on("xmldecl", (decl) => this.onXmlDecl(decl));
    p.on("error", (err) => this.onSaxError(err));
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
    }
  }

  private resetTree(): void {
    this.stack = [];
    this.nsStack = [];
    this.defLevel = [];
    this.headerNS = null;
    this.topStartG = -1;
    this.usedDefault = false;
    this.usedPrefixes = null;
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

  /** Where the construct saxes is in the middle of began, or -1 between constructs. */
  private openConstructStart(): number {
    if (this.stack.length > this.topDepth) return this.topStartG;
    const raw = this.sax.raw;
    const st = raw.state;
    if (st === S.TEXT || st === S.BEGIN || st === S.BEGIN_WHITESPACE) return -1;
    // The `<` or `&` just read is the last character saxes saw; its state handler has not run yet.
    if (st === S.OPEN_WAKA || (st === S.ENTITY && raw.entity === "")) return this.posNow() - 1;
    return st === S.ENTITY ? this.g(this.sax.ampPos) : this.ltG();
  }

  /** For an error saxes raised: the construct it is in, or the tag it has just closed. */
  private failingConstructStart(): number {
    const open = this.openConstructStart();
    if (open >= 0) return open;
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
    if (this.stack.length > this.topDepth) this.guard(this.topStartG, endG);
    else this.guard(mode === "head" ? startG : this.failingConstructStart(), endG);
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
      case "inappropriately located doctype declaration.":
        this.saxFinding("dtd", "DTD (restricted XML, RFC 6120 §11.1)", this.ltG(), "head");
        return;
      default:
        this.notWellFormed(msg.endsWith(".") ? msg.slice(0, -1) : msg);
    }
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
    else this.guard(this.ltG(), this.posNow());
  }

  private onXmlDecl(decl: XMLDecl): void {
    if (this.midDeclaration) {
      this.midDeclaration = false;
      this.saxFinding("xml-declaration", "XML declaration after the start of the stream", this.ltG(), "head");
      return;
    }
    this.guard(this.ltG(), this.posNow());
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

  private onOpenTag(tag: SaxesTagPlain): void {
    const level = this.stack.length;
    const top = this.topDepth;
    if (level === top) {
      this.topStartG = this.ltG();
      this.usedDefault = false;
      this.usedPrefixes = null;
    }
    if (level - top + 1 > this.maxDepth) {
      this.saxFinding("too-deep", `elements nested deeper than ${this.maxDepth}`, this.ltG(), "head");
    }
    const name = tag.name;
    const attrs = tag.attributes;
    const decls = this.scanNamespaces(name, attrs, level);
    const el = new Element(name, attrs);
    this.stack.push(el);
    this.nsStack.push(decls);
    if (level > top) {
      const parent = this.stack[level - 1];
      parent.children.push(el);
      el.parent = parent;
    } else if (level === top) {
      this.sax.raw.textHandler = this.onText;
    } else {
      this.headerNS = decls;
      this.guard(this.ltG(), this.posNow());
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
    this.nsStack.pop();
    this.defLevel.pop();
    const level = this.stack.length;
    if (level > this.topDepth) return;
    const endG = this.posNow();
    if (level < this.topDepth) {
      this.guard(this.ltG(), endG);
      this.emit("end");
      this.afterEmit();
      return;
    }
    this.guard(this.topStartG, endG);
    this.topStartG = -1;
    this.sax.raw.textHandler = undefined;
    if (!this.framed) {
      this.selfContain(el);
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

  /** Copy onto a top-level element the stream-header namespace declarations its subtree relies on. */
  private selfContain(el: Element): void {
    const header = this.headerNS;
    if (header === null) return;
    const attrs = el.attrs;
    if (this.usedDefault && attrs.xmlns === undefined) attrs.xmlns = header[""];
    const used = this.usedPrefixes;
    if (used === null) return;
    for (const prefix of used) {
      const key = `xmlns:${prefix}`;
      if (attrs[key] === undefined) attrs[key] = header[prefix];
    }
  }

  // ---- namespaces (Namespaces in XML 1.0; saxes runs without them, this is cheaper and finer-grained) ----

  private scanNamespaces(name: string, attrs: Record<string, string>, level: number): NsMap | null {
    let decls: NsMap | null = null;
    let prefixed = 0;
    for (const key in attrs) {
      if (key.charCodeAt(0) === 120 /* x */ && key.startsWith("xmlns")) {
        if (key.length === 5) {
          decls ??= Object.create(null) as NsMap;
          decls[""] = this.checkBinding("", attrs[key]);
          continue;
        }
        if (key.charCodeAt(5) === 58 /* : */) {
          const prefix = key.slice(6);
          if (prefix === "") this.notWellFormed("namespace declaration 'xmlns:' has no prefix", "head");
          decls ??= Object.create(null) as NsMap;
          decls[prefix] = this.checkBinding(prefix, attrs[key]);
          continue;
        }
      }
      if (key.indexOf(":") >= 0) prefixed++;
    }
    const parentDef = level > 0 ? this.defLevel[level - 1] : -1;
    const ownDefault = decls !== null && decls[""] !== undefined;
    this.defLevel.push(ownDefault ? level : parentDef);
    let unbound: string[] | null = null;
    const colon = name.indexOf(":");
    if (colon < 0) {
      if (!ownDefault && parentDef === 0 && level > 0 && !this.framed) this.usedDefault = true;
    } else {
      this.checkQName(name, colon);
      const prefix = name.slice(0, colon);
      if (prefix === "xmlns") this.notWellFormed(`element <${name}> uses the reserved prefix xmlns`, "head");
      if (prefix !== "xml" && this.lookup(prefix, decls, level) === undefined) unbound = [prefix];
    }
    if (prefixed > 0) unbound = this.scanPrefixedAttributes(attrs, decls, level, prefixed > 1, unbound);
    if (unbound !== null) {
      this.saxFinding(
        "bad-namespace-prefix",
        `undeclared namespace prefix ${unbound.map((p) => `'${p}'`).join(", ")}`,
        this.ltG(),
        "head",
      );
    }
    return decls;
  }

  private scanPrefixedAttributes(
    attrs: Record<string, string>,
    decls: NsMap | null,
    level: number,
    checkDuplicates: boolean,
    unbound: string[] | null,
  ): string[] | null {
    const seen = checkDuplicates ? new Set<string>() : null;
    for (const key in attrs) {
      const colon = key.indexOf(":");
      if (colon < 0 || (colon === 5 && key.startsWith("xmlns"))) continue;
      this.checkQName(key, colon);
      const prefix = key.slice(0, colon);
      const uri = prefix === "xml" ? XML_NS : this.lookup(prefix, decls, level);
      if (uri === undefined) {
        unbound ??= [];
        if (!unbound.includes(prefix)) unbound.push(prefix);
      } else if (seen !== null) {
        const expanded = `{${uri}}${key.slice(colon + 1)}`;
        if (seen.has(expanded)) this.notWellFormed(`attribute ${expanded} appears twice`, "head");
        seen.add(expanded);
      }
    }
    return unbound;
  }

  private lookup(prefix: string, decls: NsMap | null, level: number): string | undefined {
    if (decls !== null) {
      const uri = decls[prefix];
      if (uri !== undefined) return uri;
    }
    const scopes = this.nsStack;
    for (let i = level - 1; i >= 0; i--) {
      const m = scopes[i];
      if (m === null) continue;
      const uri = m[prefix];
      if (uri === undefined) continue;
      if (i === 0 && !this.framed) {
        const used = this.usedPrefixes;
        if (used === null) this.usedPrefixes = [prefix];
        else if (!used.includes(prefix)) used.push(prefix);
      }
      return uri;
    }
    return undefined;
  }

  private checkQName(name: string, colon: number): void {
    if (colon === 0 || colon === name.length - 1 || name.indexOf(":", colon + 1) >= 0) {
      this.notWellFormed(`'${name}' is not a qualified name (Namespaces in XML §4)`, "head");
    }
  }

  /** Namespaces in XML §3 constraints on a declaration; returns the value. */
  private checkBinding(prefix: string, uri: string): string {
    let problem: string | null = null;
    if (prefix === "xmlns") problem = "the prefix xmlns cannot be declared";
    else if (prefix === "xml" ? uri !== XML_NS : uri === XML_NS) problem = `${XML_NS} is bound to xml only`;
    else if (uri === XMLNS_NS) problem = `${XMLNS_NS} cannot be declared`;
    else if (prefix !== "" && uri === "") problem = `prefix '${prefix}' cannot be undeclared in XML 1.0`;
    else if (prefix.indexOf(":") >= 0) problem = `'${prefix}' is not a prefix`;
    if (problem !== null) this.notWellFormed(`namespace declaration: ${problem}`, "head");
    return uri;
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

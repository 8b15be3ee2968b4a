// The findings half of the stream parser: where in the input saxes is, which bytes a finding quotes, the
// size and depth limits, and how saxes' complaints and the restricted-XML constructs it reads become
// RFC 6120 §11 findings. StreamParser (parser.ts) drives saxes and builds the elements on top of it.
import { EventEmitter } from "node:events";
import type { XMLDecl } from "saxes";
import type { Element } from "./element.ts";
import { type FindingKind, isFatal } from "./findings.ts";
import type { ParserOptions, StreamParserEvents, XmlDeclaration } from "./parser-options.ts";
import { type InstrumentedSax, S } from "./sax.ts";
import { MAX_FINDING_BYTES, SegmentLog } from "./segments.ts";

const CHAR_REF = /^&#(?:x[0-9a-fA-F]+|[0-9]+);$/;
const UTF8_NAME = /^utf-?8$/i;

/** XML 1.0 S: space, tab, CR, LF. */
export function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d;
}

// Thrown through saxes from our handlers: STOP after a fatal finding, RESTART to begin a new document
// (a stream reset asked for during a write, or the next RFC 7395 frame) with the rest of the chunk.
export const STOP = { stop: true };
export const RESTART = { restart: true };

export abstract class ParserFindings extends EventEmitter<StreamParserEvents> {
  protected readonly framed: boolean;
  protected readonly recover: boolean;
  protected readonly maxBytes: number;
  protected readonly maxDepth: number;
  /** Stack depth at which top-level elements open: inside the stream element, or at the root when framed. */
  protected readonly topDepth: number;
  protected abstract readonly sax: InstrumentedSax;
  protected readonly log = new SegmentLog();

  protected _failed = false;
  /** Which UTF-16 unit fed saxes calls position 0 (it restarts per document). */
  protected posBase = 0;
  protected resetPending = false;

  // Tree.
  protected stack: Element[] = [];
  protected topStartG = -1;
  protected midDeclaration = false;

  constructor(opts: ParserOptions) {
    super();
    this.framed = opts.framed ?? false;
    this.recover = opts.recover ?? false;
    this.maxBytes = opts.maxStanzaBytes ?? 1_000_000;
    this.maxDepth = opts.maxDepth ?? 100;
    this.topDepth = this.framed ? 0 : 1;
  }

  // ---- positions ----

  protected g(saxPos: number): number {
    return saxPos < 0 ? -1 : this.posBase + saxPos;
  }

  protected ltG(): number {
    return this.g(this.sax.ltPos);
  }

  protected posNow(): number {
    return this.posBase + this.sax.position;
  }

  /**
   * Where the construct saxes is in the middle of began (the top-level element, or at stream level a tag,
   * comment, PI, CDATA section, or a reference in text), or -1 between constructs.
   */
  protected openConstructStart(): number {
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
  protected guardStart(): number {
    const open = this.openConstructStart();
    if (open >= 0) return open;
    if (this.sax.inEntity) return this.g(this.sax.ampPos);
    const raw = this.sax.raw;
    return raw.i > 0 && raw.chunk.charCodeAt(raw.i - 1) === 0x3e /* > */ ? this.ltG() : -1;
  }

  // ---- findings ----

  /** Refuse (fatally) a construct that began at startG and has grown past the limit by endG. */
  protected guard(startG: number, endG: number): void {
    if (startG < 0 || 3 * (endG - startG) <= this.maxBytes) return; // a UTF-16 unit is at most 3 bytes
    const sb = this.log.byteAt(startG);
    if (this.log.byteAt(endG) - sb <= this.maxBytes) return;
    this.report(
      "too-large",
      `top-level construct larger than ${this.maxBytes} bytes`,
      sb,
      this.log.bytesBetween(sb, sb + Math.min(MAX_FINDING_BYTES, this.maxBytes + 1)),
    );
  }

  protected report(kind: FindingKind, message: string, offset: number, bytes: Buffer): void {
    const fatal = isFatal(kind, this.recover);
    if (fatal) this._failed = true;
    this.emit("finding", { kind, message, offset, bytes: Buffer.from(bytes), fatal });
    if (fatal) throw STOP;
    this.afterEmit();
  }

  /** A finding seen by the byte layer at the next unfed byte. */
  protected byteFinding(kind: FindingKind, message: string, bytes: Buffer): void {
    this.guard(this.openConstructStart(), this.log.fedChars);
    this.report(kind, message, this.log.consumed, bytes);
  }

  /**
   * A finding inside saxes, about the construct that began at startG and was recognised at the current
   * position. "head": its first bytes; "tail": the bytes up to and including where it went wrong.
   */
  protected saxFinding(kind: FindingKind, message: string, startG: number, mode: "head" | "tail"): void {
    const endG = this.posNow();
    // The size limit comes first, so the events do not depend on where the input was split.
    this.guard(this.guardStart(), endG);
    const eb = this.log.byteAt(endG);
    let sb = startG < 0 ? 0 : this.log.byteAt(startG);
    if (mode === "tail") sb = Math.max(sb, eb - MAX_FINDING_BYTES);
    const end = mode === "head" ? Math.min(eb, sb + MAX_FINDING_BYTES) : eb;
    this.report(kind, message, sb, this.log.bytesBetween(sb, end));
  }

  protected notWellFormed(message: string, mode: "head" | "tail" = "tail"): void {
    this.saxFinding("not-well-formed", message, this.ltG(), mode);
  }

  protected afterEmit(): void {
    if (this.resetPending) throw RESTART;
  }

  // ---- what saxes reads and reports ----

  protected onDoctype(): void {
    this.saxFinding("dtd", "DTD (restricted XML, RFC 6120 §11.1)", this.ltG(), "head");
  }

  protected onComment(): void {
    this.saxFinding("comment", "comment (restricted XML, RFC 6120 §11.1)", this.ltG(), "head");
  }

  protected onProcessingInstruction(): void {
    this.saxFinding(
      "processing-instruction",
      "processing instruction (restricted XML, RFC 6120 §11.1)",
      this.ltG(),
      "head",
    );
  }

  /** At stream level a reference is a construct of its own, under the size limit like any. */
  protected onEntityEnd(): void {
    if (this.stack.length <= this.topDepth) this.guard(this.guardStart(), this.posNow());
  }

  protected onSaxError(err: Error): void {
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
        const ref = this.log
          .bytesBetween(this.log.byteAt(start), this.log.byteAt(this.posNow()))
          .toString("utf8");
        if (CHAR_REF.test(ref)) {
          this.saxFinding("invalid-char", `${ref} refers to a character XML does not allow`, start, "head");
        } else {
          this.saxFinding("not-well-formed", `malformed character reference ${ref}`, start, "head");
        }
        return;
      }
      case "malformed entity reference.":
        this.saxFinding(
          "not-well-formed",
          "'&' starts no entity or character reference",
          this.g(this.sax.ampPos),
          "head",
        );
        return;
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
    const sb = this.log.byteAt(g);
    const eb = this.log.byteAt(g + (code > 0xffff ? 2 : 1));
    const where = this.framed ? "between frames" : "outside the stream element";
    this.report("not-well-formed", `text ${where}`, sb, this.log.bytesBetween(sb, eb));
  }

  /** The XML declaration: emitted, unless it comes mid-stream; an encoding other than UTF-8 is refused. */
  protected onXmlDecl(decl: XMLDecl): void {
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
}

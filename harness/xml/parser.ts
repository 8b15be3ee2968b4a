// The incremental XMPP stream parser shared by the reference client and the reference server: bytes in,
// @xmpp/xml elements and RFC 6120 §11 findings out, the same events whatever the chunk split.
//
// Layers: bytes -> (UTF-8 carry + validation, native fast paths: utf8-input.ts) -> decoded pieces of at
// most 64 KiB -> (XML Char check) -> saxes -> elements. Each piece is remembered with its byte offset
// (segments.ts) until no open construct needs it, so saxes' character positions map back to exact byte
// offsets and bytes. This file drives saxes and builds the tree; parser-findings.ts turns positions and
// saxes' complaints into findings.
import type { SaxesTagPlain } from "saxes";
import { Element, NS } from "./element.ts";
import type { Finding } from "./findings.ts";
import { NamespaceScopes } from "./namespaces.ts";
import { isSpace, ParserFindings, RESTART, STOP } from "./parser-findings.ts";
import type { ParserOptions } from "./parser-options.ts";
import { InstrumentedSax } from "./sax.ts";
import { Utf8Input } from "./utf8-input.ts";

export type { Finding, FindingKind } from "./findings.ts";
export type { ParserLimits, ParserOptions, StreamParserEvents, XmlDeclaration } from "./parser-options.ts";

export class StreamParser extends ParserFindings {
  protected readonly sax: InstrumentedSax;
  private readonly input: Utf8Input;

  private _bytesIn = 0;

  // Re-entrancy.
  private writing = false;
  private inSax = false;
  private readonly queue: Buffer[] = [];

  // Tree.
  private readonly ns: NamespaceScopes;
  /** Whitespace before a restarted stream or the next RFC 7395 frame belongs to what came before: skip it. */
  private gap = false;

  constructor(opts: ParserOptions = {}) {
    super(opts);
    this.ns = new NamespaceScopes(!this.framed);
    this.input = new Utf8Input(this.log, {
      text: (s) => this.saxWrite(s),
      pieceEnd: () => this.afterPiece(),
      finding: (kind, message, bytes) => this.byteFinding(kind, message, bytes),
    });
    this.sax = new InstrumentedSax(
      {
        doctypeStart: () => this.onDoctype(),
        entityEnd: () => this.onEntityEnd(),
        commentEnd: () => this.onComment(),
      },
      {
        openTagHandler: (tag) => this.onOpenTag(tag),
        closeTagHandler: (tag) => this.onCloseTag(tag),
        cdataHandler: (text) => this.onCdata(text),
        piHandler: () => this.onProcessingInstruction(),
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
      this.input.write(buf);
      while (this.queue.length > 0 && !this._failed) this.input.write(this.queue.shift()!);
    });
  }

  /** The input is over: a UTF-8 sequence still missing bytes is reported. */
  end(): void {
    if (this._failed || this.writing) return;
    this.run(() => this.input.end());
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
    this.posBase = this.log.fedChars;
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

  // ---- text -> saxes ----

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
    if (startG >= 0) this.guard(startG, this.log.fedChars);
    this.log.prune(startG);
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

  /** The top-level element still being read (no end tag yet): what a stream cut off mid-stanza leaves. */
  get unfinished(): Element | undefined {
    return this.stack.length > this.topDepth ? this.stack[this.topDepth] : undefined;
  }

  /** The names of the elements inside the stream still open, outermost first (their end tags not read yet). */
  get openNames(): string[] {
    return this.stack.slice(this.topDepth).map((el) => el.name);
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

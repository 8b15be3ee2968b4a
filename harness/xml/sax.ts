// saxes, instrumented. saxes reports no start offsets, reads a whole DTD before saying so, reports text
// outside the root wherever a chunk ends, and builds attributes as null-prototype objects; the stream
// parser needs otherwise. Rather than scanning the input a second time, we wrap a few entries of saxes 6's
// state table (each runs once per `<`, `&`, `<!` or `-->`, not per character) and replace four of its
// per-instance methods. The constructor checks all of them are what we expect, so a saxes upgrade that
// moves them fails loudly at construction.
import { SaxesParser, type SaxesTagPlain, type XMLDecl } from "saxes";

export type SaxOptions = {
  xmlns: false;
  position: false;
  forceXMLVersion: true;
  defaultXMLVersion: "1.0";
};

/** saxes 6 state numbers (saxes.js: S_BEGIN ... S_OPEN_WAKA_BANG). */
export const S = {
  BEGIN: 0,
  BEGIN_WHITESPACE: 1,
  DOCTYPE: 2,
  TEXT: 13,
  ENTITY: 14,
  OPEN_WAKA: 15,
  OPEN_WAKA_BANG: 16,
  COMMENT_ENDED: 19,
} as const;

/** The saxes fields we read; they are private in its typings. */
export interface SaxInternals extends Partial<SaxHandlers> {
  state: number;
  entityReturnState?: number;
  chunk: string;
  i: number;
  chunkPosition: number;
  carriedFromPrevious?: string;
  entity: string;
  name: string;
  xmlDecl: XMLDecl;
  xmlDeclExpects: string[];
  textHandler?: (text: string) => void;
  stateTable: Array<(this: SaxInternals) => void>;
  closeTag(): void;
  handleTextOutsideRoot(): void;
  processAttribs(): void;
  attribList: Array<{ name: string; value: string }>;
  tag: { attributes: Record<string, string> } | null;
  fail(message: string): void;
  _init(): void;
}

export interface SaxHooks {
  /** `<!DOCTYPE` has just been read (before any of the DTD). */
  doctypeStart(): void;
  /** An entity or character reference has just ended (well-formed or not). */
  entityEnd(): void;
  /** A comment has just ended with `-->` (saxes' own comment event fires at `--`, and twice for `<!-- -- -->`). */
  commentEnd(): void;
}

/** saxes event handlers, by the property names saxes calls them through. */
export interface SaxHandlers {
  openTagHandler(tag: SaxesTagPlain): void;
  closeTagHandler(tag: SaxesTagPlain): void;
  cdataHandler(text: string): void;
  piHandler(pi: { target: string; body: string }): void;
  xmldeclHandler(decl: XMLDecl): void;
  errorHandler(err: Error): void;
}

/**
 * Where a reference being read stops being one: the first ASCII character before `;` that no entity name
 * nor character reference holds. -1: none. A character past ASCII is passed over (saxes' check of the name
 * at `;` decides on it), not taken as the end of the scan: an ASCII one after it must be found whether the
 * two came in one chunk or two.
 */
function badReferenceChar(chunk: string, from: number): number {
  for (let k = from; k < chunk.length; k++) {
    const c = chunk.charCodeAt(k);
    if (c === 59 /* ; */) return -1;
    if (c >= 0x80) continue;
    const ok =
      (c >= 97 && c <= 122) ||
      (c >= 65 && c <= 90) ||
      (c >= 48 && c <= 57) ||
      c === 35 ||
      c === 46 ||
      c === 45 ||
      c === 95 ||
      c === 58; // a-z A-Z 0-9 # . - _ :
    if (!ok) return k;
  }
  return -1;
}

export class InstrumentedSax {
  readonly parser: SaxesParser<SaxOptions>;
  readonly raw: SaxInternals;
  /** saxes position of the latest `<` and `&` (saxes positions count UTF-16 units since _init). */
  ltPos = -1;
  ampPos = -1;
  /** Name in the close tag being processed, so a mismatch is caught before saxes pops the open tag. */
  closingName = "";
  /** True while saxes reads an entity or character reference (so its errors and hooks can tell). */
  inEntity = false;
  /** For the start tag just read: some attribute is xmlns or xmlns:*; how many other names have a colon. */
  declares = false;
  prefixed = 0;
  /** While saxes reads text outside the root element: where this stretch of it began (saxes position). */
  inTextOutsideRoot = false;
  textStart = -1;

  constructor(hooks: SaxHooks, handlers: SaxHandlers) {
    const parser = new SaxesParser<SaxOptions>({
      xmlns: false,
      position: false,
      forceXMLVersion: true,
      defaultXMLVersion: "1.0",
    });
    this.parser = parser;
    const track = this;
    const raw = parser as unknown as SaxInternals;
    this.raw = raw;
    // Handlers are set by name, not with parser.on(): on() stores by computed key, and past a dozen such
    // stores V8 turns the parser into a dictionary-mode object, which makes all of saxes ~5x slower.
    raw.openTagHandler = handlers.openTagHandler;
    raw.closeTagHandler = handlers.closeTagHandler;
    raw.cdataHandler = handlers.cdataHandler;
    raw.piHandler = handlers.piHandler;
    raw.xmldeclHandler = handlers.xmldeclHandler;
    raw.errorHandler = handlers.errorHandler;
    raw.textHandler = undefined;
    const proto = SaxesParser.prototype as unknown as Record<string, unknown>;
    const table = raw.stateTable;
    const expect: Array<[number, string]> = [
      [S.BEGIN, "sBegin"],
      [S.BEGIN_WHITESPACE, "sBeginWhitespace"],
      [S.DOCTYPE, "sDoctype"],
      [S.TEXT, "sText"],
      [S.ENTITY, "sEntity"],
      [S.OPEN_WAKA, "sOpenWaka"],
      [S.OPEN_WAKA_BANG, "sOpenWakaBang"],
      [S.COMMENT_ENDED, "sCommentEnded"],
    ];
    for (const [n, name] of expect) {
      if (table?.[n] !== proto[name]) throw new Error(`saxes internals changed (state ${n} is not ${name})`);
    }
    if (raw.processAttribs !== proto.processAttribsPlain || !Array.isArray(raw.attribList)) {
      throw new Error("saxes internals changed (processAttribs)");
    }
    for (const name of ["closeTag", "handleTextOutsideRoot"]) {
      if (typeof proto[name] !== "function") throw new Error(`saxes internals changed (${name})`);
    }

    // RFC 6120 §11.6: U+FEFF is a zero-width no-break space, not a BOM to skip.
    table[S.BEGIN] = function (this: SaxInternals) {
      this.state = S.BEGIN_WHITESPACE;
    };
    const openWaka = table[S.OPEN_WAKA];
    table[S.OPEN_WAKA] = function (this: SaxInternals) {
      track.ltPos = this.chunkPosition + this.i - 1;
      openWaka.call(this);
    };
    const openWakaBang = table[S.OPEN_WAKA_BANG];
    table[S.OPEN_WAKA_BANG] = function (this: SaxInternals) {
      openWakaBang.call(this);
      if (this.state === S.DOCTYPE) hooks.doctypeStart();
    };
    const entity = table[S.ENTITY];
    table[S.ENTITY] = function (this: SaxInternals) {
      if (this.entity === "") track.ampPos = this.chunkPosition + this.i - 1;
      track.inEntity = true;
      const bad = badReferenceChar(this.chunk, this.i);
      if (bad >= 0) {
        // saxes reads a reference up to the next `;` whatever comes first, so `&lt<a>` or `& ` swallowed the
        // rest of the stream; XML 1.0 §4.1 allows only a name or `#` and digits. Go on as text at that char.
        this.entity = "";
        this.i = bad;
        this.state = this.entityReturnState ?? S.TEXT;
        this.fail("malformed entity reference.");
      } else entity.call(this);
      if (this.state !== S.ENTITY) hooks.entityEnd();
      track.inEntity = false;
    };
    const commentEnded = table[S.COMMENT_ENDED];
    table[S.COMMENT_ENDED] = function (this: SaxInternals) {
      commentEnded.call(this);
      if (this.state === S.TEXT) hooks.commentEnd();
    };
    // Attributes as a plain object (saxes makes a null-prototype one, which ltx cannot use and which is slow
    // to copy), noting on the way what the namespace checks need to look at.
    raw.processAttribs = function (this: SaxInternals) {
      const list = this.attribList;
      const attrs: Record<string, string> = {};
      let declares = false;
      let prefixed = 0;
      // Most child elements have none: skip the loop and keep the (empty) list.
      if (list.length !== 0) {
        for (let i = 0; i < list.length; i++) {
          const { name, value } = list[i];
          for (let j = 0; j < i; j++) if (list[j].name === name) this.fail(`duplicate attribute: ${name}.`);
          if (name === "__proto__")
            Object.defineProperty(attrs, name, { value, enumerable: true, writable: true });
          else attrs[name] = value;
          if (name.charCodeAt(0) === 120 /* x */ && name.startsWith("xmlns")) {
            if (name.length === 5 || name.charCodeAt(5) === 58 /* : */) {
              declares = true;
              continue;
            }
          }
          if (name.indexOf(":") >= 0) prefixed++;
        }
        this.attribList = []; // as saxes does: cheaper than emptying the list in place (a runtime call)
      }
      const tag = this.tag;
      if (tag !== null) tag.attributes = attrs; // saxes has just made it (sOpenTag)
      track.declares = declares;
      track.prefixed = prefixed;
    };
    const textOutsideRoot = proto.handleTextOutsideRoot as (this: SaxInternals) => void;
    raw.handleTextOutsideRoot = function (this: SaxInternals) {
      track.textStart = this.chunkPosition + this.i;
      track.inTextOutsideRoot = true;
      textOutsideRoot.call(this);
      track.inTextOutsideRoot = false;
    };
    const closeTag = proto.closeTag as (this: SaxInternals) => void;
    raw.closeTag = function (this: SaxInternals) {
      track.closingName = this.name;
      closeTag.call(this);
    };
  }

  /** Current saxes position (UTF-16 units since the last _init). */
  get position(): number {
    return this.raw.chunkPosition + this.raw.i;
  }

  /** What saxes has not consumed of the chunk it is writing (when a handler stopped it mid-chunk). */
  unconsumed(): string {
    const raw = this.raw;
    return raw.chunk.slice(raw.i) + (raw.carriedFromPrevious ?? "");
  }

  /** A fresh document: saxes state, XML declaration allowed again, positions from 0. */
  reinit(): void {
    this.raw._init();
    this.raw.textHandler = undefined;
    this.ltPos = -1;
    this.ampPos = -1;
    this.closingName = "";
    this.inEntity = false;
    this.inTextOutsideRoot = false;
    this.textStart = -1;
  }

  /** Parse the XML declaration being read as if it were the first (used for a misplaced one). */
  restartDeclaration(): void {
    this.raw.xmlDeclExpects = ["version"];
    this.raw.xmlDecl = { version: undefined, encoding: undefined, standalone: undefined };
  }
}

// Namespaces in XML 1.0 for the stream parser (saxes runs without its own namespace support: this is
// cheaper, and tells an undeclared prefix from other namespace errors). It keeps the scopes, checks each
// start tag, and remembers which stream-header declarations a top-level element relies on, so the parser
// can copy them onto it.
import type { Element } from "./element.ts";

const XML_NS = "http://www.w3.org/XML/1998/namespace";
const XMLNS_NS = "http://www.w3.org/2000/xmlns/";

type NsMap = Record<string, string>;

/** An open element's declarations, and the default namespace's origin to restore when it closes. */
interface Scope {
  level: number;
  decls: NsMap;
  outerDefaultFrom: number;
}

export class NamespaceScopes {
  /** After open(): a namespace-well-formedness error in the start tag (the first found), or null. */
  problem: string | null = null;
  /** After open(): prefixes used in the start tag that no scope declares, or null. */
  unbound: string[] | null = null;

  /** How many elements are open. */
  private depth = 0;
  /**
   * The open elements that declare namespaces, innermost last: most elements declare none, and then cost
   * only the depth count.
   */
  private scopes: Scope[] = [];
  /** The level of the element that declared the default namespace in scope, or -1. */
  private defaultFrom = -1;
  private usedDefault = false;
  private usedPrefixes: string[] | null = null;

  /** @param header whether level 0 is a stream header whose declarations top-level elements inherit. */
  constructor(private readonly header: boolean) {}

  reset(): void {
    this.depth = 0;
    this.scopes = [];
    this.defaultFrom = -1;
    this.usedDefault = false;
    this.usedPrefixes = null;
    this.problem = null;
    this.unbound = null;
  }

  /** A top-level element starts: forget what the previous one relied on. */
  startTopLevel(): void {
    this.usedDefault = false;
    this.usedPrefixes = null;
  }

  /**
   * Enter a start tag. `declares`: some attribute is xmlns or xmlns:*; `prefixed`: how many other
   * attribute names have a colon (both known from reading the attributes, so most tags skip the scans).
   */
  open(name: string, attrs: Record<string, string>, declares: boolean, prefixed: number): void {
    this.problem = null;
    this.unbound = null;
    const level = this.depth++;
    const parentDefault = this.defaultFrom;
    let ownDefault = false;
    if (declares) {
      const decls = Object.create(null) as NsMap;
      for (const key in attrs) {
        if (key === "xmlns") decls[""] = this.checkBinding("", attrs[key]);
        else if (key.startsWith("xmlns:")) {
          const prefix = key.slice(6);
          if (prefix === "") this.fail("'xmlns:' declares no prefix");
          else decls[prefix] = this.checkBinding(prefix, attrs[key]);
        }
      }
      this.scopes.push({ level, decls, outerDefaultFrom: parentDefault });
      ownDefault = decls[""] !== undefined;
      if (ownDefault) this.defaultFrom = level;
    }
    const colon = name.indexOf(":");
    if (colon < 0) {
      if (!ownDefault && parentDefault === 0 && level > 0 && this.header) this.usedDefault = true;
    } else {
      this.checkQName(name, colon);
      const prefix = name.slice(0, colon);
      if (prefix === "xmlns") this.fail(`element <${name}> uses the reserved prefix xmlns`);
      else if (prefix !== "xml" && this.lookup(prefix, level) === undefined) this.unbound = [prefix];
    }
    if (prefixed > 0) this.checkPrefixedAttributes(attrs, level, prefixed > 1);
  }

  close(): void {
    if (this.depth === 0) return;
    const level = --this.depth;
    const scopes = this.scopes;
    const n = scopes.length;
    if (n !== 0 && scopes[n - 1].level === level) {
      this.defaultFrom = scopes[n - 1].outerDefaultFrom;
      scopes.pop();
    }
  }

  /** The declarations of the element at level 0 (the stream header). */
  headerDeclarations(): NsMap | null {
    const first = this.scopes[0];
    return first !== undefined && first.level === 0 ? first.decls : null;
  }

  /** Copy onto a finished top-level element the stream-header declarations its subtree relies on. */
  selfContain(el: Element, header: NsMap | null): void {
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

  private checkPrefixedAttributes(
    attrs: Record<string, string>,
    level: number,
    checkDuplicates: boolean,
  ): void {
    const seen = checkDuplicates ? new Set<string>() : null;
    for (const key in attrs) {
      const colon = key.indexOf(":");
      if (colon < 0 || (colon === 5 && key.startsWith("xmlns"))) continue;
      this.checkQName(key, colon);
      const prefix = key.slice(0, colon);
      const uri = prefix === "xml" ? XML_NS : this.lookup(prefix, level);
      if (uri === undefined) {
        this.unbound ??= [];
        if (!this.unbound.includes(prefix)) this.unbound.push(prefix);
      } else if (seen !== null) {
        const expanded = `{${uri}}${key.slice(colon + 1)}`;
        if (seen.has(expanded)) this.fail(`attribute ${expanded} appears twice`);
        seen.add(expanded);
      }
    }
  }

  /** The namespace bound to a prefix at `level` (the element being opened) or above. */
  private lookup(prefix: string, level: number): string | undefined {
    const scopes = this.scopes;
    for (let i = scopes.length - 1; i >= 0; i--) {
      const scope = scopes[i];
      const uri = scope.decls[prefix];
      if (uri === undefined) continue;
      if (scope.level === 0 && level > 0 && this.header) {
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
      this.fail(`'${name}' is not a qualified name (Namespaces in XML §4)`);
    }
  }

  /** Namespaces in XML §3 constraints on one declaration; returns the value. */
  private checkBinding(prefix: string, uri: string): string {
    if (prefix === "xmlns") this.fail("the prefix xmlns cannot be declared");
    else if (prefix === "xml" ? uri !== XML_NS : uri === XML_NS) this.fail(`${XML_NS} is bound to xml only`);
    else if (uri === XMLNS_NS) this.fail(`${XMLNS_NS} cannot be declared`);
    else if (prefix !== "" && uri === "") this.fail(`prefix '${prefix}' cannot be undeclared in XML 1.0`);
    else if (prefix.indexOf(":") >= 0) this.fail(`'xmlns:${prefix}' does not declare a prefix`);
    return uri;
  }

  private fail(problem: string): void {
    this.problem ??= `namespaces: ${problem}`;
  }
}

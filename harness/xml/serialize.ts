// Writing XMPP XML: stream headers and footers (RFC 6120 §4.2), RFC 7395 framing, elements.
import { type Element, NS } from "./element.ts";

export { findForbidden } from "./parser.ts";

/** Attributes to write; an undefined value leaves the attribute out. */
export type Attrs = Record<string, string | undefined>;

const ATTR_ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&apos;",
  "\t": "&#x9;",
  "\n": "&#xA;",
  "\r": "&#xD;",
};
const TEXT_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#xD;" };

/**
 * Escape an attribute value. Tab, CR and LF are written as character references: a parser normalises
 * literal ones to spaces (XML 1.0 §3.3.3), so this is what makes values round-trip.
 */
export function escapeAttr(value: string): string {
  return value.replace(/[&<>"'\t\n\r]/g, (c) => ATTR_ESCAPES[c]);
}

/** Escape character data; CR as a reference, since a parser turns a literal CR into LF (XML 1.0 §2.11). */
export function escapeText(text: string): string {
  return text.replace(/[&<>\r]/g, (c) => TEXT_ESCAPES[c]);
}

function writeAttrs(attrs: Attrs): string {
  let out = "";
  for (const name in attrs) {
    const value = attrs[name];
    if (value !== undefined && value !== null) out += ` ${name}='${escapeAttr(String(value))}'`;
  }
  return out;
}

/**
 * The XML declaration and the opening <stream:stream> tag. `xmlns:stream` is added when the key is absent
 * (pass it as undefined to leave it out); nothing else is defaulted.
 */
export function streamHeader(attrs: Attrs): string {
  const all: Attrs = "xmlns:stream" in attrs ? attrs : { ...attrs, "xmlns:stream": NS.stream };
  return `<?xml version='1.0'?><stream:stream${writeAttrs(all)}>`;
}

export function streamFooter(): string {
  return "</stream:stream>";
}

/** RFC 7395 §3.3.2 <open/>; `xmlns` defaults to the framing namespace. */
export function frameOpen(attrs: Attrs): string {
  const all: Attrs = "xmlns" in attrs ? attrs : { xmlns: NS.framing, ...attrs };
  return `<open${writeAttrs(all)}/>`;
}

/** RFC 7395 §3.6 <close/>. */
export function frameClose(attrs: Attrs = {}): string {
  const all: Attrs = "xmlns" in attrs ? attrs : { xmlns: NS.framing, ...attrs };
  return `<close${writeAttrs(all)}/>`;
}

/**
 * An element as XML text: like ltx's toString, but escaping so that parsing the result gives back the same
 * element (attribute whitespace and CR survive), and skipping null/undefined children and attributes.
 */
export function serialize(el: Element): string {
  let out = `<${el.name}${writeAttrs(el.attrs)}`;
  const children = el.children;
  if (children.length === 0) return `${out}/>`;
  out += ">";
  for (const child of children) {
    if (child === null || child === undefined) continue;
    if (typeof child === "string") out += escapeText(child);
    // a node that is not an element (the unescaped-relay fault's raw markup) is written as its text
    else out += Array.isArray(child.children) ? serialize(child) : String(child);
  }
  return `${out}</${el.name}>`;
}

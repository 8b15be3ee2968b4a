// Small element helpers shared by the stanza layer.
import { Element, NS } from "../../xml/element.ts";

/** A deep copy with no parent: every delivery gets its own copy, so recipients never share mutable state. */
export function cloneElement(el: Element): Element {
  const copy = new Element(el.name, { ...el.attrs });
  for (const child of el.children) {
    copy.cnode(typeof child === "string" ? child : cloneElement(child));
  }
  return copy;
}

/** The element children (text and whitespace dropped). */
export function childElements(el: Element): Element[] {
  return el.children.filter((c): c is Element => typeof c !== "string");
}

/** Is `ns` the content namespace (or none, which a stanza's own children inherit from the stream)? */
export function isContentNs(ns: string | undefined): boolean {
  return ns === undefined || ns === NS.client || ns === NS.server;
}

/** The children named `name` that belong to the content namespace (<body/>, <priority/>, <show/>...). */
export function contentChildren(el: Element, name: string): Element[] {
  return childElements(el).filter((c) => c.getName() === name && isContentNs(c.getNS()));
}

/** Server-generated ids: unique per server instance, opaque to clients. */
export function idFactory(): (prefix: string) => string {
  const base = Math.random().toString(36).slice(2, 8);
  let n = 0;
  return (prefix) => `${prefix}-${base}-${++n}`;
}

/** XEP-0082 DateTime in UTC, as used by XEP-0203 delayed delivery stamps. */
export function xmppTimestamp(d: Date): string {
  return d.toISOString();
}

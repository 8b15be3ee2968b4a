// Elements compared as XML namespaces see them (I-oracle-fidelity-prefixes; RFC 6120 §8.4: a receiver "MUST NOT depend on the prefix
// strings"): names by namespace, attributes sorted, adjacent text joined. Shared by the fuzzer's payload
// oracle and the runner's fidelity oracle.
import { type Element, NS } from "./element.ts";

/** An attribute's name with its prefix replaced by the namespace it stands for. */
function attributeName(el: Element, name: string): string {
  const colon = name.indexOf(":");
  if (colon < 0) return name;
  const prefix = name.slice(0, colon);
  const ns = prefix === "xml" ? NS.xml : (el.findNS(prefix) ?? prefix);
  return `{${ns}}${name.slice(colon + 1)}`;
}

/** The element's local name (without its prefix). */
export function localName(el: Element): string {
  const colon = el.name.indexOf(":");
  return colon < 0 ? el.name : el.name.slice(colon + 1);
}

/** The attributes that are data (not namespace declarations), by namespace-resolved name. */
export function dataAttributes(el: Element): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(el.attrs)) {
    if (k === "xmlns" || k.startsWith("xmlns:") || v === undefined) continue;
    out.set(attributeName(el, k), v);
  }
  return out;
}

/**
 * The stanza content namespaces of client, server and component streams (RFC 6120 §4.8.2, XEP-0114): a
 * child in the stream's default namespace is the same child whichever stream carried it.
 */
const STREAM_CONTENT = new Set<string>([NS.server, NS.component]);

/** A canonical form of an element for payload comparison: names by namespace, attributes sorted. */
export function canonical(el: Element, inherited: string = NS.client): string {
  // an element built here (not parsed) has no declared default namespace: the stream's applies
  const declared = el.getNS() ?? inherited;
  const ns = STREAM_CONTENT.has(declared) ? NS.client : declared;
  const attrs = [...dataAttributes(el)]
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
    .sort()
    .join(" ");
  // adjacent text nodes are one text (a parser may deliver character data in pieces)
  const parts: string[] = [];
  let text = "";
  for (const c of el.children) {
    if (typeof c === "string") text += c;
    else {
      if (text) parts.push(JSON.stringify(text));
      text = "";
      parts.push(canonical(c as Element, ns));
    }
  }
  if (text) parts.push(JSON.stringify(text));
  return `{${ns}}${localName(el)}[${attrs}](${parts.join("")})`;
}

/** The character data directly inside `el` (not inside its children). */
export function ownText(el: Element): string {
  return el.children.filter((c): c is string => typeof c === "string").join("");
}

export interface ChildDiff {
  /** Children sent that did not come back equal. */
  missing: Element[];
  /** Children received that match no child sent. */
  extra: Element[];
}

/**
 * The child elements of `got` against those of `sent`: each sent child must come back equal, in any
 * order (no XMPP semantics rest on the order of a stanza's children: fixtures/rfc/interpretations.tsv,
 * I-oracle-fidelity-child-order); whatever else `got` holds is `extra`. `inherited` is the stanzas' namespace.
 */
export function childDiff(
  sent: Element,
  got: Element,
  inherited: string = NS.client,
  /** Children left out on both sides (ones the server may change). */
  ignore: (el: Element) => boolean = () => false,
): ChildDiff {
  const left = new Map<string, Element[]>();
  for (const h of got.getChildElements()) {
    if (ignore(h)) continue;
    const k = canonical(h, inherited);
    left.set(k, [...(left.get(k) ?? []), h]);
  }
  const missing = sent
    .getChildElements()
    .filter((c) => !ignore(c) && !left.get(canonical(c, inherited))?.shift());
  return { missing, extra: [...left.values()].flat() };
}

// How the reference server reads a first-level element's name (RFC 6120 §4.8): its prefix, local name and
// namespace, and whether it is a stanza.
import { type Element, NS } from "../xml/element.ts";

export const STANZA_NAMES: ReadonlySet<string> = new Set(["message", "presence", "iq"]);

/** The element's prefix, local name and namespace; unqualified elements belong to the content namespace. */
export function qualify(
  el: Element,
  framed: boolean,
): { prefix: string | undefined; local: string; ns: string | undefined } {
  const i = el.name.indexOf(":");
  const prefix = i < 0 ? undefined : el.name.slice(0, i);
  const local = i < 0 ? el.name : el.name.slice(i + 1);
  let ns: string | undefined = prefix === undefined ? el.attrs.xmlns : el.attrs[`xmlns:${prefix}`];
  ns ??= el.getNS();
  // On a byte stream the parser copies the header's content namespace onto each element; without one
  // (prefix-free canonicalization, §4.8.2) each element declares its own, and one in no namespace is not
  // understood. A WebSocket frame should declare it too (RFC 7395 §3.3.3), but as is common practice an
  // unqualified frame is taken as 'jabber:client', the only content namespace of a client stream.
  if (ns === undefined && prefix === undefined && framed) ns = NS.client;
  return { prefix, local, ns };
}

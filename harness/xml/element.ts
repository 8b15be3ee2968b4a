// The element model shared by the client, the reference server and the suites: @xmpp/xml (ltx).
import { Element, escapeXML, escapeXMLText, xml } from "@xmpp/xml";

export { Element, escapeXML, escapeXMLText, xml };

export const NS = {
  stream: "http://etherx.jabber.org/streams",
  client: "jabber:client",
  server: "jabber:server",
  streams: "urn:ietf:params:xml:ns:xmpp-streams",
  stanzas: "urn:ietf:params:xml:ns:xmpp-stanzas",
  tls: "urn:ietf:params:xml:ns:xmpp-tls",
  sasl: "urn:ietf:params:xml:ns:xmpp-sasl",
  bind: "urn:ietf:params:xml:ns:xmpp-bind",
  session: "urn:ietf:params:xml:ns:xmpp-session",
  framing: "urn:ietf:params:xml:ns:xmpp-framing",
  roster: "jabber:iq:roster",
  register: "jabber:iq:register",
  registerFeature: "http://jabber.org/features/iq-register",
  ping: "urn:xmpp:ping",
  discoInfo: "http://jabber.org/protocol/disco#info",
  discoItems: "http://jabber.org/protocol/disco#items",
  delay: "urn:xmpp:delay",
  xml: "http://www.w3.org/XML/1998/namespace",
  /** XEP-0114: a component connecting to the server. */
  component: "jabber:component:accept",
} as const;

/** The namespace an element is in, resolving prefixes and defaults up its ancestors. */
export function nsOf(el: Element): string | undefined {
  return el.getNS();
}

/** An element (or text) cut for a failure message. */
export function clip(el: Element | string, n = 300): string {
  const s = typeof el === "string" ? el : el.toString();
  return s.length > n ? `${s.slice(0, n)}…` : s;
}

// Resource binding by hand (RFC 6120 §7.6-§7.7): the request and the JID a result carries, for cases
// that judge the raw reply where Session.bind() would throw.
import { type Element, NS, xml } from "./stanzas.ts";

/** <iq type='set'><bind><resource/></bind></iq>; no resource: ask the server to generate one. */
export function bindRequest(resource?: string, id?: string): Element {
  const r = resource === undefined ? null : xml("resource", {}, resource);
  return xml("iq", { type: "set", id }, xml("bind", { xmlns: NS.bind }, r));
}

/** The trimmed <jid/> of a bind result ('' when there is none). */
export function boundJid(reply: Element): string {
  return reply.getChild("bind", NS.bind)?.getChildText("jid")?.trim() ?? "";
}

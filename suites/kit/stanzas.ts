// Stanza builders the suites share: what a client sends, built from data.
import { nextId } from "../../harness/session.ts";
import { type Element, NS, xml } from "../../harness/xml/element.ts";

export type { Element };
export { NS, nextId, xml };

/** Base64 of a UTF-8 string, as SASL payloads are sent (RFC 6120 §6.3.5). */
export const b64 = (s: string) => Buffer.from(s, "utf8").toString("base64");

/** An element or text cut for a failure message. */
export function clip(el: Element | string, n = 300): string {
  const s = el.toString();
  return s.length > n ? `${s.slice(0, n)}…` : s;
}

/** A short random token for ids and names that must not collide across parallel cases. */
export const uid = () => Math.random().toString(36).slice(2, 10);

export function ping(to?: string, id?: string): Element {
  return xml("iq", { type: "get", to, id }, xml("ping", { xmlns: NS.ping }));
}

export function rosterGet(): Element {
  return xml("iq", { type: "get" }, xml("query", { xmlns: NS.roster }));
}

export function rosterSet(jid: string, attrs: Record<string, string> = {}, groups: string[] = []): Element {
  const item = xml("item", { jid, ...attrs }, ...groups.map((g) => xml("group", {}, g)));
  return xml("iq", { type: "set" }, xml("query", { xmlns: NS.roster }, item));
}

/** A roster set that removes the item for `jid` (RFC 6121 §2.5). */
export function rosterRemove(jid: string): Element {
  return rosterSet(jid, { subscription: "remove" });
}

export function message(to: string, body: string, attrs: Record<string, string> = {}): Element {
  return xml("message", { to, type: "chat", ...attrs }, xml("body", {}, body));
}

/** A subscription stanza (RFC 6121 §3): <presence to=... type='subscribe|subscribed|unsubscribe|unsubscribed'/>. */
export function subscription(type: string, to: string, extra: Record<string, string> = {}): Element {
  return xml("presence", { to, type, ...extra });
}

/** Presence with the usual children (no 'to': a broadcast; with 'to': directed). */
export function presence(
  o: { to?: string; type?: string; show?: string; status?: string; priority?: number; id?: string } = {},
): Element {
  return xml(
    "presence",
    { to: o.to, type: o.type, id: o.id },
    o.show ? xml("show", {}, o.show) : null,
    o.status ? xml("status", {}, o.status) : null,
    o.priority !== undefined ? xml("priority", {}, String(o.priority)) : null,
  );
}

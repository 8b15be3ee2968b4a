// Roster look-ups (RFC 6121 §2): items of a result or push, one item, its subscription.
import type { Session } from "../../harness/session.ts";
import { type Element, NS, rosterGet, xml } from "./stanzas.ts";

export const NS_ROSTERVER = "urn:xmpp:features:rosterver";
export const NS_PREAPPROVAL = "urn:xmpp:features:pre-approval";

/** JIDs compare case-insensitively here: the suite's accounts are ASCII (RFC 7622 case mapping). */
export const lc = (s: string | undefined) => (s ?? "").toLowerCase();

/** A JID nobody registered, unique per call, at `domain`. */
export function freshJid(domain: string, prefix = "contact"): string {
  return `${prefix}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 7)}@${domain}`;
}

/** The <item/> children of a roster result or push (none when there is no <query/>). */
export function itemsOf(el: Element): Element[] {
  return el.getChild("query", NS.roster)?.getChildren("item") ?? [];
}

/** The item about `jid` in a push or result. */
export function itemFor(el: Element, jid: string): Element | undefined {
  return itemsOf(el).find((i) => lc(i.attrs.jid) === lc(jid));
}

/** The subscription an item shows ('none' when the attribute is absent or there is no item). */
export const subOf = (i: Element | undefined) => i?.attrs.subscription ?? "none";

/** The items of a roster get. */
export async function rosterItems(s: Session): Promise<Element[]> {
  return itemsOf(await s.iqResult(rosterGet(), "roster get"));
}

/** The roster item for `jid` from a roster get (undefined when there is none). */
export async function rosterItem(s: Session, jid: string): Promise<Element | undefined> {
  return (await rosterItems(s)).find((i) => lc(i.attrs.jid) === lc(jid));
}

/** Acknowledge a roster push as RFC 6121 §2.1.6 asks of clients. */
export async function ack(s: Session, push: Element): Promise<void> {
  await s.send(xml("iq", { type: "result", id: push.attrs.id }));
}

/** Did the target offer a stream feature qualified by `ns`? */
export function offersFeature(features: Element | undefined, ns: string): boolean {
  return !!features?.children.some((c) => typeof c !== "string" && c.attrs.xmlns === ns);
}

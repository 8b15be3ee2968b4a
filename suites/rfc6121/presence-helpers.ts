// Presence building blocks for the RFC 6121 §4, §5 and §8 cases: matchers and subscription set-up.
import type { Session } from "../../harness/session.ts";
import { type Element, NS, xml } from "../../harness/xml/element.ts";

export const lc = (s: string | undefined) => (s ?? "").toLowerCase();
export const bareOf = (s: string | undefined) => lc(s).split("/")[0];

/** Available presence (no type) from exactly this full JID. */
export function availableFrom(full: string) {
  return (el: Element) => el.name === "presence" && !el.attrs.type && el.attrs.from === full;
}

export function unavailableFrom(full: string) {
  return (el: Element) => el.name === "presence" && el.attrs.type === "unavailable" && el.attrs.from === full;
}

/** Presence of the given type (undefined: available) from any resource of `bare`, or the bare JID itself. */
export function presenceOf(bare: string, type?: string) {
  return (el: Element) =>
    el.name === "presence" && el.attrs.type === type && bareOf(el.attrs.from) === lc(bare);
}

function pushShows(el: Element, jid: string, states: string[]): boolean {
  if (el.name !== "iq" || el.attrs.type !== "set") return false;
  const item = el
    .getChild("query", NS.roster)
    ?.getChildren("item")
    .find((i) => lc(i.attrs.jid) === lc(jid));
  return !!item && states.includes(item.attrs.subscription ?? "");
}

/**
 * `user` subscribes to `contact`'s presence and `contact` approves (RFC 6121 §3.1). Both sessions must
 * have requested the roster: the roster pushes showing 'to'/'from' prove the state is settled.
 */
export async function subscribeTo(user: Session, contact: Session): Promise<void> {
  const u = user.jid!.bare().toString();
  const c = contact.jid!.bare().toString();
  await user.send(xml("presence", { to: c, type: "subscribe" }));
  await contact.expect(presenceOf(u, "subscribe"));
  const userPush = user.expect((el) => pushShows(el, c, ["to", "both"]));
  const contactPush = contact.expect((el) => pushShows(el, u, ["from", "both"]));
  await contact.send(xml("presence", { to: u, type: "subscribed" }));
  await Promise.all([userPush, contactPush]);
}

/**
 * Send presence and wait until the server has handled it: its echo to the sender (RFC 6121 §4.2.2,
 * §4.4.2), or a barrier for a server that sends none (cases that check the echo do so themselves).
 */
export async function sendPresence(s: Session, ...children: Element[]): Promise<Element | undefined> {
  const self = s.jid!.toString();
  // an older echo still in the inbox must not stand in for this one
  for (let i = s.inbox.length - 1; i >= 0; i--) if (availableFrom(self)(s.inbox[i])) s.inbox.splice(i, 1);
  const echo = s.expect(availableFrom(self));
  await s.send(xml("presence", {}, ...children));
  return Promise.race([echo, s.barrier().then(() => undefined)]);
}

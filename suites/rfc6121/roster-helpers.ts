// Roster and subscription building blocks for the RFC 6121 §2 and §3 cases: push matchers, roster
// look-ups, the subscription handshakes that bring two accounts into a state, and feature checks.
import { Violation } from "../../harness/errors.ts";
import type { Account } from "../../harness/runner/accounts.ts";
import type { CaseContext } from "../../harness/runner/context.ts";
import type { Session } from "../../harness/session.ts";
import { type Element, NS, xml } from "../../harness/xml/element.ts";
import { rosterGet } from "../helpers.ts";

export const NS_ROSTERVER = "urn:xmpp:features:rosterver";
export const NS_PREAPPROVAL = "urn:xmpp:features:pre-approval";

/** JIDs compare case-insensitively here: the suite's accounts are ASCII (RFC 7622 case mapping). */
export const lc = (s: string | undefined) => (s ?? "").toLowerCase();
export const bareOf = (s: string | undefined) => lc(s).split("/")[0];

/** A JID nobody registered, unique per call, at `domain`. */
export function freshJid(domain: string, prefix = "contact"): string {
  return `${prefix}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 7)}@${domain}`;
}

/** The <item/> children of a roster result or push (none when there is no <query/>). */
export function itemsOf(el: Element): Element[] {
  return el.getChild("query", NS.roster)?.getChildren("item") ?? [];
}

/** Is this a roster push (iq set with a roster <query/>) carrying an item for `jid`? */
export function isPushFor(jid: string, check: (item: Element) => boolean = () => true) {
  return (el: Element) =>
    el.name === "iq" &&
    el.attrs.type === "set" &&
    itemsOf(el).some((i) => lc(i.attrs.jid) === lc(jid) && check(i));
}

/** The item about `jid` in a push or result. */
export function itemFor(el: Element, jid: string): Element | undefined {
  return itemsOf(el).find((i) => lc(i.attrs.jid) === lc(jid));
}

/** The subscription an item shows ('none' when the attribute is absent). */
export const subOf = (i: Element | undefined) => i?.attrs.subscription ?? "none";

/** Start waiting for a push now (before the stanza that causes it is sent). */
export function pushFor(s: Session, jid: string, check?: (item: Element) => boolean): Promise<Element> {
  const p = s.expect(isPushFor(jid, check));
  p.catch(() => {});
  return p;
}

/** Acknowledge a roster push as RFC 6121 §2.1.6 asks of clients. */
export async function ack(s: Session, push: Element): Promise<void> {
  await s.send(xml("iq", { type: "result", id: push.attrs.id }));
}

/** The items of a roster get. */
export async function rosterItems(s: Session): Promise<Element[]> {
  return itemsOf(await s.iqResult(rosterGet(), "roster get"));
}

/** The roster item for `jid` from a roster get (undefined when there is none). */
export async function rosterItem(s: Session, jid: string): Promise<Element | undefined> {
  return (await rosterItems(s)).find((i) => lc(i.attrs.jid) === lc(jid));
}

/** A presence stanza of `type` (undefined: available) whose 'from' has the bare JID `from`. */
export function presenceFrom(from: string, type?: string) {
  return (el: Element) =>
    el.name === "presence" && el.attrs.type === type && bareOf(el.attrs.from) === lc(from);
}

/** Start waiting for a presence now. */
export function presenceOf(s: Session, from: string, type?: string): Promise<Element> {
  const p = s.expect(presenceFrom(from, type));
  p.catch(() => {});
  return p;
}

/** A subscription stanza from `from` ... to `to`'s bare JID. */
export function sub(type: string, to: string, extra: Record<string, string> = {}): Element {
  return xml("presence", { to, type, ...extra });
}

/** Fail unless a subscription stanza was stamped with exactly the sender's bare JID (RFC 6121 §3). */
export function assertBareFrom(el: Element, account: Account, what: string): void {
  if (lc(el.attrs.from) !== lc(account.jid)) {
    throw new Violation(
      `${what} must come from the bare JID ${account.jid}, got from='${el.attrs.from ?? ""}'`,
    );
  }
}

/** Drop everything received so far (after a barrier), so later expectations see only new stanzas. */
export async function drain(s: Session): Promise<void> {
  await s.barrier();
  s.inbox.splice(0);
}

/** Which of several awaited kinds of stanza arrived first (for ordering rules like §3.1.6 "before"). */
export async function firstOf(s: Session, kinds: Record<string, (el: Element) => boolean>): Promise<string> {
  const el = await s.expect((e) => Object.values(kinds).some((m) => m(e)));
  return Object.keys(kinds).find((k) => kinds[k](el))!;
}

/**
 * `user` subscribes to `contact` and `contact` approves (RFC 6121 §3.1): afterwards the user has 'to'
 * (or 'both') and the contact 'from' (or 'both'). Both sessions must be interested (roster fetched)
 * and the contact available, so the request and the pushes prove the state is settled.
 */
export async function subscribeTo(user: Session, contact: Session): Promise<void> {
  const u = user.jid!.bare().toString();
  const c = contact.jid!.bare().toString();
  const req = contact.expect(presenceFrom(u, "subscribe"));
  req.catch(() => {});
  await user.send(sub("subscribe", c));
  await req;
  const userPush = pushFor(user, c, (i) => ["to", "both"].includes(subOf(i)));
  const contactPush = pushFor(contact, u, (i) => ["from", "both"].includes(subOf(i)));
  const approved = presenceOf(user, c, "subscribed");
  await contact.send(sub("subscribed", u));
  await Promise.all([userPush, contactPush, approved]);
  await Promise.all([drain(user), drain(contact)]);
}

/** Both accounts subscribed to each other (state Both on each side). */
export async function mutual(a: Session, b: Session): Promise<void> {
  await subscribeTo(a, b);
  await subscribeTo(b, a);
}

/** Did the target offer a stream feature qualified by `ns` after authentication? */
export function hasChildNs(features: Element | undefined, ns: string): boolean {
  return !!features?.children.some((c) => typeof c !== "string" && c.attrs.xmlns === ns);
}

/** Skip unless the target advertises roster versioning (RFC 6121 §2.6.1). */
export function requireRosterVer(ctx: CaseContext, s: Session): void {
  ctx.require(hasChildNs(s.features, NS_ROSTERVER), "the target does not advertise roster versioning");
}

/** Skip unless the target advertises subscription pre-approval (RFC 6121 §3.4). */
export function requirePreApproval(ctx: CaseContext, s: Session): void {
  ctx.require(hasChildNs(s.features, NS_PREAPPROVAL), "the target does not advertise pre-approval");
}

/** Everything matching that arrived up to a barrier (the inbox is left as it was). */
export async function arrived(s: Session, m: (el: Element) => boolean): Promise<Element[]> {
  return (await s.barrier()).filter(m);
}

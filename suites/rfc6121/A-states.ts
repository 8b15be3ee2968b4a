// RFC 6121 Appendix A: bring a fresh user/contact pair into one of the nine states with real stanzas, and
// observe the user's state (roster pushes, roster get, and a probe for the Pending In the roster cannot show).
import { NoAnswer, Violation } from "../../harness/errors.ts";
import type { Session } from "../../harness/session.ts";
import { type Element, NS, xml } from "../../harness/xml/element.ts";
import { clip, markerBarrier, rosterGet, rosterSet } from "../helpers.ts";
import { type Parts, partsOf, type State } from "./A-table.ts";

const lc = (s: string | undefined) => (s ?? "").toLowerCase();

/** The two accounts of a case and their bare JIDs. */
export interface Pair {
  user: Session;
  contact: Session;
  u: string;
  c: string;
}

export function pairOf(user: Session, contact: Session): Pair {
  return { user, contact, u: user.jid!.bare().toString(), c: contact.jid!.bare().toString() };
}

/** A presence of `type` from the bare JID `from` (or any of its resources). */
export function presenceFrom(from: string, type: string) {
  return (el: Element) =>
    el.name === "presence" && el.attrs.type === type && lc(el.attrs.from).split("/")[0] === lc(from);
}

function itemIn(el: Element, jid: string): Element | undefined {
  return el
    .getChild("query", NS.roster)
    ?.getChildren("item")
    .find((i) => lc(i.attrs.jid) === lc(jid));
}

/** A roster push (iq set) carrying an item for `jid`. */
export function isPushFor(jid: string) {
  return (el: Element) => el.name === "iq" && el.attrs.type === "set" && !!itemIn(el, jid);
}

/** 'subscription' and 'ask' of a roster item as text ("to+ask"); "absent" when there is no item. */
export function shown(item: Element | undefined): string {
  if (!item) return "absent";
  const sub = item.attrs.subscription ?? "none";
  return item.attrs.ask === "subscribe" ? `${sub}+ask` : sub;
}

/** What the roster shows for a state (Pending In is not shown: RFC 6121 §2.1.2.2 has no 'ask' for it). */
export function shownFor(state: State): string {
  const p = partsOf(state);
  return p.ask ? `${p.subscription}+ask` : p.subscription;
}

function pushShows(jid: string, want: string) {
  return (el: Element) => isPushFor(jid)(el) && shown(itemIn(el, jid)) === want;
}

/** What the roster pushes about `jid` received so far show, in order. */
export function pushedStates(s: Session, jid: string): string[] {
  return s.inbox.filter(isPushFor(jid)).map((el) => shown(itemIn(el, jid)));
}

/** The user's roster item for `jid` by a roster get (RFC 6121 §2.1.3). */
export async function rosterItem(s: Session, jid: string): Promise<Element | undefined> {
  const r = await s.iqResult(rosterGet(), "roster get");
  return itemIn(r, jid);
}

/** Wait for a roster push about `jid` showing `want`; on a timeout say what the pushes showed instead. */
export async function expectPush(s: Session, jid: string, want: string, what: string): Promise<void> {
  try {
    await s.expect(pushShows(jid, want));
  } catch (err) {
    if (!(err instanceof NoAnswer)) throw err;
    const seen = pushedStates(s, jid);
    throw new Violation(
      `${what}: no roster push showing '${want}'${seen.length ? ` (pushes showed '${seen.join("', '")}')` : ""}`,
    );
  }
}

/** Drop everything received so far (after a barrier), so later checks see only new stanzas. */
export async function drain(s: Session): Promise<void> {
  await s.barrier();
  s.inbox.splice(0);
}

/** One side of the pair: its session and bare JID. */
interface Side {
  s: Session;
  jid: string;
}

/** `from` asks `to` for a subscription: `to` gets the request, `from` a push showing `fromShows`. */
async function ask(from: Side, to: Side, fromShows: string): Promise<void> {
  const delivered = to.s.expect(presenceFrom(from.jid, "subscribe"));
  delivered.catch(() => {});
  await from.s.send(xml("presence", { to: to.jid, type: "subscribe" }));
  await expectPush(from.s, to.jid, fromShows, "set-up: subscribe");
  await delivered.catch(() => {
    throw new Violation(`set-up: a subscription request was not delivered (${from.jid} to ${to.jid})`);
  });
}

/** `by` approves the pending request of `of`: `of` gets the approval, both get pushes. */
async function approve(by: Side, of: Side, byShows: string, ofShows: string): Promise<void> {
  const delivered = of.s.expect(presenceFrom(by.jid, "subscribed"));
  delivered.catch(() => {});
  await by.s.send(xml("presence", { to: of.jid, type: "subscribed" }));
  await expectPush(by.s, of.jid, byShows, "set-up: approve");
  await delivered.catch(() => {
    throw new Violation(`set-up: an approval was not delivered (${by.jid} to ${of.jid})`);
  });
  await expectPush(of.s, by.jid, ofShows, "set-up: approval received");
}

/** The stanzas that lead from nothing to each state (the user's view; Appendix A.1). */
const STEPS: Record<State, ((u: Side, c: Side) => Promise<void>)[]> = {
  None: [async (u, c) => void (await u.s.iqResult(rosterSet(c.jid), "set-up: roster set"))],
  "None + Pending Out": [(u, c) => ask(u, c, "none+ask")],
  "None + Pending In": [(u, c) => ask(c, u, "none+ask")],
  "None + Pending Out+In": [(u, c) => ask(u, c, "none+ask"), (u, c) => ask(c, u, "none+ask")],
  To: [(u, c) => ask(u, c, "none+ask"), (u, c) => approve(c, u, "from", "to")],
  "To + Pending In": [
    (u, c) => ask(u, c, "none+ask"),
    (u, c) => approve(c, u, "from", "to"),
    (u, c) => ask(c, u, "from+ask"),
  ],
  From: [(u, c) => ask(c, u, "none+ask"), (u, c) => approve(u, c, "from", "to")],
  "From + Pending Out": [
    (u, c) => ask(c, u, "none+ask"),
    (u, c) => approve(u, c, "from", "to"),
    (u, c) => ask(u, c, "from+ask"),
  ],
  Both: [
    (u, c) => ask(u, c, "none+ask"),
    (u, c) => approve(c, u, "from", "to"),
    (u, c) => ask(c, u, "from+ask"),
    (u, c) => approve(u, c, "both", "both"),
  ],
};

/**
 * Bring the pair into `state` from the user's point of view, with real stanzas, and check the roster
 * shows it. Returns whether the user then has a roster item for the contact (in None + Pending In the
 * user never added one, and A.1 forbids the server to create it before approval).
 */
export async function reach(p: Pair, state: State): Promise<boolean> {
  const u = { s: p.user, jid: p.u };
  const c = { s: p.contact, jid: p.c };
  for (const step of STEPS[state]) await step(u, c);
  const item = await rosterItem(p.user, p.c);
  const got = shown(item);
  if (got !== shownFor(state) && !(got === "absent" && state === "None + Pending In"))
    throw new Violation(`set-up: could not reach '${state}': the roster shows '${got}'`);
  await Promise.all([drain(p.user), drain(p.contact)]);
  return !!item;
}

/**
 * Probe the Pending In flag, which no roster attribute shows: an outbound 'subscribed' MUST be handled as
 * an approval in None + Pending In, None + Pending Out+In and To + Pending In (routed, and a push showing
 * 'from' or 'both'), and MUST NOT be in None, None + Pending Out and To (A.2.3, §3.4.2). Either sign of
 * an approval counts (the contact's own server may hold back a 'subscribed' it did not expect). Without
 * pre-approval support (§3.4) a client MUST NOT send the latter (§3.4.1), so then only an expected
 * Pending In is probed. Call last: it changes the state.
 */
export async function probePendingIn(p: Pair, want: Parts, what: string): Promise<void> {
  if (want.subscription === "from" || want.subscription === "both") return; // no Pending In possible
  const preApproval = !!p.user.features?.getChild("sub", "urn:xmpp:features:pre-approval");
  if (!want.pendingIn && !preApproval) return;
  const routed = presenceFrom(p.u, "subscribed");
  const granted = (el: Element) => {
    const item = isPushFor(p.c)(el) ? itemIn(el, p.c) : undefined;
    return ["from", "both"].includes(item?.attrs.subscription ?? "");
  };
  const id = `probe-${Math.random().toString(36).slice(2)}`;
  if (want.pendingIn) {
    const approved = Promise.any([p.contact.expect(routed), p.user.expect(granted)]);
    await p.user.send(xml("presence", { to: p.c, type: "subscribed", id }));
    await approved.catch(() => {
      throw new Violation(
        `${what}: the contact's request is no longer pending: the user's approval ('subscribed') was neither routed nor applied`,
      );
    });
    return;
  }
  await p.user.send(xml("presence", { to: p.c, type: "subscribed", id }));
  await markerBarrier(p.user, p.contact);
  await p.user.barrier();
  const hit = p.contact.inbox.find(routed) ?? p.user.inbox.find(granted);
  if (hit)
    throw new Violation(
      `${what}: a request from the contact is still pending: a later 'subscribed' was handled as an approval (${clip(hit)})`,
    );
}

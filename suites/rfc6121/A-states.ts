// RFC 6121 Appendix A: bring a fresh user/contact pair into one of the nine states with real stanzas, and
// observe the user's state (roster pushes, roster get, and a probe for the Pending In the roster cannot show).

import { NoAnswer, Violation } from "../../harness/errors.ts";
import { type MatchSpec, matches } from "../../harness/match.ts";
import {
  type Client,
  clip,
  drain,
  type Element,
  itemFor,
  markerBarrier,
  NS_PREAPPROVAL,
  offersFeature,
  presenceFrom,
  rosterItem,
  rosterPush,
  rosterSet,
  subscription,
} from "../kit/index.ts";
import { type Parts, partsOf, type State } from "./A-table.ts";

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

function pushShows(jid: string, want: string): MatchSpec {
  return { ...rosterPush(jid), where: (el) => shown(itemFor(el, jid)) === want, what: `showing '${want}'` };
}

/** What the roster pushes about `jid` received so far show, in order. */
export function pushedStates(s: Client, jid: string): string[] {
  return s.inbox.filter((el) => matches(el, rosterPush(jid))).map((el) => shown(itemFor(el, jid)));
}

/** Wait for a roster push about `jid` showing `want`; on a timeout say what the pushes showed instead. */
export async function expectPush(s: Client, jid: string, want: string, what: string): Promise<void> {
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

/** `from` asks `to` for a subscription: `to` gets the request, `from` a push showing `fromShows`. */
async function ask(from: Client, to: Client, fromShows: string): Promise<void> {
  const delivered = to.expect(presenceFrom(from.bare, "subscribe"));
  await from.send(subscription("subscribe", to.bare));
  await expectPush(from, to.bare, fromShows, "set-up: subscribe");
  await delivered.catch(() => {
    throw new Violation(`set-up: a subscription request was not delivered (${from.bare} to ${to.bare})`);
  });
}

/** `by` approves the pending request of `of`: `of` gets the approval, both get pushes. */
async function approve(by: Client, of: Client, byShows: string, ofShows: string): Promise<void> {
  const delivered = of.expect(presenceFrom(by.bare, "subscribed"));
  await by.send(subscription("subscribed", of.bare));
  await expectPush(by, of.bare, byShows, "set-up: approve");
  await delivered.catch(() => {
    throw new Violation(`set-up: an approval was not delivered (${by.bare} to ${of.bare})`);
  });
  await expectPush(of, by.bare, ofShows, "set-up: approval received");
}

/** The stanzas that lead from nothing to each state (the user's view; Appendix A.1). */
const STEPS: Record<State, ((u: Client, c: Client) => Promise<void>)[]> = {
  None: [async (u, c) => void (await u.iqResult(rosterSet(c.bare), "set-up: roster set"))],
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
export async function reach(user: Client, contact: Client, state: State): Promise<boolean> {
  for (const step of STEPS[state]) await step(user, contact);
  const item = await rosterItem(user, contact.bare);
  const got = shown(item);
  if (got !== shownFor(state) && !(got === "absent" && state === "None + Pending In"))
    throw new Violation(`set-up: could not reach '${state}': the roster shows '${got}'`);
  await Promise.all([drain(user), drain(contact)]);
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
export async function probePendingIn(
  user: Client,
  contact: Client,
  want: Parts,
  what: string,
): Promise<void> {
  if (want.subscription === "from" || want.subscription === "both") return; // no Pending In possible
  const preApproval = offersFeature(user.features, NS_PREAPPROVAL);
  if (!want.pendingIn && !preApproval) return;
  const routed = presenceFrom(user.bare, "subscribed");
  const granted = rosterPush(contact.bare, ["from", "both"]);
  const id = `probe-${Math.random().toString(36).slice(2)}`;
  if (want.pendingIn) {
    const approved = Promise.any([contact.expect(routed), user.expect(granted)]);
    await user.send(subscription("subscribed", contact.bare, { id }));
    await approved.catch(() => {
      throw new Violation(
        `${what}: the contact's request is no longer pending: the user's approval ('subscribed') was neither routed nor applied`,
      );
    });
    return;
  }
  await user.send(subscription("subscribed", contact.bare, { id }));
  await markerBarrier(user, contact);
  await user.barrier();
  const hit =
    contact.inbox.find((el) => matches(el, routed)) ?? user.inbox.find((el) => matches(el, granted));
  if (hit)
    throw new Violation(
      `${what}: a request from the contact is still pending: a later 'subscribed' was handled as an approval (${clip(hit)})`,
    );
}

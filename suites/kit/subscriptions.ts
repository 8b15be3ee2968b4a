// The subscription handshakes of RFC 6121 §3 that bring two users into a state, and the presence
// exchange that shows a state is live. One set for every suite (§2, §3, §4, §5, §8, Appendix A).
import { Violation } from "../../harness/errors.ts";
import { matches } from "../../harness/match.ts";
import type { Client } from "../../harness/runner/users.ts";
import { presenceFrom, presenceFromFull, rosterPush } from "./matchers.ts";
import { drain } from "./order.ts";
import { lc } from "./roster.ts";
import { type Element, presence, subscription } from "./stanzas.ts";

/**
 * `user` subscribes to `contact` and `contact` approves (RFC 6121 §3.1): afterwards the user has 'to'
 * (or 'both') and the contact 'from' (or 'both'). Both must be interested (roster fetched), so the
 * pushes prove the state is settled. `settle` (the default) also waits for the approval to reach the
 * user and empties both inboxes, for cases that start from the state alone; `settle: false` leaves
 * what follows the approval (the contact's presence, say) for the case to look at.
 */
export async function subscribe(user: Client, contact: Client, o: { settle?: boolean } = {}): Promise<void> {
  const settle = o.settle ?? true;
  const request = contact.expect(presenceFrom(user.bare, "subscribe"));
  await user.send(subscription("subscribe", contact.bare));
  await request;
  const userPush = user.expect(rosterPush(contact.bare, ["to", "both"]));
  const contactPush = contact.expect(rosterPush(user.bare, ["from", "both"]));
  const approved = settle ? user.expect(presenceFrom(contact.bare, "subscribed")) : undefined;
  await contact.send(subscription("subscribed", user.bare));
  await Promise.all([userPush, contactPush, approved]);
  if (settle) await Promise.all([drain(user), drain(contact)]);
}

/** Both users subscribed to each other (Both on each side). */
export async function mutual(a: Client, b: Client, o: { settle?: boolean } = {}): Promise<void> {
  await subscribe(a, b, o);
  await subscribe(b, a, o);
}

/** Fail unless a subscription stanza was stamped with exactly the sender's bare JID (RFC 6121 §3). */
export function assertBareFrom(el: Element, sender: Client, what: string): void {
  if (lc(el.attrs.from) !== lc(sender.bare)) {
    throw new Violation(
      `${what} must come from the bare JID ${sender.bare}, got from='${el.attrs.from ?? ""}'`,
    );
  }
}

/**
 * Send presence and wait until the server has handled it: its echo to the sender (RFC 6121 §4.2.2,
 * §4.4.2), or a barrier for a server that sends none (cases that check the echo do so themselves).
 */
export async function sendPresence(s: Client, ...children: Element[]): Promise<Element | undefined> {
  const echoOf = presenceFromFull(s.full);
  // an older echo still in the inbox must not stand in for this one
  s.inbox.splice(0, s.inbox.length, ...s.inbox.filter((el) => !matches(el, echoOf)));
  const echo = s.expect(echoOf);
  const p = presence();
  p.children.push(...children);
  await s.send(p);
  return Promise.race([echo, s.barrier().then(() => undefined)]);
}

/** Wait until `to` sees `from`'s available presence: the subscription is live and broadcast. */
export async function seesPresence(from: Client, to: Client): Promise<void> {
  const p = to.expect(presenceFrom(from.bare));
  await from.send(presence({ status: `refresh ${Date.now()}` }));
  await p;
}

// RFC 6121 across domains: a local user and a contact at a domain the harness plays (romeo@D), brought into
// a subscription state through the target's server-to-server side, with the harness as romeo's server.

import { Violation } from "../../harness/errors.ts";
import type { Matcher } from "../../harness/match.ts";
import type { CaseContext } from "../../harness/runner/context.ts";
import type { Client } from "../../harness/runner/users.ts";
import type { Inbound } from "./federation.ts";
import { presenceFrom, rosterPush, settledPush } from "./matchers.ts";
import { lc } from "./roster.ts";
import { crossDomainMs } from "./routing.ts";
import { type Element, subscription, uid, xml } from "./stanzas.ts";
import { assertBareFrom } from "./subscriptions.ts";

/** A stanza from the remote contact, sent on the inbound stream (its 'from' at the stream's domain). */
export function fromRemote(inbound: Inbound, el: Element, resource?: string): Element {
  el.attrs.from = `romeo@${inbound.domain}${resource ? `/${resource}` : ""}`;
  return el;
}

/** The remote contact's bare JID on this inbound stream. */
export function remoteContact(inbound: Inbound): string {
  return `romeo@${inbound.domain}`;
}

/** The subscription stanza `type` the target routed to `to` (a JID at the inbound stream's domain). */
export function routedSubscription(
  ctx: CaseContext,
  inbound: Inbound,
  type: string,
  to: string,
): Promise<Element> {
  return ctx.federation.listener.expect(
    inbound.domain,
    { name: "presence", type, where: (el) => lc(el.attrs.to?.split("/")[0]) === lc(to), what: `to ${to}` },
    crossDomainMs(ctx),
  );
}

/** The remote contact sends `user` a subscription request; resolves when `user` has it (RFC 6121 §3.1.3). */
export async function requestReaches(inbound: Inbound, user: Client): Promise<void> {
  const request = user.expect(presenceFrom(remoteContact(inbound), "subscribe"), crossDomainMs(user));
  await inbound.s.send(fromRemote(inbound, subscription("subscribe", user.bare)));
  await request;
}

/**
 * Set-up: the remote contact subscribes to `user` and `user` approves (RFC 6121 §3.1): `user` has 'from'
 * for romeo@D. `user` must be interested; its inbox holds nothing of this afterwards.
 */
export function remoteSubscribesTo(ctx: CaseContext, inbound: Inbound, user: Client): Promise<void> {
  return ctx.setUp(`${remoteContact(inbound)} subscribes to ${user.bare}, who approves`, async () => {
    const romeo = remoteContact(inbound);
    await requestReaches(inbound, user);
    const push = user.expect(rosterPush(romeo, ["from", "both"]));
    const approval = routedSubscription(ctx, inbound, "subscribed", romeo);
    await user.send(subscription("subscribed", romeo));
    await Promise.all([push, approval]);
  });
}

/**
 * A barrier across both directions: a message from the remote contact to `user` on the inbound stream
 * (everything before it on that stream is processed, RFC 6120 §10.1), then one from `user` to the contact
 * (whatever the target routed to the contact before it is in the inbox). Returns the second one's id.
 */
export async function crossBarrier(ctx: CaseContext, inbound: Inbound, user: Client): Promise<string> {
  const there = `rt-${uid()}`;
  const arrived = user.expect({ name: "message", id: there }, crossDomainMs(ctx));
  await inbound.s.send(
    fromRemote(
      inbound,
      xml("message", { to: user.full, id: there, type: "chat" }, xml("body", {}, "marker")),
      "r",
    ),
  );
  await arrived;
  const back = `rt-${uid()}`;
  const routed = ctx.federation.listener.expect(
    inbound.domain,
    { name: "message", id: back },
    crossDomainMs(ctx),
  );
  await user.send(
    xml("message", { to: `${remoteContact(inbound)}/r`, id: back, type: "chat" }, xml("body", {}, "marker")),
  );
  await routed;
  return back;
}

/** Take from `domain`'s inbox whatever matching already arrived (after a barrier); the inbox keeps the rest. */
export async function takeArrived(ctx: CaseContext, domain: string, m: Matcher): Promise<Element[]> {
  const taken: Element[] = [];
  for (;;) {
    const el = await ctx.federation.listener.expect(domain, m, 1).catch(() => undefined);
    if (!el) return taken;
    taken.push(el);
  }
}

/**
 * Set-up: `user` subscribes to the remote contact, and the harness (as romeo's server) approves (RFC 6121
 * §3.1): `user` has 'to' for romeo@D. `user` must be interested.
 */
export function subscribesToRemote(ctx: CaseContext, inbound: Inbound, user: Client): Promise<void> {
  return ctx.setUp(`${user.bare} subscribes to ${remoteContact(inbound)}, who approves`, async () => {
    const romeo = remoteContact(inbound);
    const request = routedSubscription(ctx, inbound, "subscribe", romeo);
    await user.send(subscription("subscribe", romeo));
    await request;
    const push = user.expect(rosterPush(romeo, ["to", "both"]));
    await inbound.s.send(fromRemote(inbound, subscription("subscribed", user.bare)));
    await push;
  });
}

/**
 * `user` sends the subscription stanza `type` to the remote contact: it must be routed there stamped with
 * the user's bare JID, and the user's roster pushed with the item settled in `state` (RFC 6121 §3.1.5,
 * §3.2.2, §3.3.2: stamp, route, then push).
 */
export async function routedAndPushed(
  ctx: CaseContext,
  inbound: Inbound,
  user: Client,
  type: string,
  state: string,
): Promise<void> {
  const romeo = remoteContact(inbound);
  const routed = routedSubscription(ctx, inbound, type, romeo);
  const push = user.expect(settledPush(romeo, state), crossDomainMs(ctx));
  await user.send(subscription(type, romeo));
  assertBareFrom(await routed, user, `the routed '${type}'`);
  await push;
}

/**
 * The remote contact sends `type` ('unsubscribed' or 'unsubscribe') to `user`, who must get it before the
 * roster push that settles the item in 'none' (RFC 6121 §3.2.3, §3.3.3: "This MUST occur before sending
 * the roster push").
 */
export async function deliveredBeforePush(inbound: Inbound, user: Client, type: string): Promise<void> {
  const romeo = remoteContact(inbound);
  const order: string[] = [];
  const told = user.expect(presenceFrom(romeo, type), crossDomainMs(user));
  void told.then(() => order.push(type)).catch(() => {});
  const push = user.expect(settledPush(romeo, "none"), crossDomainMs(user));
  await inbound.s.send(fromRemote(inbound, subscription(type, user.bare)));
  await push;
  order.push("push");
  await told;
  if (order[0] !== type)
    throw new Violation(`the roster push came before the inbound '${type}' (it MUST occur before the push)`);
}

// XEP-0280 message carbons for the cases: the gate (the feature on the server, SKIP without it), the
// <enable/> / <disable/> requests, what a carbon looks like (a <received/> or <sent/> wrapper holding a
// XEP-0297 <forwarded/> message) and the checks every carbon must pass (§7, §8, §11).
import { Violation } from "../../harness/errors.ts";
import type { MatchSpec } from "../../harness/match.ts";
import type { CaseContext } from "../../harness/runner/context.ts";
import { differences } from "../../harness/runner/oracles/fidelity.ts";
import type { Client } from "../../harness/runner/users.ts";
import { type DiscoInfo, requireServerFeature } from "./discovery.ts";
import { markerBarrier } from "./order.ts";
import { lc } from "./roster.ts";
import { clip, type Element, xml } from "./stanzas.ts";

export const NS_CARBONS = "urn:xmpp:carbons:2";
export const NS_CARBONS_RULES = "urn:xmpp:carbons:rules:0";
export const NS_FORWARD = "urn:xmpp:forward:0";
export const NS_HINTS = "urn:xmpp:hints";

export type CarbonKind = "received" | "sent";

/** SKIPs unless the server advertises urn:xmpp:carbons:2 (§3); its disco#info tells whether rules:0 holds. */
export function requireCarbons(ctx: CaseContext, client: Client): Promise<DiscoInfo> {
  return requireServerFeature(ctx, client, NS_CARBONS, "XEP-0280");
}

/** The IQ-set that enables (§4) or disables (§5) carbons for the sending resource. */
export function carbonsRequest(what: "enable" | "disable"): Element {
  return xml("iq", { type: "set" }, xml(what, { xmlns: NS_CARBONS }));
}

/** Enables carbons for `client` as a set-up step (the enable case grades the answer itself). */
export async function enableCarbons(ctx: CaseContext, client: Client): Promise<void> {
  await ctx.setUp(`enable carbons for ${client.full}`, () =>
    client.iqResult(carbonsRequest("enable"), "carbons <enable/>"),
  );
}

/**
 * The usual scene: the server offers carbons, and `user` (the declared user `name`) has a second resource,
 * logged in and available (with `priority` when given), that enabled carbons unless `enable` is false.
 * Returns that resource and the server's disco#info.
 */
export async function carbonsPeer(
  ctx: CaseContext,
  user: Client,
  name: string,
  o: { priority?: number; enable?: boolean } = {},
): Promise<{ peer: Client; info: DiscoInfo }> {
  const info = await requireCarbons(ctx, user);
  const presence = o.priority === undefined ? true : { priority: o.priority };
  const peer = await ctx.setUp(`log in a second resource of ${name}`, () =>
    ctx.login(name, { label: `${name}2`, roster: true, presence }),
  );
  if (o.enable ?? true) await enableCarbons(ctx, peer);
  return { peer, info };
}

/** The message a carbon wraps: <kind xmlns=carbons><forwarded xmlns=forward><message/>, or undefined. */
export function forwardedIn(wrapper: Element, kind: CarbonKind): Element | undefined {
  const forwarded = wrapper.getChild(kind, NS_CARBONS)?.getChild("forwarded", NS_FORWARD);
  return forwarded?.getChildren("message").find((m) => (m.getNS() ?? "jabber:client") === "jabber:client");
}

/** Is `el` a carbon of either kind (the wrapper may be wrong: the checks say how) of the message `id`? */
export function isCarbonOf(el: Element, id: string): boolean {
  return (
    el.name === "message" && (["received", "sent"] as const).some((k) => forwardedIn(el, k)?.attrs.id === id)
  );
}

/** A carbon of the message with this id, as a matcher. */
export function carbonOf(id: string): MatchSpec {
  return {
    name: "message",
    where: (el) => isCarbonOf(el, id),
    what: `carrying a carbon of the message '${id}'`,
  };
}

/** What a carbon of `sent` to `receiver` must be (§7 for <received/>, §8 for <sent/>). */
export interface CarbonExpectation {
  kind: CarbonKind;
  /** The account's resource that got the carbon. */
  receiver: Client;
  /** The message as its sender sent it. */
  sent: Element;
  /** The sender's full JID, the 'from' the forwarded message must carry. */
  sender: string;
}

/**
 * The checks of one carbon: the wrapper (§7 / §8: kind, 'from' the bare JID, 'to' the receiving resource,
 * the same 'type'), and the forwarded message unchanged: as the fidelity oracle compares a delivered stanza
 * with the one sent, the server may only stamp 'from', add xml:lang or extension children of its own.
 */
export function checkCarbon(ctx: CaseContext, wrapper: Element, e: CarbonExpectation): Element {
  const other: CarbonKind = e.kind === "received" ? "sent" : "received";
  const inner = forwardedIn(wrapper, e.kind);
  if (!inner) {
    const wrong = forwardedIn(wrapper, other) ? `a <${other}/> wrapper` : "no carbons wrapper";
    throw new Violation(
      `the carbon has ${wrong}, not <${e.kind}/> with a <forwarded/> message: ${clip(wrapper)}`,
    );
  }
  if (lc(wrapper.attrs.from) !== lc(e.receiver.bare))
    throw new Violation(
      `the carbon's 'from' is '${wrapper.attrs.from ?? "(none)"}', not the user's bare JID ${e.receiver.bare}`,
    );
  const toFull = lc(wrapper.attrs.to) === lc(e.receiver.full);
  const toMsg = `the carbon's 'to' is '${wrapper.attrs.to ?? "(none)"}', not the receiving resource ${e.receiver.full}`;
  if (e.kind === "received" && !toFull) throw new Violation(toMsg);
  ctx.should(toFull, toMsg);
  ctx.should(
    (wrapper.attrs.type ?? "normal") === (e.sent.attrs.type ?? "normal"),
    `the carbon's type '${wrapper.attrs.type ?? "normal"}' is not the message's '${e.sent.attrs.type ?? "normal"}'`,
  );
  if (lc(inner.attrs.from) !== lc(e.sender))
    throw new Violation(
      `the forwarded message's 'from' is '${inner.attrs.from ?? "(none)"}', not ${e.sender}`,
    );
  const changed = differences(e.sent, inner, { full: undefined });
  if (changed.length)
    throw new Violation(
      `the forwarded message is not the original: ${changed.map((d) => d.what).join("; ")} (sent ${clip(e.sent, 200)})`,
    );
  return inner;
}

/** A chat message with an id and a thread, so a carbon's copy of it can be compared whole. */
export function chatMessage(to: string, id: string, extra: Element[] = []): Element {
  return xml(
    "message",
    { to, type: "chat", id },
    xml("body", {}, `carbon test ${id}`),
    xml("thread", {}, `thread-${id}`),
    ...extra,
  );
}

/** <private/> with XEP-0334's <no-copy/> hint: what a sender adds to keep a message out of carbons (§9). */
export function privateMarks(): Element[] {
  return [xml("private", { xmlns: NS_CARBONS }), xml("no-copy", { xmlns: NS_HINTS })];
}

/** Does the server claim the §6.1 rules as REQUIRED (§6.2, urn:xmpp:carbons:rules:0)? */
export function claimsRules(info: DiscoInfo): boolean {
  return info.features.includes(NS_CARBONS_RULES);
}

/**
 * A §6.1 eligibility rule: a MUST where the server advertises urn:xmpp:carbons:rules:0 (§6.2), else a SHOULD
 * (always a SHOULD without `info`: a rule whose reading is open).
 */
export function eligibilityRule(
  ctx: CaseContext,
  info: DiscoInfo | undefined,
  ok: boolean,
  message: string,
): void {
  if (ok) return;
  if (info && claimsRules(info))
    throw new Violation(`${message} (the server advertises ${NS_CARBONS_RULES})`);
  ctx.should(false, message);
}

/**
 * After `sender` sent the message `id`, what reached `peer` of it: a marker from `sender` to `peer` comes
 * after every carbon of it (RFC 6120 §10.1: the server handles `sender`'s stanzas in order), so this proves
 * what did not come as well. Returns the carbons (either kind) and the originals `peer` got.
 */
export async function reachedPeer(
  sender: Client,
  peer: Client,
  id: string,
): Promise<{ carbons: Element[]; originals: Element[] }> {
  await markerBarrier(sender, peer);
  const carbons = peer.inbox.filter((el) => isCarbonOf(el, id));
  const originals = peer.inbox.filter((el) => el.name === "message" && el.attrs.id === id);
  return { carbons, originals };
}

// The blocking command (XEP-0191) as the suites/xep0191 cases use it: the IQs, the gate, the list read
// back, pushes as matchers, and the outbound refusal's <blocked/> condition.
import { Violation } from "../../harness/errors.ts";
import type { MatchSpec } from "../../harness/match.ts";
import { sameJid } from "../../harness/match.ts";
import type { CaseContext } from "../../harness/runner/context.ts";
import type { Client } from "../../harness/runner/users.ts";
import { allGet } from "./arrivals.ts";
import { requireServerFeature } from "./discovery.ts";
import { s2sIn } from "./federation.ts";
import { messageWithId } from "./matchers.ts";
import { assertStanzaError } from "./stanza-errors.ts";
import { clip, type Element, message, uid, xml } from "./stanzas.ts";
import { mutual } from "./subscriptions.ts";

export const NS_BLOCKING = "urn:xmpp:blocking";
export const NS_BLOCKING_ERRORS = "urn:xmpp:blocking:errors";

/** §3.2: the blocklist request (no 'to': the user's server answers). */
export function blocklistGet(): Element {
  return xml("iq", { type: "get" }, xml("blocklist", { xmlns: NS_BLOCKING }));
}

/** §3.3 / §3.4-3.5: a block or unblock command for these JIDs (unblock with none: unblock all). */
export function blockCommand(kind: "block" | "unblock", ...jids: string[]): Element {
  const items = jids.map((jid) => xml("item", { jid }));
  return xml("iq", { type: "set" }, xml(kind, { xmlns: NS_BLOCKING }, ...items));
}

/** SKIPs unless the target's domain advertises urn:xmpp:blocking (XEP-0191 is optional). */
export async function requireBlocking(ctx: CaseContext, client: Client): Promise<void> {
  await requireServerFeature(ctx, client, NS_BLOCKING, "XEP-0191");
}

/** The 'jid' of each <item/> of a <blocklist/>, <block/> or <unblock/>. */
export function itemJids(el: Element | undefined): string[] {
  return (el?.getChildren("item") ?? []).map((i) => i.attrs.jid ?? "");
}

/** Asks for the blocklist and reads it: the JIDs it holds (a result without <blocklist/> is a violation). */
export async function blocklistOf(client: Client, what = "the blocklist request"): Promise<string[]> {
  const reply = await client.iqResult(blocklistGet(), what);
  const list = reply.getChild("blocklist", NS_BLOCKING);
  if (!list) throw new Violation(`the result to ${what} carries no <blocklist/>: ${clip(reply)}`);
  return itemJids(list);
}

/** Fails unless `held` names exactly `want` (JIDs compared as RFC 7622 compares them), in any order. */
export function assertSameJids(held: string[], want: string[], what: string): void {
  const missing = want.filter((w) => !held.some((h) => sameJid(h, w)));
  const extra = held.filter((h) => !want.some((w) => sameJid(h, w)));
  if (missing.length || extra.length)
    throw new Violation(
      `${what} holds [${held.join(", ")}], expected [${want.join(", ")}]` +
        (missing.length ? `; missing ${missing.join(", ")}` : "") +
        (extra.length ? `; unexpected ${extra.join(", ")}` : ""),
    );
}

/** The user blocks (or unblocks) `jids` and the server answers with a result (a set-up step by default). */
export async function blockJids(
  ctx: CaseContext,
  client: Client,
  kind: "block" | "unblock",
  jids: string[],
): Promise<void> {
  const step = `${client.bare} ${kind}s ${jids.length ? jids.join(", ") : "every JID"}`;
  await ctx.setUp(step, () => client.iqResult(blockCommand(kind, ...jids), `the ${kind} command`));
}

/**
 * A block or unblock push (§3.3-3.5): an IQ set with <block/> or <unblock/> naming exactly `jids` (an
 * empty <unblock/> for unblock-all).
 */
export function blockPush(kind: "block" | "unblock", jids: string[]): MatchSpec {
  return {
    name: "iq",
    type: "set",
    child: { name: kind, ns: NS_BLOCKING },
    where: (el) => {
      const held = itemJids(el.getChild(kind, NS_BLOCKING));
      return held.length === jids.length && jids.every((j) => held.some((h) => sameJid(h, j)));
    },
    what: `(a ${kind} push) naming [${jids.join(", ")}]`,
  };
}

/** §3.3: the refusal of an outbound stanza to a blocked JID: <not-acceptable/> plus <blocked/>. */
export function assertBlockedError(reply: Element): void {
  assertStanzaError(reply, ["not-acceptable"]);
  if (!reply.getChild("error")?.getChild("blocked", NS_BLOCKING_ERRORS))
    throw new Violation(
      `the <not-acceptable/> error lacks <blocked xmlns='${NS_BLOCKING_ERRORS}'/>: ${clip(reply)}`,
    );
}

/** An error stanza (any kind) answering the stanza with this id. */
export function errorReplyTo(id: string): MatchSpec {
  return { id, type: "error" };
}

/**
 * Nothing matching `m` reached `recipient` from what `sender` sent so far: the sender's barrier proves its
 * server handled the stanzas (RFC 6120 §10.1), the recipient's that whatever they caused has arrived.
 * (A marker from the sender would be held by the very block under test.)
 */
export async function nothingFrom(
  sender: Client,
  recipient: Client,
  m: MatchSpec,
  why: string,
): Promise<void> {
  await sender.barrier();
  await recipient.expectNothing(m, why);
}

/**
 * `user` and `contact` share presence both ways (both interested), then `user` blocks the contact's bare
 * JID: the state most §3.3-§3.4 cases start from (SKIPs where blocking is not advertised).
 */
export async function blockSubscribedContact(ctx: CaseContext, user: Client, contact: Client): Promise<void> {
  await requireBlocking(ctx, user);
  await ctx.setUp(`${user.bare} and ${contact.bare} subscribe to each other`, () => mutual(user, contact));
  await blockJids(ctx, user, "block", [contact.bare]);
}

/** A second session of `user`; both request the blocklist, so both are owed every push (§3.3-§3.5). */
export async function interestedPair(ctx: CaseContext, user: Client): Promise<Client> {
  const other = await ctx.login(user.account, { label: `${user.account.username.slice(0, 6)}-2` });
  await ctx.setUp("both resources of the user request the blocklist", () =>
    Promise.all([blocklistOf(user), blocklistOf(other)]),
  );
  return other;
}

/** `user` runs the `kind` command on `jids`; each of `sessions` must get the push naming `pushed`. */
export async function pushesReach(
  ctx: CaseContext,
  user: Client,
  sessions: Client[],
  kind: "block" | "unblock",
  jids: string[],
): Promise<void> {
  await allGet(sessions, blockPush(kind, jids), () => blockJids(ctx, user, kind, jids));
}

/**
 * `user` blocks `blocked`, then unblocks `unblocked` (none: every JID, §3.5): the command must get a result,
 * and the blocklist must then hold exactly `left`.
 */
export async function unblockLeaves(
  ctx: CaseContext,
  user: Client,
  blocked: string[],
  unblocked: string[],
  left: string[],
): Promise<void> {
  await requireBlocking(ctx, user);
  await blockJids(ctx, user, "block", blocked);
  const reply = await user.iq(blockCommand("unblock", ...unblocked));
  if (reply.attrs.type !== "result")
    throw new Violation(`the unblock command was answered with ${clip(reply)}`);
  assertSameJids(await blocklistOf(user), left, "the blocklist after the unblock command");
}

/**
 * `alice` blocks `item(domain)` for a fresh harness domain (XEP-0191 §3.3, §6); a user there writes to alice,
 * then to `bob` over the same server-to-server stream (RFC 6120 §10.1: handled in order), so once bob has his, alice would have had hers. True when
 * alice got it.
 */
export async function remoteMessageDelivered(
  ctx: CaseContext,
  alice: Client,
  bob: Client,
  item: (domain: string) => string,
): Promise<boolean> {
  await requireBlocking(ctx, alice);
  const { s, domain } = await s2sIn(ctx);
  await blockJids(ctx, alice, "block", [item(domain)]);
  const [held, marker] = [`remote-${uid()}`, `marker-${uid()}`];
  const from = `someone@${domain}/phone`;
  const arrived = bob.expect(messageWithId(marker));
  await s.send(message(alice.full, "from afar", { id: held, from }));
  await s.send(message(bob.full, "marker", { id: marker, from }));
  await arrived;
  return (await alice.barrier()).some((el) => el.name === "message" && el.attrs.id === held);
}

// Personal eventing (XEP-0163) for the suites: the XEP-0060 requests a PEP case sends, the gate, the
// presence that announces interest, and the notifications it waits for.
import { Violation } from "../../harness/errors.ts";
import type { MatchSpec } from "../../harness/match.ts";
import type { CaseContext } from "../../harness/runner/context.ts";
import type { Client } from "../../harness/runner/users.ts";
import { discoInfo } from "./discovery.ts";
import { arrived } from "./order.ts";
import { answerCapsQueries, type Caps, capsFor, notifyCaps } from "./pep-caps.ts";
import { clip, type Element, uid, xml } from "./stanzas.ts";
import { mutual, sendPresence } from "./subscriptions.ts";

export const NS_PUBSUB = "http://jabber.org/protocol/pubsub";
export const NS_PUBSUB_OWNER = "http://jabber.org/protocol/pubsub#owner";
export const NS_PUBSUB_EVENT = "http://jabber.org/protocol/pubsub#event";
export const NS_ADDRESS = "http://jabber.org/protocol/address";

/**
 * A node named like a payload namespace (XEP-0163 §7.2 leaves NodeIDs to payloads), `role` telling apart
 * a case's nodes. Accounts made for the case have no nodes yet, so the name need not be new: a name per
 * case would leave the target a store per node ever made (prosody keeps a directory per node name and
 * walks them all at every account deletion). A pooled account keeps its nodes from case to case (the
 * reset leaves PEP alone), so there the name is new.
 */
export function pepNode(ctx: CaseContext, role = "note"): string {
  const pooled = ctx.target.provisioner.kind === "pool";
  return `urn:xmppspec:pep:${role}${pooled ? `-${uid()}` : ""}`;
}

/** The payload published at `node`: an element of that namespace carrying `text`. */
export function pepPayload(node: string, text: string): Element {
  return xml("note", { xmlns: node }, text);
}

/** A XEP-0060 form of `type` (publish-options, node_config) setting pubsub#access_model. */
function accessForm(formType: string, access: string): Element {
  return xml(
    "x",
    { xmlns: "jabber:x:data", type: "submit" },
    xml("field", { var: "FORM_TYPE", type: "hidden" }, xml("value", {}, `${NS_PUBSUB}#${formType}`)),
    xml("field", { var: "pubsub#access_model" }, xml("value", {}, access)),
  );
}

/** Publish one item (XEP-0163 §3), with the publish-options precondition pubsub#access_model when given. */
export function publishIq(node: string, id: string, payload: Element, access?: string): Element {
  return xml(
    "iq",
    { type: "set", id: `pub-${uid()}` },
    xml(
      "pubsub",
      { xmlns: NS_PUBSUB },
      xml("publish", { node }, xml("item", { id }, payload)),
      access ? xml("publish-options", {}, accessForm("publish-options", access)) : null,
    ),
  );
}

/** Retrieve the items of `owner`'s `node` (XEP-0060 §6.5). */
export function itemsIq(owner: string | undefined, node: string): Element {
  return xml(
    "iq",
    { type: "get", id: `items-${uid()}`, ...(owner ? { to: owner } : {}) },
    xml("pubsub", { xmlns: NS_PUBSUB }, xml("items", { node })),
  );
}

/** A pubsub request on `owner`'s service: subscribe/unsubscribe (jid), retract (item), create. */
export function pubsubIq(owner: string | undefined, op: Element, ns = NS_PUBSUB, extra?: Element): Element {
  return xml(
    "iq",
    { type: "set", id: `ps-${uid()}`, ...(owner ? { to: owner } : {}) },
    xml("pubsub", { xmlns: ns }, op, extra ?? null),
  );
}

/** The item ids in an items result or an <items/> event. */
export function itemIds(el: Element): string[] {
  const items =
    el.getChild("pubsub", NS_PUBSUB)?.getChild("items") ??
    el.getChild("event", NS_PUBSUB_EVENT)?.getChild("items");
  return (items?.getChildren("item") ?? []).map((i) => i.attrs.id ?? "");
}

/** A PEP event message about `node` (items, retract or delete), from whomever: cases check the 'from'. */
export function pepEvent(node: string, what: "items" | "delete" = "items"): MatchSpec {
  return {
    name: "message",
    where: (el) => el.getChild("event", NS_PUBSUB_EVENT)?.getChild(what)?.attrs.node === node,
    what: `carrying a pubsub <event/> <${what} node='${node}'/>`,
  };
}

/** A PEP event about `node` that carries the item `id`. */
export function pepItemEvent(node: string, id: string): MatchSpec {
  const base = pepEvent(node);
  return {
    name: "message",
    where: (el) => (base.where?.(el) ?? false) && itemIds(el).includes(id),
    what: `carrying a pubsub <event/> with item '${id}' of node '${node}'`,
  };
}

/** SKIPs unless the account's bare JID is a PEP service (XEP-0163 §6.1: identity pubsub/pep). */
export async function requirePep(ctx: CaseContext, client: Client): Promise<string[]> {
  const info = await ctx.setUp(`discover ${client.bare}'s own services`, () =>
    discoInfo(client, client.bare),
  );
  const pep = info.identities.some((i) => i.category === "pubsub" && i.type === "pep");
  ctx.require(pep, "the account is no PEP service (no pubsub/pep identity; XEP-0163 is optional)");
  return info.features;
}

/** SKIPs unless the PEP service advertises pubsub#<feature>. */
export function requirePubsubFeature(ctx: CaseContext, features: string[], feature: string): void {
  ctx.require(
    features.includes(`${NS_PUBSUB}#${feature}`),
    `the PEP service does not advertise pubsub#${feature}`,
  );
}

/** `owner` publishes an item (a set-up step); returns the item id. */
export async function published(
  ctx: CaseContext,
  owner: Client,
  node: string,
  text: string,
  access?: string,
): Promise<string> {
  const id = `i-${uid()}`;
  await ctx.setUp(`${owner.bare} publishes item ${id} to ${node}`, () =>
    owner.iqResult(publishIq(node, id, pepPayload(node, text), access), "publish"),
  );
  return id;
}

/**
 * `client` sends available presence with caps announcing interest in `notify` nodes and answers the
 * server's disco#info for them (XEP-0163 §4.2, XEP-0115). Waits until the server asked and got the
 * answer, so what follows sees the interest known. A set-up step: its failure is not the case's verdict.
 */
export async function announceInterest(
  ctx: CaseContext,
  client: Client,
  notify: string[],
  status?: string,
): Promise<Caps> {
  const caps = capsFor(notify);
  return ctx.setUp(
    `${client.full} announces +notify for ${notify.length} node(s) in caps presence`,
    async () => {
      const answered = answerCapsQueries(ctx, client, caps);
      await sendPresence(client, notifyCaps(caps), ...(status ? [xml("status", {}, status)] : []));
      await answered;
      await client.barrier();
      return caps;
    },
  );
}

/**
 * `contact` and `owner` subscribed to each other's presence (Both), the contact first; the contact's
 * session then goes unavailable, so its next presence (with caps, as a client sends it) is initial.
 */
export function shareBoth(ctx: CaseContext, contact: Client, owner: Client): Promise<void> {
  return ctx.setUp(`${contact.bare} and ${owner.bare} subscribe to each other's presence`, async () => {
    await mutual(contact, owner);
    await contact.send(xml("presence", { type: "unavailable" }));
    await contact.barrier();
  });
}

/**
 * The usual start of a PEP case: `owner` is a PEP service (else SKIP), `contact` and `owner` share presence
 * both ways, and the case's node name.
 */
export async function pepBetween(ctx: CaseContext, owner: Client, contact: Client): Promise<string> {
  await requirePep(ctx, owner);
  const node = pepNode(ctx);
  await shareBoth(ctx, contact, owner);
  return node;
}

/** Fail unless the notification comes from the owner's bare JID exactly (XEP-0163 §4.3.1 rule 1). */
export function assertFromBare(msg: Element, owner: Client): void {
  if ((msg.attrs.from ?? "").toLowerCase() !== owner.bare.toLowerCase())
    throw new Violation(
      `the notification comes from '${msg.attrs.from ?? ""}', not ${owner.bare}: ${clip(msg)}`,
    );
}

/** The XEP-0033 replyto addresses of a notification. */
export function replyTo(msg: Element): string[] {
  const addresses = msg.getChild("addresses", NS_ADDRESS)?.getChildren("address") ?? [];
  return addresses.filter((a) => a.attrs.type === "replyto").map((a) => a.attrs.jid ?? "");
}

/** `contact` shares presence with `owner` (Both) and announces interest in `nodes` (a set-up step each). */
export async function interestedContact(
  ctx: CaseContext,
  contact: Client,
  owner: Client,
  nodes: string[],
): Promise<Caps> {
  await shareBoth(ctx, contact, owner);
  return announceInterest(ctx, contact, nodes);
}

/** `who` subscribes `jid` (its bare or full JID) to `owner`'s node explicitly (XEP-0060 §6.1; a set-up step). */
export function explicitlySubscribed(
  ctx: CaseContext,
  who: Client,
  owner: Client,
  node: string,
  jid: string,
): Promise<Element> {
  return ctx.setUp(`${jid} subscribes to ${owner.bare}'s node ${node}`, () =>
    who.iqResult(pubsubIq(owner.bare, xml("subscribe", { node, jid })), "pubsub subscribe"),
  );
}

/** Waits for a stanza matching `spec`, then fails if a second one arrived by a barrier; returns the first. */
export async function exactlyOne(client: Client, spec: MatchSpec, what: string): Promise<Element> {
  const first = await client.expect(spec);
  const more = await arrived(client, spec);
  if (more.length) throw new Violation(`${what}: ${more.length + 1} arrived, not one: ${clip(more[0])}`);
  return first;
}

/**
 * `owner` publishes to a new node with access model open (publish-options) and `subscriber` subscribes
 * `jid` to it explicitly: the set-up of the cases on subscribers without a presence subscription. SKIPs
 * without PEP or publish-options. Returns the node.
 */
export async function openNodeSubscribed(
  ctx: CaseContext,
  owner: Client,
  subscriber: Client,
  jid: string,
): Promise<string> {
  const features = await requirePep(ctx, owner);
  requirePubsubFeature(ctx, features, "publish-options");
  const node = pepNode(ctx);
  await published(ctx, owner, node, "open", "open");
  await explicitlySubscribed(ctx, subscriber, owner, node, jid);
  return node;
}

/**
 * A new session of the user `name` whose initial presence announces +notify for `node`; `event` is the
 * wait for what matches `spec` (started before the presence went out), for the case to await.
 */
export async function newInterestedResource(
  ctx: CaseContext,
  name: string,
  node: string,
  spec: MatchSpec,
): Promise<{ session: Client; caps: Caps; event: Promise<Element> }> {
  const session = await ctx.setUp(`${name} logs in another session`, () => ctx.login(name, "interested"));
  const event = session.expect(spec);
  event.catch(() => {});
  const caps = await announceInterest(ctx, session, [node]);
  return { session, caps, event };
}

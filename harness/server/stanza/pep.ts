// The reference server's PEP service (XEP-0163 §3, §5): the XEP-0060 use cases on an account's bare
// JID: publish (auto-create, publish-options), retrieve items, retract, create, delete, subscribe and
// unsubscribe. Notifications are pep-notify.ts's, presence and caps pep-caps.ts's.
import type { Jid } from "../../jid.ts";
import { type Element, xml } from "../../xml/element.ts";
import type { StanzaContext } from "./context.ts";
import {
  autoCreateRefused,
  createRefused,
  defaultAccess,
  deleteUntold,
  itemsForgotten,
  preconditionIgnored,
  publishOptionsIgnored,
  retractUntold,
} from "./fault-hooks-pep.ts";
import type { IqCall } from "./iq.ts";
import { mayAccess } from "./pep-access.ts";
import { notifyAll, sendLastItems } from "./pep-notify.ts";
import { ACCESS_MODELS, type AccessModel, NS_PUBSUB, type PepNode, serviceOf } from "./pep-store.ts";
import { cloneElement } from "./util.ts";

/** The pubsub#access_model of a publish-options or configure form, if it names one. */
function accessField(form: Element | undefined): AccessModel | undefined | "invalid" {
  const x = form?.getChild("x", "jabber:x:data");
  const field = x?.getChildren("field").find((f) => f.attrs.var === "pubsub#access_model");
  if (!field) return undefined;
  const value = field.getChildText("value") ?? "";
  return (ACCESS_MODELS as readonly string[]).includes(value) ? (value as AccessModel) : "invalid";
}

function newNode(ctx: StanzaContext, name: string, access?: AccessModel): PepNode {
  return { name, access: access ?? defaultAccess(ctx), items: [], subscribers: new Set() };
}

export function handlePubsub(call: IqCall): void {
  const { ctx, iq, payload, scope } = call;
  const owner = ctx.bare(scope === "self" ? (iq.attrs.from ?? "") : (iq.attrs.to ?? ""));
  const requester = ctx.bare(iq.attrs.from ?? "");
  const [op] = payload.getChildElements();
  const name = op?.attrs.node;
  if (!op || !name) {
    call.error("bad-request");
    return;
  }
  const service = serviceOf(ctx, owner.toString());
  const node = service.nodes.get(name);
  const get = iq.attrs.type === "get";
  if (get && op.name === "items") {
    if (!node) call.error("item-not-found");
    else if (!mayAccess(ctx, owner, node, requester)) call.error("not-authorized");
    else call.result(itemsResult(node, op));
    return;
  }
  if (get) {
    call.error("feature-not-implemented");
    return;
  }
  if (op.name === "subscribe" || op.name === "unsubscribe") {
    subscription(call, owner, op, node);
    return;
  }
  // One publisher per node (§1): only the owner changes its service.
  if (scope !== "self") {
    call.error("forbidden");
    return;
  }
  switch (op.name) {
    case "publish":
      publish(call, owner, op, node);
      return;
    case "retract":
      retract(call, owner, op, node);
      return;
    case "create": {
      if (createRefused(ctx)) {
        call.error("feature-not-implemented");
        return;
      }
      if (node) {
        call.error("conflict");
        return;
      }
      const access = accessField(payload.getChild("configure"));
      if (access === "invalid") call.error("not-acceptable");
      else {
        service.nodes.set(name, newNode(ctx, name, access));
        call.result();
      }
      return;
    }
    default:
      call.error("feature-not-implemented");
  }
}

function itemsResult(node: PepNode, op: Element): Element {
  const wanted = op.getChildren("item").map((i) => i.attrs.id);
  const max = Number(op.attrs.max_items ?? node.items.length);
  const items = wanted.length ? node.items.filter((i) => wanted.includes(i.id)) : node.items.slice(-max || 0);
  return xml(
    "pubsub",
    { xmlns: NS_PUBSUB },
    xml(
      "items",
      { node: node.name },
      items.map((i) => xml("item", { id: i.id }, cloneElement(i.payload))),
    ),
  );
}

/** §3: publish, creating the node if need be (auto-create), under the publish-options preconditions. */
function publish(call: IqCall, owner: Jid, op: Element, existing: PepNode | undefined): void {
  const { ctx, iq, payload } = call;
  const name = op.attrs.node ?? "";
  const items = op.getChildren("item");
  const payloadEl = items[0]?.getChildElements()[0];
  if (items.length !== 1 || !payloadEl) {
    call.error("bad-request");
    return;
  }
  const access = publishOptionsIgnored(ctx) ? undefined : accessField(payload.getChild("publish-options"));
  if (access === "invalid") {
    call.error("conflict");
    return;
  }
  // XEP-0060 §7.1.5: a precondition the existing node does not meet fails the publish.
  if (existing && access && existing.access !== access && !preconditionIgnored(ctx)) {
    call.error("conflict", "precondition-not-met: pubsub#access_model");
    return;
  }
  if (!existing && autoCreateRefused(ctx)) {
    call.error("item-not-found");
    return;
  }
  const node = existing ?? newNode(ctx, name, access);
  serviceOf(ctx, owner.toString()).nodes.set(name, node);
  const id = items[0].attrs.id ?? ctx.newId("item");
  const item = { id, payload: cloneElement(payloadEl), publisher: iq.attrs.from ?? owner.toString() };
  node.items = [...node.items.filter((i) => i.id !== id), item];
  if (itemsForgotten(ctx)) node.items = [];
  call.result(xml("pubsub", { xmlns: NS_PUBSUB }, xml("publish", { node: name }, xml("item", { id }))));
  const event = xml("items", { node: name }, xml("item", { id }, cloneElement(item.payload)));
  notifyAll(ctx, owner, node, event, item.publisher);
}

/** XEP-0060 §7.2: retract an item; with notify='true' the subscribers hear of it. */
function retract(call: IqCall, owner: Jid, op: Element, node: PepNode | undefined): void {
  const id = op.getChild("item")?.attrs.id;
  if (!node || !id || !node.items.some((i) => i.id === id)) {
    call.error("item-not-found");
    return;
  }
  node.items = node.items.filter((i) => i.id !== id);
  call.result();
  const notify = op.attrs.notify === "true" || op.attrs.notify === "1";
  if (notify && !retractUntold(call.ctx))
    notifyAll(call.ctx, owner, node, xml("items", { node: node.name }, xml("retract", { id })));
}

/** XEP-0060 §6.1, §6.2: an explicit subscription of the requester's own JID (bare or full). */
function subscription(call: IqCall, owner: Jid, op: Element, node: PepNode | undefined): void {
  const { ctx, iq } = call;
  const jid = op.attrs.jid ?? "";
  const sender = ctx.bare(iq.attrs.from ?? "");
  if (!node) {
    call.error("item-not-found");
    return;
  }
  // XEP-0060 §6.1.3.1: the 'jid' must be the requester's own (bare or full)
  if (!jid || ctx.bare(jid).toString() !== sender.toString()) {
    call.error("bad-request");
    return;
  }
  if (op.name === "unsubscribe") {
    node.subscribers.delete(jid);
    call.result();
    return;
  }
  if (!mayAccess(ctx, owner, node, sender)) {
    call.error("not-authorized");
    return;
  }
  node.subscribers.add(jid);
  call.result(
    xml(
      "pubsub",
      { xmlns: NS_PUBSUB },
      xml("subscription", { node: node.name, jid, subscription: "subscribed" }),
    ),
  );
  // §4.3.4: the last published item to the new subscriber
  sendLastItems(ctx, owner, jid, node);
}

/** XEP-0060 §8.4 (pubsub#owner): delete a node; every subscriber is told. */
export function handlePubsubOwner(call: IqCall): void {
  const { ctx, iq, payload } = call;
  const del = payload.getChild("delete");
  const name = del?.attrs.node;
  if (iq.attrs.type !== "set" || !del || !name) {
    call.error("feature-not-implemented");
    return;
  }
  const owner = ctx.bare(iq.attrs.from ?? "");
  const service = serviceOf(ctx, owner.toString());
  const node = service.nodes.get(name);
  if (!node) {
    call.error("item-not-found");
    return;
  }
  service.nodes.delete(name);
  call.result();
  if (!deleteUntold(ctx)) notifyAll(ctx, owner, node, xml("delete", { node: name }));
}

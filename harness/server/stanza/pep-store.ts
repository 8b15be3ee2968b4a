// The state of the reference server's PEP service (XEP-0163): each account's nodes and items, explicit
// subscriptions, what its presence tells the service about contacts' resources, and the caps cache.
import type { Element } from "../../xml/element.ts";
import type { StanzaContext } from "./context.ts";

export const NS_PUBSUB = "http://jabber.org/protocol/pubsub";
export const NS_PUBSUB_OWNER = "http://jabber.org/protocol/pubsub#owner";
export const NS_PUBSUB_EVENT = "http://jabber.org/protocol/pubsub#event";
export const NS_CAPS = "http://jabber.org/protocol/caps";

/** XEP-0060 access models this service knows (XEP-0163 §5: presence is the default). */
export type AccessModel = "presence" | "open" | "roster" | "whitelist";
export const ACCESS_MODELS: readonly AccessModel[] = ["presence", "open", "roster", "whitelist"];

export interface PepItem {
  id: string;
  payload: Element;
  /** The publishing resource's full JID (the XEP-0033 replyto of §4.3.1 rule 3). */
  publisher: string;
}

export interface PepNode {
  name: string;
  access: AccessModel;
  /** Oldest first; the last is "the last published item" (§4.3.4). */
  items: PepItem[];
  /** Explicit XEP-0060 subscriptions: the subscribed JID (bare or full) as sent. */
  subscribers: Set<string>;
}

/** One account's virtual pubsub service. */
export interface PepService {
  nodes: Map<string, PepNode>;
  /**
   * The resources whose available presence reached the service (§2.3, §4.3.3): full JID -> the caps
   * ver they announced ("" without caps). Cleared by their unavailable presence.
   */
  present: Map<string, string>;
}

interface PepState {
  services: Map<string, PepService>;
  /** XEP-0115 ver -> the features the entity listed for it (the service's caps cache). */
  caps: Map<string, Set<string>>;
  /** Outstanding disco#info queries: IQ id -> the ver asked for. */
  queries: Map<string, string>;
}

const states = new WeakMap<StanzaContext, PepState>();

export function pepState(ctx: StanzaContext): PepState {
  let s = states.get(ctx);
  if (!s) {
    s = { services: new Map(), caps: new Map(), queries: new Map() };
    states.set(ctx, s);
  }
  return s;
}

/** The service of an account (bare JID string), made on first use. */
export function serviceOf(ctx: StanzaContext, owner: string): PepService {
  const all = pepState(ctx).services;
  let s = all.get(owner);
  if (!s) {
    s = { nodes: new Map(), present: new Map() };
    all.set(owner, s);
  }
  return s;
}

/** An account was removed: its service goes with it. */
export function forgetPep(ctx: StanzaContext, owner: string): void {
  pepState(ctx).services.delete(owner);
}

/** The nodes a resource announced interest in: "<node>+notify" features of its caps (XEP-0163 §4.2). */
export function interests(ctx: StanzaContext, ver: string): Set<string> | undefined {
  const features = pepState(ctx).caps.get(ver);
  if (!features) return undefined;
  const nodes = new Set<string>();
  for (const f of features) if (f.endsWith("+notify")) nodes.add(f.slice(0, -"+notify".length));
  return nodes;
}

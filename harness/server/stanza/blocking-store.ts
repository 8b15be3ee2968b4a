// The blocklists of XEP-0191: one per account, kept for the life of the server (the block "applies across
// sessions", §3.3), and the resources that requested theirs (they get the pushes, §3.3-§3.5).
import { type Jid, tryParseJid } from "../../jid.ts";
import type { BoundSession } from "../types.ts";
import type { StanzaContext } from "./context.ts";

export class BlockStore {
  /** Per account (bare JID string): the blocked JIDs, prepared, in the order they were blocked. */
  private readonly lists = new Map<string, Map<string, Jid>>();
  /** Resources that requested the blocklist. */
  readonly interested = new WeakSet<BoundSession>();
  /** Sessions that have sent a stanza (blocklist-lost-on-login tells a new one by it). */
  readonly seen = new WeakSet<BoundSession>();

  items(account: Jid): Jid[] {
    return [...(this.lists.get(account.toString())?.values() ?? [])];
  }

  add(account: Jid, jids: Jid[]): void {
    const key = account.toString();
    const list = this.lists.get(key) ?? new Map<string, Jid>();
    for (const j of jids) list.set(j.toString(), j);
    this.lists.set(key, list);
  }

  remove(account: Jid, jids: Jid[]): void {
    const list = this.lists.get(account.toString());
    for (const j of jids) list?.delete(j.toString());
  }

  clear(account: Jid): void {
    this.lists.delete(account.toString());
  }

  /** The item of `account`'s blocklist that matches `jid` (§6), if any; `bent` is what faults change. */
  match(account: Jid, jid: Jid, bent: MatchingBent = NO_BENDING): Jid | undefined {
    return this.items(account).find((item) => itemMatches(item, jid, bent));
  }
}

/**
 * XEP-0191 §6 (as XEP-0016): <user@domain/resource> matches only itself; <user@domain> any resource of it;
 * <domain/resource> only itself; <domain> the domain, every user@domain and every domain/resource.
 */
export function itemMatches(item: Jid, jid: Jid, bent: MatchingBent = NO_BENDING): boolean {
  if (item.local !== "") {
    if (!item.isBare)
      return bent.fullAsBare ? item.bare().equals(jid.bare()) : !bent.fullIgnored && item.equals(jid);
    return bent.bareAsDomain ? item.domain === jid.domain : item.equals(jid.bare());
  }
  if (!item.isBare) return item.equals(jid);
  return !bent.domainIgnored && item.domain === jid.domain;
}

/** The matching rules the faults bend (fault-hooks-blocking.ts). */
export interface MatchingBent {
  fullIgnored: boolean;
  fullAsBare: boolean;
  domainIgnored: boolean;
  bareAsDomain: boolean;
}

const NO_BENDING: MatchingBent = {
  fullIgnored: false,
  fullAsBare: false,
  domainIgnored: false,
  bareAsDomain: false,
};

/** A blocklist item's 'jid', prepared; null when missing or not a JID. */
export function itemJid(value: string | undefined): Jid | null {
  return value === undefined ? null : tryParseJid(value);
}

const stores = new WeakMap<StanzaContext, BlockStore>();

/** The blocklists of this stanza layer. */
export function blockStore(ctx: StanzaContext): BlockStore {
  let store = stores.get(ctx);
  if (!store) {
    store = new BlockStore();
    stores.set(ctx, store);
  }
  return store;
}

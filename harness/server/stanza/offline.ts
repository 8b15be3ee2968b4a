// Offline storage (RFC 6121 §8.5.2.2.1 option (a), with XEP-0160 semantics): messages for an account with
// no available resource wait here and are delivered, stamped with XEP-0203 <delay/>, to the next resource
// that becomes available with a non-negative priority.
import type { Jid } from "../../jid.ts";
import { type Element, NS, xml } from "../../xml/element.ts";
import type { BoundSession } from "../types.ts";
import type { StanzaContext } from "./context.ts";
import { alterStored, offlineRefusal, storageDropped } from "./fault-hooks-routing.ts";
import { cloneElement, xmppTimestamp } from "./util.ts";

interface Stored {
  stanza: Element;
  stamp: Date;
}

export class OfflineStore {
  readonly #queues = new Map<string, Stored[]>();

  constructor(readonly limit: number) {}

  /** False when the account's queue is full (the caller then bounces the message). */
  add(account: string, stanza: Element, stamp: Date): boolean {
    let q = this.#queues.get(account);
    if (!q) {
      q = [];
      this.#queues.set(account, q);
    }
    if (q.length >= this.limit) return false;
    q.push({ stanza, stamp });
    return true;
  }

  take(account: string): Stored[] {
    const q = this.#queues.get(account) ?? [];
    this.#queues.delete(account);
    return q;
  }

  count(account: string): number {
    return this.#queues.get(account)?.length ?? 0;
  }

  dropAccount(account: string): void {
    this.#queues.delete(account);
  }
}

/** Stores a message for later; false if it could not be stored (queue full). */
export function storeOffline(ctx: StanzaContext, account: Jid, stanza: Element): boolean {
  if (storageDropped(ctx)) return true;
  if (offlineRefusal(ctx)) return false;
  const copy = cloneElement(stanza);
  alterStored(ctx, copy);
  return ctx.offline.add(account.toString(), copy, ctx.now());
}

/**
 * Delivers the stored messages to `session` (which just became available with priority >= 0), each with a
 * <delay/> saying when and where it was stored (XEP-0203: 'from' is the server that delayed it).
 */
export function flushOffline(ctx: StanzaContext, session: BoundSession): void {
  if (session.priority < 0) return;
  const account = session.jid.bare().toString();
  for (const { stanza, stamp } of ctx.offline.take(account)) {
    const out = cloneElement(stanza);
    out.append(xml("delay", { xmlns: NS.delay, from: session.jid.domain, stamp: xmppTimestamp(stamp) }));
    ctx.sendMessage(session, out);
  }
}

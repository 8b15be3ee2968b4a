// The bound client resources of the reference server, as the stanza layer sees them.
import type { Jid } from "../jid.ts";
import type { Element } from "../xml/element.ts";
import { accountKey } from "./accounts.ts";
import type { BoundSession } from "./types.ts";

/** What a session needs from its connection. */
export interface SessionOwner {
  sendStanza(stanza: Element): void;
  streamError(condition: string, text?: string): void;
}

let counter = 0;

export class ClientSession implements BoundSession {
  readonly id: string;
  available = false;
  priority = 0;
  lastPresence?: Element;
  interested = false;

  constructor(
    readonly jid: Jid,
    private owner: SessionOwner,
  ) {
    this.id = `s${++counter}`;
  }

  /** XEP-0198 resumption: another connection carries this session from now on. */
  moveTo(owner: SessionOwner): void {
    this.owner = owner;
  }

  send(stanza: Element): void {
    this.owner.sendStanza(stanza);
  }

  streamError(condition: string, text?: string): void {
    this.owner.streamError(condition, text);
  }
}

export class SessionRegistry {
  /** Prepared bare JID -> resourcepart -> session. */
  readonly #byAccount = new Map<string, Map<string, ClientSession>>();

  add(session: ClientSession): void {
    const bare = session.jid.bare().toString();
    let resources = this.#byAccount.get(bare);
    if (!resources) this.#byAccount.set(bare, (resources = new Map()));
    // A duplicate full JID only exists under the bind-duplicate-resource fault; keep the first in the map
    // lookups but still list both (sessionsOf), as the faulty server would deliver to both.
    const key = resources.has(session.jid.resource)
      ? `${session.jid.resource}\0${session.id}`
      : session.jid.resource;
    resources.set(key, session);
  }

  remove(session: ClientSession): void {
    const bare = session.jid.bare().toString();
    const resources = this.#byAccount.get(bare);
    if (!resources) return;
    for (const [key, s] of resources) if (s === session) resources.delete(key);
    if (resources.size === 0) this.#byAccount.delete(bare);
  }

  sessionsOf(bareJid: string): ClientSession[] {
    const key = accountKey(bareJid) ?? bareJid;
    return [...(this.#byAccount.get(key)?.values() ?? [])];
  }

  resourceInUse(bareJid: string, resource: string): boolean {
    return this.#byAccount.get(bareJid)?.has(resource) ?? false;
  }

  all(): ClientSession[] {
    return [...this.#byAccount.values()].flatMap((m) => [...m.values()]);
  }
}

// The reference server's accounts: an in-memory store keyed by the prepared bare JID.
// It is also the runner's embedded provisioning API (ReferenceServer.accounts).
import { tryParseJid } from "../jid.ts";
import type { AccountStore } from "./types.ts";

/** The canonical key of a bare JID ("User@Example.test" and "user@example.test" are one account). */
export function accountKey(bareJid: string): string | undefined {
  const jid = tryParseJid(bareJid);
  if (!jid?.local || jid.resource) return undefined;
  return jid.bare().toString();
}

export class MemoryAccountStore implements AccountStore {
  readonly #passwords = new Map<string, string>();

  has(bareJid: string): boolean {
    const key = accountKey(bareJid);
    return key !== undefined && this.#passwords.has(key);
  }

  password(bareJid: string): string | undefined {
    const key = accountKey(bareJid);
    return key === undefined ? undefined : this.#passwords.get(key);
  }

  /** False if the account exists or the address is not a valid bare JID with a localpart. */
  create(bareJid: string, password: string): boolean {
    const key = accountKey(bareJid);
    if (key === undefined || this.#passwords.has(key)) return false;
    this.#passwords.set(key, password);
    return true;
  }

  remove(bareJid: string): boolean {
    const key = accountKey(bareJid);
    return key !== undefined && this.#passwords.delete(key);
  }

  setPassword(bareJid: string, password: string): boolean {
    const key = accountKey(bareJid);
    if (key === undefined || !this.#passwords.has(key)) return false;
    this.#passwords.set(key, password);
    return true;
  }

  /** Every account's bare JID, prepared. */
  list(): string[] {
    return [...this.#passwords.keys()];
  }

  get size(): number {
    return this.#passwords.size;
  }
}

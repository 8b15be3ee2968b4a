// The per-account contact records behind the roster (RFC 6121 §2) and the subscription state (Appendix A).
import type { Element } from "../../xml/element.ts";

export type Subscription = "none" | "to" | "from" | "both";

/** What the server knows about one contact of one account. */
export interface Contact {
  /** The contact's JID, prepared (RFC 7622), normally bare. */
  readonly jid: string;
  /** The handle the user gave the contact; "" when none (RFC 6121 §2.4.1: empty equals absent). */
  name: string;
  groups: string[];
  subscription: Subscription;
  /** Pending Out: the user asked the contact for a subscription ('ask' flag, RFC 6121 §2.1.2.2). */
  ask: boolean;
  /** Pending In: the contact's stored request (RFC 6121 §3.1.3 rule 4 keeps the complete stanza). */
  pendingIn: Element | null;
  /** Pre-approval (RFC 6121 §3.4). */
  approved: boolean;
  /**
   * Is there a roster item? A None + Pending In record may exist without one (RFC 6121 §3.1.3: the server
   * MUST NOT add an item until the user approves).
   */
  inRoster: boolean;
}

interface AccountRoster {
  /** Roster version (RFC 6121 §2.6): bumped on every change that causes a roster push. */
  version: number;
  contacts: Map<string, Contact>;
}

export class RosterStore {
  readonly #accounts = new Map<string, AccountRoster>();

  #account(account: string): AccountRoster {
    let roster = this.#accounts.get(account);
    if (!roster) {
      roster = { version: 0, contacts: new Map() };
      this.#accounts.set(account, roster);
    }
    return roster;
  }

  get(account: string, jid: string): Contact | undefined {
    return this.#accounts.get(account)?.contacts.get(jid);
  }

  /** The record for `jid`, created (without a roster item) if missing. */
  ensure(account: string, jid: string): Contact {
    const contacts = this.#account(account).contacts;
    let c = contacts.get(jid);
    if (!c) {
      c = {
        jid,
        name: "",
        groups: [],
        subscription: "none",
        ask: false,
        pendingIn: null,
        approved: false,
        inRoster: false,
      };
      contacts.set(jid, c);
    }
    return c;
  }

  delete(account: string, jid: string): void {
    this.#accounts.get(account)?.contacts.delete(jid);
  }

  /** Every record, roster item or not. */
  records(account: string): Contact[] {
    return [...(this.#accounts.get(account)?.contacts.values() ?? [])];
  }

  /** The roster items, in insertion order. */
  items(account: string): Contact[] {
    return this.records(account).filter((c) => c.inRoster);
  }

  version(account: string): number {
    return this.#accounts.get(account)?.version ?? 0;
  }

  bumpVersion(account: string): number {
    return ++this.#account(account).version;
  }

  dropAccount(account: string): void {
    this.#accounts.delete(account);
  }
}

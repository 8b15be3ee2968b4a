// The per-account message archives of XEP-0313 (§3): each stored message has an unpredictable id unique
// within the archive (§3, §6.2), the time the server received it, and the bare JID of the other party;
// the order is the order of storage (§3.1). And the archiving preferences (XEP-0441, urn:xmpp:mam:2).
import { randomBytes } from "node:crypto";
import type { Element } from "../../xml/element.ts";
import type { StanzaContext } from "./context.ts";

export interface Archived {
  id: string;
  stamp: Date;
  /** The other party as the message names it (full or bare), for 'with' (§4.1.1). */
  peer: string;
  stanza: Element;
}

export type PrefsDefault = "always" | "never" | "roster";

export interface Prefs {
  default: PrefsDefault;
  always: Set<string>;
  never: Set<string>;
}

export class MamStore {
  readonly #archives = new Map<string, Archived[]>();
  readonly #prefs = new Map<string, Prefs>();

  archive(account: string): Archived[] {
    let a = this.#archives.get(account);
    if (!a) {
      a = [];
      this.#archives.set(account, a);
    }
    return a;
  }

  /** Stores an item; `id` overrides the random id (a fault's). */
  add(account: string, item: Omit<Archived, "id">, id?: string): Archived {
    const stored = { id: id ?? randomBytes(9).toString("base64url"), ...item };
    this.archive(account).push(stored);
    return stored;
  }

  prefs(account: string): Prefs {
    return this.#prefs.get(account) ?? { default: "always", always: new Set(), never: new Set() };
  }

  setPrefs(account: string, prefs: Prefs): void {
    this.#prefs.set(account, prefs);
  }
}

const STORES = new WeakMap<StanzaContext, MamStore>();

/** The archives of one server instance. */
export function mamStore(ctx: StanzaContext): MamStore {
  let s = STORES.get(ctx);
  if (!s) {
    s = new MamStore();
    STORES.set(ctx, s);
  }
  return s;
}

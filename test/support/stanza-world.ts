// The reference server's stanza layer driven directly through a fake ServerHost whose fake sessions record
// what they receive (no sockets): the World the stanza-layer tests build, and their stanza builders and readers.
import { fileURLToPath } from "node:url";
import { readTsv as readTable } from "../../harness/fixtures/tsv.ts";
import { type Jid, parseJid } from "../../harness/jid.ts";
import { MemoryAccountStore } from "../../harness/server/accounts.ts";
import {
  createStanzaLayer,
  type ReferenceStanzaLayer,
  type StanzaLayerOptions,
} from "../../harness/server/stanza/index.ts";
import type { BoundSession, ServerHost } from "../../harness/server/types.ts";
import { type Element, NS, xml } from "../../harness/xml/element.ts";

export const D = "example.test";
export const REMOTE = "remote.test"; // reachable through the fake s2s seam
export const NOWHERE = "unreachable.test"; // not reachable
export const NOW = new Date("2024-01-02T03:04:05.000Z");

// --- fakes ---------------------------------------------------------------------------------------------

export class FakeSession implements BoundSession {
  available = false;
  priority = 0;
  lastPresence?: Element;
  interested = false;
  inbox: Element[] = [];
  streamErrors: string[] = [];
  readonly jid: Jid;
  constructor(
    readonly id: string,
    jid: string,
  ) {
    this.jid = parseJid(jid);
  }
  send(stanza: Element): void {
    // What the connection layer would do: serialise now (so later mutations cannot hide), keep the element.
    stanza.toString();
    this.inbox.push(stanza);
  }
  streamError(condition: string): void {
    this.streamErrors.push(condition);
  }
  /** Everything received since the last take(). */
  take(): Element[] {
    const got = this.inbox;
    this.inbox = [];
    return got;
  }
}

export class FakeHost implements ServerHost {
  readonly domains = new Set([D]);
  readonly accounts = new MemoryAccountStore();
  readonly faults = new Set<string>();
  readonly bound = new Map<string, FakeSession[]>();
  sessionsOf(bareJid: string): BoundSession[] {
    return [...(this.bound.get(bareJid) ?? [])];
  }
  fault(name: string): boolean {
    return this.faults.has(name);
  }
}

export interface LoginOptions {
  roster?: boolean;
  /** true: initial presence with no priority; a number: with that priority. */
  presence?: boolean | number;
}

export class World {
  readonly host = new FakeHost();
  readonly layer: ReferenceStanzaLayer;
  /** Stanzas handed to the s2s seam for remote.test. */
  readonly remote: Element[] = [];
  #n = 0;

  constructor(opts: { faults?: string[]; options?: StanzaLayerOptions } = {}) {
    for (const f of opts.faults ?? []) this.host.faults.add(f);
    this.layer = createStanzaLayer(this.host, {
      now: () => NOW,
      routeRemote: (s) => {
        if (!parseJid(s.attrs.to).domain.endsWith(REMOTE)) return false;
        this.remote.push(s);
        return true;
      },
      ...opts.options,
    });
  }

  account(name: string): string {
    const bare = `${name}@${D}`;
    this.host.accounts.create(bare, "pw");
    return bare;
  }

  login(bare: string, resource: string, opts: LoginOptions = {}): FakeSession {
    const s = new FakeSession(`s${++this.#n}`, `${bare}/${resource}`);
    const list = this.host.bound.get(bare) ?? [];
    list.push(s);
    this.host.bound.set(bare, list);
    if (opts.roster) this.send(s, iq("get", {}, xml("query", { xmlns: NS.roster })));
    if (opts.presence !== undefined && opts.presence !== false) {
      const prio = typeof opts.presence === "number" ? xml("priority", {}, String(opts.presence)) : null;
      this.send(s, xml("presence", {}, prio));
    }
    s.take();
    return s;
  }

  /** As the connection layer does: stamp the full JID, then hand over. */
  send(s: FakeSession, stanza: Element): void {
    stanza.attrs.from = s.jid.toString();
    this.layer.fromClient(s, stanza);
  }

  logout(s: FakeSession): void {
    const bare = s.jid.bare().toString();
    this.host.bound.set(
      bare,
      (this.host.bound.get(bare) ?? []).filter((x) => x !== s),
    );
    this.layer.sessionEnded(s);
  }

  /** Both sides of a local subscription, consistently. */
  subscribe(user: string, contact: string, state: "To" | "From" | "Both"): void {
    const mirror = { To: "From", From: "To", Both: "Both" } as const;
    this.layer.setSubscription(user, contact, state);
    this.layer.setSubscription(contact, user, mirror[state]);
  }
}

// --- stanza builders and readers ----------------------------------------------------------------------------

let ids = 0;
export function iq(type: string, attrs: Record<string, string | undefined>, ...children: Element[]): Element {
  return xml("iq", { type, id: `q${++ids}`, ...attrs }, ...children);
}
export function msg(to: string | undefined, body: string, type?: string): Element {
  return xml("message", { to, type, id: `m${++ids}` }, xml("body", {}, body));
}
export function pres(attrs: Record<string, string | undefined> = {}, ...children: Element[]): Element {
  return xml("presence", attrs, ...children);
}
export const ping = () => xml("ping", { xmlns: NS.ping });
export const rosterQuery = (...items: Element[]) => xml("query", { xmlns: NS.roster }, ...items);

export function stanzaError(el: Element | undefined): { type?: string; condition?: string } {
  const error = el?.getChild("error");
  const condition = error?.getChildElements().find((c) => c.getNS() === NS.stanzas && c.name !== "text");
  return { type: error?.attrs.type, condition: condition?.name };
}

export const of = (els: Element[], name: string, type?: string) =>
  els.filter((e) => e.name === name && (type === undefined ? true : e.attrs.type === type));
export const presences = (els: Element[], type?: string) =>
  els.filter((e) => e.name === "presence" && e.attrs.type === type);
export const pushes = (els: Element[]) =>
  els.filter((e) => e.name === "iq" && e.attrs.type === "set" && e.getChild("query", NS.roster));
export const pushedItem = (push: Element) => push.getChild("query", NS.roster)!.getChild("item")!;
export const bodies = (els: Element[]) => of(els, "message").map((m) => m.getChildText("body"));

/** A table of the repository ("fixtures/rfc/requirements.tsv"), each row by column name. */
export function readTsv(path: string): Record<string, string>[] {
  return readTable(fileURLToPath(new URL(`../../${path}`, import.meta.url))).map((r) => r.fields());
}

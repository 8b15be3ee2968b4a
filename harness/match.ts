// Matching parsed stanzas: cases say what they wait for, never compare raw bytes.
import { type Element, NS } from "./xml/element.ts";

export interface MatchSpec {
  /** Element name without prefix: "message", "iq", "presence", "features", "error". */
  name?: string;
  /** The element's namespace (resolved). */
  ns?: string;
  type?: string;
  id?: string;
  from?: string;
  to?: string;
  /** A direct child, by name and optional namespace. */
  child?: string | { name: string; ns?: string };
  /** 'from' names this bare JID or one of its resources (case-insensitive in localpart and domain). */
  fromBare?: string;
  /** A roster push or result carrying an item for this JID, optionally with one of these subscriptions. */
  rosterItem?: { jid: string; subscription?: string | string[]; ask?: string };
  /** A further test the data above cannot say; `what` names it in a timeout's message. */
  where?: (el: Element) => boolean;
  what?: string;
}

export type Matcher = MatchSpec | ((el: Element) => boolean);

function localName(el: Element): string {
  const i = el.name.indexOf(":");
  return i < 0 ? el.name : el.name.slice(i + 1);
}

/** A JID attribute compared as the RFC compares them: case-insensitively in localpart and domain. */
export function sameJid(a: string | undefined, b: string): boolean {
  if (a === undefined) return false;
  if (a === b) return true;
  const split = (s: string) => {
    const slash = s.indexOf("/");
    return slash < 0 ? [s.toLowerCase(), ""] : [s.slice(0, slash).toLowerCase(), s.slice(slash)];
  };
  const [ab, ar] = split(a);
  const [bb, br] = split(b);
  return ab === bb && ar === br;
}

export function matches(el: Element, m: Matcher): boolean {
  if (typeof m === "function") return m(el);
  if (m.name !== undefined && localName(el) !== m.name) return false;
  if (m.ns !== undefined && el.getNS() !== m.ns) return false;
  if (m.type !== undefined && (el.attrs.type ?? "") !== m.type) return false;
  if (m.id !== undefined && el.attrs.id !== m.id) return false;
  if (m.from !== undefined && !sameJid(el.attrs.from, m.from)) return false;
  if (m.to !== undefined && !sameJid(el.attrs.to, m.to)) return false;
  if (m.child !== undefined) {
    const c = typeof m.child === "string" ? { name: m.child } : m.child;
    if (!el.getChild(c.name, c.ns)) return false;
  }
  if (m.fromBare !== undefined && !sameJid(bareOf(el.attrs.from), m.fromBare)) return false;
  if (m.rosterItem !== undefined && !hasRosterItem(el, m.rosterItem)) return false;
  return m.where === undefined || m.where(el);
}

/** The bare part of a JID attribute ('' when absent). */
export function bareOf(jid: string | undefined): string {
  const s = jid ?? "";
  const slash = s.indexOf("/");
  return slash < 0 ? s : s.slice(0, slash);
}

function hasRosterItem(el: Element, want: NonNullable<MatchSpec["rosterItem"]>): boolean {
  const items = el.getChild("query", NS.roster)?.getChildren("item") ?? [];
  const subs = want.subscription === undefined ? undefined : [want.subscription].flat();
  return items.some(
    (i) =>
      sameJid(i.attrs.jid, want.jid) &&
      (subs === undefined || subs.includes(i.attrs.subscription ?? "none")) &&
      (want.ask === undefined || i.attrs.ask === want.ask),
  );
}

/** What a matcher waits for, as a timeout's message names it: `<presence type='subscribe' from bare='b@x'>`. */
export function describeMatcher(m: Matcher): string {
  if (typeof m === "function") return m.name ? `stanza matching ${m.name}` : "matching stanza";
  const { name = "element", child, fromBare, rosterItem, where, what, type, ...attrs } = m;
  const parts: string[] = [];
  if (type !== undefined) parts.push(type === "" ? "with no type" : `type='${type}'`);
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined) parts.push(`${k}='${v}'`);
  if (fromBare !== undefined) parts.push(`from ${fromBare} (any resource)`);
  if (child) parts.push(`with <${typeof child === "string" ? child : child.name}/>`);
  if (rosterItem) {
    const sub =
      rosterItem.subscription === undefined
        ? ""
        : ` subscription='${[rosterItem.subscription].flat().join("|")}'`;
    const ask = rosterItem.ask === undefined ? "" : ` ask='${rosterItem.ask}'`;
    parts.push(`with roster <item jid='${rosterItem.jid}'${sub}${ask}/>`);
  }
  if (where) parts.push(what ?? `where ${where.name || "a further test holds"}`);
  return `<${name}${parts.length ? ` ${parts.join(" ")}` : ""}>`;
}

export interface ErrorInfo {
  type: string | undefined;
  condition: string | undefined;
  text: string | undefined;
  /** Every child of <error/> in the stanzas namespace (a correct error has exactly one condition). */
  conditions: string[];
}

/** The <error/> of an error stanza (RFC 6120 §8.3.2), or undefined. */
export function stanzaError(el: Element): ErrorInfo | undefined {
  const error = el.getChild("error");
  if (!error) return undefined;
  const conditions = error
    .getChildElements()
    .filter((c) => c.getNS() === NS.stanzas && c.name !== "text")
    .map((c) => c.name);
  return {
    type: error.attrs.type,
    condition: conditions[0],
    conditions,
    text: error.getChildText("text", NS.stanzas) ?? undefined,
  };
}

/** The condition of a <stream:error/> (RFC 6120 §4.9.2), or undefined. */
export function streamErrorCondition(el: Element): string | undefined {
  return el
    .getChildElements()
    .find((c) => c.getNS() === NS.streams && c.name !== "text")
    ?.name.replace(/^.*:/, "");
}

export function isStreamError(el: Element): boolean {
  return localName(el) === "error" && el.getNS() === NS.stream;
}

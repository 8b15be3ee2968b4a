// Result Set Management (XEP-0059) over an archive query's result set, as XEP-0313 §4.3 uses it: <max/>,
// <after/>, <before/> (empty: the last page), <index/>; and the <fin/> the query ends with.
import { type Element, xml } from "../../xml/element.ts";
import type { StanzaContext } from "./context.ts";
import {
  afterSkip,
  beforeIgnored,
  completeEarly,
  completeMissing,
  countMissing,
  emptyPageBounds,
  indexIgnored,
  maxIgnored,
  setBounds,
} from "./fault-hooks-mam.ts";
import type { Archived } from "./mam-store.ts";

export const NS_RSM = "http://jabber.org/protocol/rsm";
/** The most results one query returns (XEP-0313 §4.3.1: a server MAY limit a page). */
export const PAGE_CAP = 100;

export interface PageRequest {
  max?: number;
  after?: string;
  /** "" = the last page (XEP-0059 §2.5). */
  before?: string;
  index?: number;
}

export interface Page {
  items: Archived[];
  /** Where the page starts in the result set. */
  from: number;
  complete: boolean;
}

/** Reads a <set/>; undefined when it is not a valid one (bad-request). */
export function readSet(set: Element | undefined): PageRequest | undefined {
  if (!set) return {};
  const num = (name: string): number | undefined | null => {
    const el = set.getChild(name);
    if (!el) return undefined;
    const text = el.getText().trim();
    return /^\d+$/.test(text) ? Number(text) : null;
  };
  const max = num("max");
  const index = num("index");
  if (max === null || index === null) return undefined;
  const after = set.getChild("after")?.getText();
  const before = set.getChild("before")?.getText();
  return { max, index, after, before };
}

/**
 * Selects the page of `set` (the query's results, in order) that `req` asks for; `position` gives an
 * archive id's place in the whole archive (undefined: no such id, item-not-found) so a page can start
 * after an item the query's filters leave out.
 */
export function selectPage(
  ctx: StanzaContext,
  set: Archived[],
  req: PageRequest,
  position: (id: string) => number | undefined,
): Page | "item-not-found" {
  const max = maxIgnored(ctx) ? PAGE_CAP : Math.min(req.max ?? PAGE_CAP, PAGE_CAP);
  // how many items of the set come before (or at) an archive id
  const upTo = (id: string, inclusive: boolean): number | undefined => {
    const at = set.findIndex((i) => i.id === id);
    if (at >= 0) return inclusive ? at + 1 : at;
    const p = position(id);
    if (p === undefined) return undefined;
    return set.filter((i) => (position(i.id) ?? 0) < p).length;
  };
  const after = req.after === undefined ? 0 : upTo(req.after, true);
  if (after === undefined) return "item-not-found";
  const lo = Math.min(set.length, after + (req.after === undefined ? 0 : afterSkip(ctx)));
  if (req.before !== undefined && !beforeIgnored(ctx)) {
    const hi = req.before === "" ? set.length : upTo(req.before, false);
    if (hi === undefined) return "item-not-found";
    const from = Math.max(lo, hi - max);
    return { items: set.slice(from, Math.max(from, hi)), from, complete: from <= lo };
  }
  const before = req.before ? upTo(req.before, true) : lo;
  if (before === undefined) return "item-not-found";
  const start = req.index !== undefined && !indexIgnored(ctx) ? req.index : req.before ? before : lo;
  const items = set.slice(start, start + max);
  return { items, from: start, complete: start + max >= set.length };
}

/** The <fin/> of XEP-0313 §4: the RSM <set/> of the page, and whether the results are complete. */
export function finOf(ctx: StanzaContext, set: Archived[], page: Page): Element {
  const rsm = xml("set", { xmlns: NS_RSM });
  const counted = !countMissing(ctx);
  if (page.items.length > 0) {
    const [first, last] = setBounds(ctx, set, page.from, page.from + page.items.length - 1);
    rsm.append(xml("first", counted ? { index: String(first) } : {}, set[first].id));
    rsm.append(xml("last", {}, set[last].id));
  } else if (emptyPageBounds(ctx)) rsm.append(xml("first"), xml("last"));
  if (counted) rsm.append(xml("count", {}, String(set.length)));
  const complete = (page.complete || completeEarly(ctx)) && !completeMissing(ctx);
  return xml("fin", { xmlns: "urn:xmpp:mam:2", ...(complete ? { complete: "true" } : {}) }, rsm);
}

// XEP-0313 archive queries as data: the query IQ (form fields, §4.1, and the XEP-0059 <set/>), a result
// message read (§4.2), the <fin/>'s RSM <set/> read (§4). The suites' kit and the fuzzer's archive model
// both build on these.
import { type Element, xml } from "./xml/element.ts";

let counter = 0;
const nextId = () => `${Date.now().toString(36)}${(++counter).toString(36)}`;

export const NS_MAM = "urn:xmpp:mam:2";
export const NS_MAM_EXTENDED = "urn:xmpp:mam:2#extended";
export const NS_RSM = "http://jabber.org/protocol/rsm";
export const NS_FORWARD = "urn:xmpp:forward:0";
export const NS_SID = "urn:xmpp:sid:0";
export const NS_DATA = "jabber:x:data";

/** What a query asks: form fields (§4.1) and an RSM page (XEP-0059). */
export interface MamQuery {
  with?: string;
  start?: string;
  end?: string;
  afterId?: string;
  beforeId?: string;
  /** More fields, as sent (an unknown one, say). */
  fields?: Record<string, string>;
  max?: number;
  after?: string;
  /** "" asks for the last page (XEP-0059 §2.5). */
  before?: string;
  index?: number;
  flip?: boolean;
  /** The archive's JID; none: the user's own (§3.3.1). */
  to?: string;
  queryid?: string;
}

/** One result message (§4.2). */
export interface MamResult {
  id: string;
  queryid?: string;
  /** The archived message as forwarded. */
  message: Element;
  /** The <delay/> stamp, if there is one. */
  stamp?: string;
  wrapper: Element;
}

/** The <fin/>'s RSM <set/> (XEP-0059 §2.2). */
export interface RsmSet {
  first?: string;
  firstIndex?: number;
  last?: string;
  count?: number;
}

function field(name: string, value: string): Element {
  return xml("field", { var: name }, xml("value", {}, value));
}

/** The query IQ of §4 (a form only when a field is given, §4.1). */
export function mamQueryIq(q: MamQuery = {}): Element {
  const fields: Record<string, string | undefined> = {
    with: q.with,
    start: q.start,
    end: q.end,
    "after-id": q.afterId,
    "before-id": q.beforeId,
    ...q.fields,
  };
  const given = Object.entries(fields).filter((e): e is [string, string] => e[1] !== undefined);
  const form = given.length
    ? [
        xml(
          "x",
          { xmlns: NS_DATA, type: "submit" },
          xml("field", { var: "FORM_TYPE", type: "hidden" }, xml("value", {}, NS_MAM)),
          ...given.map(([k, v]) => field(k, v)),
        ),
      ]
    : [];
  const rsmKids = [
    ...(q.max === undefined ? [] : [xml("max", {}, String(q.max))]),
    ...(q.after === undefined ? [] : [xml("after", {}, q.after)]),
    ...(q.before === undefined ? [] : [xml("before", {}, q.before)]),
    ...(q.index === undefined ? [] : [xml("index", {}, String(q.index))]),
  ];
  const set = rsmKids.length ? [xml("set", { xmlns: NS_RSM }, ...rsmKids)] : [];
  const flip = q.flip ? [xml("flip-page")] : [];
  return xml(
    "iq",
    { type: "set", id: `mam-${nextId()}`, ...(q.to ? { to: q.to } : {}) },
    xml("query", { xmlns: NS_MAM, queryid: q.queryid ?? `q-${nextId()}` }, ...form, ...set, ...flip),
  );
}

/** Reads one result message; undefined if it is not one. */
export function readResult(el: Element): MamResult | undefined {
  if (el.getName() !== "message") return undefined;
  const result = el.getChild("result", NS_MAM);
  const message = result?.getChild("forwarded", NS_FORWARD)?.getChild("message");
  if (!result || !message) return undefined;
  const stamp = result.getChild("forwarded", NS_FORWARD)?.getChild("delay", "urn:xmpp:delay")?.attrs.stamp;
  return { id: result.attrs.id ?? "", queryid: result.attrs.queryid, message, stamp, wrapper: el };
}

export function readRsmSet(fin: Element | undefined): RsmSet {
  const set = fin?.getChild("set", NS_RSM);
  const first = set?.getChild("first");
  const count = set?.getChild("count")?.getText();
  const index = first?.attrs.index;
  return {
    first: first?.getText(),
    firstIndex: index === undefined ? undefined : Number(index),
    last: set?.getChild("last")?.getText(),
    count: count === undefined ? undefined : Number(count),
  };
}

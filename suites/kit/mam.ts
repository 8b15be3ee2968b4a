// XEP-0313 archive queries as the cases send and read them: the query (its form fields and the XEP-0059
// <set/>), the result messages (§4.2) gathered from the inbox, and the IQ result's <fin/> (§4).
import { Violation } from "../../harness/errors.ts";
import type { CaseContext } from "../../harness/runner/context.ts";
import type { Client } from "../../harness/runner/users.ts";
import { type DiscoInfo, requireAccountFeature } from "./discovery.ts";
import { clip, type Element, uid, xml } from "./stanzas.ts";

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

export interface MamAnswer {
  results: MamResult[];
  fin: Element;
  complete: boolean;
  set: RsmSet;
  reply: Element;
}

/** SKIPs unless the user's account advertises urn:xmpp:mam:2; says whether it has #extended too. */
export async function requireMam(
  ctx: CaseContext,
  client: Client,
): Promise<{ extended: boolean; info: DiscoInfo }> {
  const info = await requireAccountFeature(ctx, client, NS_MAM, "XEP-0313");
  return { extended: info.features.includes(NS_MAM_EXTENDED), info };
}

/** SKIPs unless the account advertises urn:xmpp:mam:2#extended too (before-id, after-id, flipped pages). */
export async function requireMamExtended(ctx: CaseContext, client: Client): Promise<void> {
  const { extended } = await requireMam(ctx, client);
  ctx.require(
    extended,
    `the account does not advertise ${NS_MAM_EXTENDED} (the extended queries are optional)`,
  );
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
    { type: "set", id: `mam-${uid()}`, ...(q.to ? { to: q.to } : {}) },
    xml("query", { xmlns: NS_MAM, queryid: q.queryid ?? `q-${uid()}` }, ...form, ...set, ...flip),
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

/** Takes from the inbox every result message that `which` picks. */
export function takeResults(client: Client, which: (r: MamResult) => boolean): MamResult[] {
  const out: MamResult[] = [];
  for (let i = 0; i < client.inbox.length; ) {
    const r = readResult(client.inbox[i]);
    if (r && which(r)) {
      out.push(r);
      client.inbox.splice(i, 1);
    } else i++;
  }
  return out;
}

export function readSet(fin: Element | undefined): RsmSet {
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

/** Sends a query and waits for its IQ reply (result or error), as is. */
export async function mamAsk(client: Client, q: MamQuery = {}): Promise<Element> {
  return client.iq(mamQueryIq(q));
}

/**
 * Queries the archive: the results that arrived before the IQ result (§4: the server sends that last), its
 * <fin/> and RSM <set/>. An error reply or a result without <fin/> is a Violation naming `what`.
 */
export async function mamQuery(
  client: Client,
  q: MamQuery = {},
  what = "the archive query",
): Promise<MamAnswer> {
  const iq = mamQueryIq(q);
  const queryid = iq.getChild("query", NS_MAM)?.attrs.queryid;
  const reply = await client.iq(iq);
  if (reply.attrs.type !== "result")
    throw new Violation(`${what} was answered with an error: ${clip(reply)}`);
  const fin = reply.getChild("fin", NS_MAM);
  if (!fin)
    throw new Violation(`the result of ${what} holds no <fin xmlns='${NS_MAM}'/> (§4): ${clip(reply)}`);
  // results carry the queryid (§4.2); those that lack it are counted too so a missing one shows
  const results = takeResults(client, (r) => r.queryid === queryid || r.queryid === undefined);
  return { results, fin, complete: fin.attrs.complete === "true", set: readSet(fin), reply };
}

/** The ids of results, in order. */
export const idsOf = (results: MamResult[]) => results.map((r) => r.id);

/** The body text of an archived message. */
export const bodyOf = (r: MamResult) => r.message.getChild("body")?.getText() ?? "";

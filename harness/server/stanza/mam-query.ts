// Archive queries (XEP-0313 §4): the form a client fills in (§4.1, §4.1.5), the filters it holds ('with',
// 'start'/'end', and the #extended 'before-id'/'after-id'/'ids'), the results sent as messages and the
// IQ result with <fin/> after them (§4, §4.2), paged by RSM (§4.3, ./mam-page.ts). A user reads only
// the archive of its own bare JID (§8.1).
import { type Jid, tryParseJid } from "../../jid.ts";
import { type Element, NS, xml } from "../../xml/element.ts";
import {
  alterReturned,
  bareQueryRefused,
  endExclusive,
  extendedIgnored,
  fieldsRequired,
  finFirst,
  flipIgnored,
  formWrongTypes,
  inQueryOrder,
  otherArchiveReadable,
  queryIdDropped,
  stampOf,
  timeIgnored,
  unknownFieldAccepted,
  unknownIdAnswered,
  withIgnored,
} from "./fault-hooks-mam.ts";
import type { IqCall } from "./iq.ts";
import { handleMetadata } from "./mam-metadata.ts";
import { finOf, NS_RSM, readSet, selectPage } from "./mam-page.ts";
import { handlePrefs } from "./mam-prefs.ts";
import { type Archived, mamStore } from "./mam-store.ts";
import { cloneElement, xmppTimestamp } from "./util.ts";

export const NS_MAM = "urn:xmpp:mam:2";
export const NS_MAM_EXTENDED = "urn:xmpp:mam:2#extended";
const NS_DATA = "jabber:x:data";
const NS_FORWARD = "urn:xmpp:forward:0";

/** The fields of §4.1 (and of #extended, §4.1.3) and their types (§4.1.5). */
const FIELDS: Record<string, string> = {
  with: "jid-single",
  start: "text-single",
  end: "text-single",
  "after-id": "text-single",
  "before-id": "text-single",
  ids: "list-multi",
};

interface Filters {
  with?: Jid;
  start?: Date;
  end?: Date;
  afterId?: string;
  beforeId?: string;
  ids?: string[];
}

/** The fields of a submitted form; a string names what is wrong with it (and the condition). */
function readForm(
  ctx: IqCall["ctx"],
  query: Element,
): Filters | ["bad-request" | "feature-not-implemented", string] {
  const form = query.getChild("x", NS_DATA);
  const out: Filters = {};
  for (const field of form?.getChildren("field") ?? []) {
    const name = field.attrs.var ?? "";
    const values = field.getChildren("value").map((v) => v.getText());
    const value = values[0] ?? "";
    if (name === "FORM_TYPE") continue;
    if (!(name in FIELDS)) {
      if (unknownFieldAccepted(ctx)) continue;
      return ["feature-not-implemented", `unknown field '${name}'`];
    }
    if (name === "with") {
      const jid = tryParseJid(value);
      if (!jid) return ["bad-request", "'with' is not a JID"];
      out.with = jid;
    } else if (name === "start" || name === "end") {
      const d = new Date(value);
      if (!/^\d{4}-\d\d-\d\dT/.test(value) || Number.isNaN(d.getTime()))
        return ["bad-request", `'${name}' is not a XEP-0082 DateTime`];
      out[name] = d;
    } else if (!extendedIgnored(ctx)) {
      if (name === "after-id") out.afterId = value;
      else if (name === "before-id") out.beforeId = value;
      else out.ids = values;
    }
  }
  return out;
}

function matches(ctx: IqCall["ctx"], item: Archived, f: Filters): boolean {
  if (f.with && !withIgnored(ctx)) {
    const peer = tryParseJid(item.peer);
    if (!peer) return false;
    if (f.with.isBare ? !peer.bare().equals(f.with) : !peer.equals(f.with)) return false;
  }
  if (!timeIgnored(ctx)) {
    if (f.start && item.stamp < f.start) return false;
    if (f.end && (item.stamp > f.end || (endExclusive(ctx) && item.stamp.getTime() === f.end.getTime())))
      return false;
  }
  return !f.ids || f.ids.includes(item.id);
}

/** The query form (§4.1.5): every field this server supports. */
function queryForm(ctx: IqCall["ctx"]): Element {
  const required = fieldsRequired(ctx) ? [xml("required")] : [];
  const form = xml(
    "x",
    { xmlns: NS_DATA, type: "form" },
    xml("field", { var: "FORM_TYPE", type: "hidden" }, xml("value", {}, NS_MAM)),
    ...Object.entries(FIELDS).map(([name, type]) =>
      xml(
        "field",
        { var: name, type: name === "with" && formWrongTypes(ctx) ? "text-single" : type },
        ...required,
        // §4.1.5: the ids are open-ended, never listed
        ...(name === "ids"
          ? [
              xml(
                "validate",
                { xmlns: "http://jabber.org/protocol/xdata-validate", datatype: "xs:string" },
                xml("open"),
              ),
            ]
          : []),
      ),
    ),
  );
  return xml("query", { xmlns: NS_MAM }, form);
}

export function handleMam(call: IqCall): void {
  if (call.scope === "other" && !otherArchiveReadable(call.ctx)) {
    call.error("forbidden");
    return;
  }
  if (call.payload.getName() === "prefs") {
    handlePrefs(call);
    return;
  }
  if (call.payload.getName() === "metadata") {
    handleMetadata(call);
    return;
  }
  if (call.scope === "self" && call.iq.attrs.to !== undefined && bareQueryRefused(call.ctx)) {
    call.error("service-unavailable");
    return;
  }
  if (call.iq.attrs.type === "get") {
    call.result(queryForm(call.ctx));
    return;
  }
  const ctx = call.ctx;
  const session = call.session;
  const owner = call.scope === "other" ? tryParseJid(call.iq.attrs.to ?? "")?.bare() : session?.jid.bare();
  if (!session || !owner) {
    call.error("service-unavailable");
    return;
  }
  const filters = readForm(ctx, call.payload);
  if (Array.isArray(filters)) {
    call.error(filters[0], filters[1]);
    return;
  }
  const req = readSet(call.payload.getChild("set", NS_RSM));
  if (!req) {
    call.error("bad-request", "<max/> and <index/> hold non-negative integers");
    return;
  }
  const archive = mamStore(ctx).archive(owner.toString());
  const position = new Map(archive.map((item, i) => [item.id, i]));
  const at = (id: string) => position.get(id);
  const unknown = [filters.afterId, filters.beforeId, ...(filters.ids ?? [])].some(
    (id) => id !== undefined && at(id) === undefined,
  );
  if (unknown && !unknownIdAnswered(ctx)) {
    call.error("item-not-found", "no such id in the archive");
    return;
  }
  const lo = filters.afterId === undefined ? -1 : (at(filters.afterId) ?? archive.length);
  const hi = filters.beforeId === undefined ? archive.length : (at(filters.beforeId) ?? -1);
  const set = inQueryOrder(
    ctx,
    archive.filter((item, i) => i > lo && i < hi && matches(ctx, item, filters)),
  );
  let page = selectPage(ctx, set, req, at);
  if (page === "item-not-found") {
    if (!unknownIdAnswered(ctx)) {
      call.error("item-not-found", "no such id in the archive");
      return;
    }
    page = { items: [], from: set.length, complete: true };
  }
  const flip = call.payload.getChild("flip-page") !== undefined && !flipIgnored(ctx);
  const items = flip ? [...page.items].reverse() : page.items;
  const queryid = call.payload.attrs.queryid;
  const results = items.map((item) =>
    resultMessage(call, session.jid.toString(), owner.toString(), item, queryid),
  );
  const fin = finOf(ctx, set, page);
  if (finFirst(ctx)) call.result(fin);
  for (const m of results) ctx.send(session, m);
  if (!finFirst(ctx)) call.result(fin);
}

/** One result (§4.2): the stored message, forwarded (XEP-0297) with the time it was received. */
function resultMessage(
  call: IqCall,
  to: string,
  from: string,
  item: Archived,
  queryid: string | undefined,
): Element {
  const stored = cloneElement(item.stanza);
  stored.attrs.xmlns = NS.client;
  alterReturned(call.ctx, stored);
  const result = xml(
    "result",
    {
      xmlns: NS_MAM,
      id: item.id,
      ...(queryid !== undefined && !queryIdDropped(call.ctx) ? { queryid } : {}),
    },
    xml(
      "forwarded",
      { xmlns: NS_FORWARD },
      xml("delay", { xmlns: NS.delay, stamp: xmppTimestamp(stampOf(call.ctx, item)) }),
      stored,
    ),
  );
  return xml("message", { to, from, id: call.ctx.newId("mam") }, result);
}

// What presence tells a PEP service (XEP-0163 §2.3, §4.2, §4.3.3): which of the owner's and its
// contacts' resources are available, and, from their XEP-0115 caps, which nodes they want notifications
// of. An unknown caps 'ver' is asked for with disco#info to the resource (node#ver) and cached.
import { type Jid, tryParseJid } from "../../jid.ts";
import { type Element, NS, xml } from "../../xml/element.ts";
import type { BoundSession } from "../types.ts";
import type { StanzaContext } from "./context.ts";
import { lastItemEveryPresence, unavailableIgnored } from "./fault-hooks-pep.ts";
import { sendLastItems } from "./pep-notify.ts";
import { NS_CAPS, pepState, serviceOf } from "./pep-store.ts";
import { routeFromServer } from "./router.ts";

/** Work waiting for the features of a caps ver, and the query that asks for them. */
const waiting = new WeakMap<StanzaContext, Map<string, (() => void)[]>>();

function waitersOf(ctx: StanzaContext): Map<string, (() => void)[]> {
  let w = waiting.get(ctx);
  if (!w) {
    w = new Map();
    waiting.set(ctx, w);
  }
  return w;
}

/** Runs `then` once the features behind `caps` are known, asking the resource `full` if need be. */
function whenCapsKnown(ctx: StanzaContext, owner: Jid, full: string, caps: Element, then: () => void): void {
  const ver = caps.attrs.ver ?? "";
  const state = pepState(ctx);
  if (state.caps.has(ver)) {
    then();
    return;
  }
  const w = waitersOf(ctx);
  const queued = w.get(ver);
  if (queued) {
    queued.push(then);
    return;
  }
  w.set(ver, [then]);
  const id = ctx.newId("caps");
  state.queries.set(id, ver);
  const node = `${caps.attrs.node ?? ""}#${ver}`;
  const query = xml(
    "iq",
    { type: "get", id, from: owner.domain, to: full },
    xml("query", { xmlns: NS.discoInfo, node }),
  );
  // the server's own query to a local resource goes straight to it (no presence check applies to the server)
  const local = tryParseJid(full);
  const session = local ? ctx.session(local) : undefined;
  if (session) ctx.send(session, query);
  else routeFromServer(ctx, query);
}

/**
 * Presence from `stanza.attrs.from` reached `owner`'s service: a contact's presence to the owner's bare JID,
 * or the owner's own broadcast. Initial presence with caps gets the last items it is interested in.
 */
export function pepSeesPresence(ctx: StanzaContext, owner: Jid, stanza: Element): void {
  const from = tryParseJid(stanza.attrs.from ?? "");
  if (!from || from.isBare || !ctx.exists(owner)) return;
  const full = from.toString();
  const service = serviceOf(ctx, owner.toString());
  const type = stanza.attrs.type;
  if (type === "unavailable") {
    if (!unavailableIgnored(ctx)) service.present.delete(full);
    return;
  }
  if (type !== undefined) return;
  const caps = stanza.getChild("c", NS_CAPS);
  // §4.3.3 rule 2: only initial presence (after the resource was unavailable) triggers the last items.
  const initial = !service.present.has(full) || lastItemEveryPresence(ctx);
  service.present.set(full, caps?.attrs.ver ?? "");
  if (!caps) return;
  // an unknown ver is asked for even on later presence: the interest it announces filters what follows
  whenCapsKnown(ctx, owner, full, caps, () => {
    if (initial && service.present.has(full)) sendLastItems(ctx, owner, full);
  });
}

/** A client's own broadcast presence (no 'to'), once the presence layer has handled it. */
export function ownPresenceSeen(ctx: StanzaContext, session: BoundSession, stanza: Element): void {
  const type = stanza.attrs.type;
  // an available presence the server refused left the resource unavailable
  if ((type === undefined && session.available) || type === "unavailable")
    pepSeesPresence(ctx, session.jid.bare(), stanza);
}

/** A client's IQ result or error to the server: true when it answers one of our caps queries. */
export function capsAnswered(ctx: StanzaContext, _session: BoundSession, iq: Element): boolean {
  const state = pepState(ctx);
  const id = iq.attrs.id ?? "";
  const ver = state.queries.get(id);
  if (ver === undefined) return false;
  state.queries.delete(id);
  const then = waitersOf(ctx).get(ver) ?? [];
  waitersOf(ctx).delete(ver);
  const query = iq.attrs.type === "result" ? iq.getChild("query", NS.discoInfo) : undefined;
  if (!query) return true;
  const features = query.getChildren("feature").map((f) => f.attrs.var ?? "");
  state.caps.set(ver, new Set(features));
  for (const run of then) run();
  return true;
}

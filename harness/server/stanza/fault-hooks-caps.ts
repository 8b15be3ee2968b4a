// What the XEP-0115 presence faults (faults/xep0115.ts) do: the caps <c/> in presence the server delivers
// (a rewrite at StanzaContext.send) and where the server sends its caps query. Without its fault each hook
// leaves the stanza as the sender wrote it.
import type { Element } from "../../xml/element.ts";
import type { BoundSession } from "../types.ts";
import { NS_CAPS } from "./caps.ts";
import type { StanzaContext } from "./context.ts";

/** receiver -> sender's full JID -> the first and the last ver it was given */
const seen = new WeakMap<BoundSession, Map<string, { first: Element; last: string }>>();

/** caps-stripped, caps-optimized-unadvertised, caps-stale: a presence on its way to `to`. */
export function capsRelayed(ctx: StanzaContext, to: BoundSession, stanza: Element): Element {
  const c = stanza.name === "presence" ? stanza.getChild("c", NS_CAPS) : undefined;
  if (!c) return stanza;
  const from = stanza.attrs.from ?? "";
  const bySender = seen.get(to) ?? new Map<string, { first: Element; last: string }>();
  seen.set(to, bySender);
  const before = bySender.get(from);
  bySender.set(from, { first: before?.first ?? c, last: c.attrs.ver ?? "" });
  const drop = () => {
    stanza.children = stanza.children.filter((x) => x !== c);
  };
  if (ctx.fault("caps-stripped")) drop();
  else if (ctx.fault("caps-optimized-unadvertised") && before?.last === c.attrs.ver) drop();
  else if (ctx.fault("caps-stale") && before)
    stanza.children = stanza.children.map((x) => (x === c ? before.first : x));
  return stanza;
}

/** caps-query-bare: the server's caps query goes to the bare JID without a node. */
export function capsQueryTarget(
  ctx: StanzaContext,
  session: BoundSession,
  nodeVer: string,
): { to: string; node?: string } {
  if (ctx.fault("caps-query-bare")) return { to: session.jid.bare().toString() };
  return { to: session.jid.toString(), node: nodeVer };
}

// What the FP faults (faults-presence.ts) do to stanzas and state, kept apart from presence.ts and
// messages.ts so the rule-abiding code there stays readable: one call site per fault.
import type { Element } from "../../xml/element.ts";
import type { BoundSession } from "../types.ts";
import type { StanzaContext } from "./context.ts";
import { cloneElement, contentChildren } from "./util.ts";

/** Resources that ended a presence session once (re-initial-presence-not-initial). */
export const endedOnce = new WeakSet<BoundSession>();
/** Per resource, the first presence of its session (probe-answer-incomplete). */
export const firstPresence = new WeakMap<BoundSession, Element>();
/** Per resource, subscribers that got directed unavailable presence (directed-unavailable-stops-broadcast). */
export const muted = new WeakMap<BoundSession, Set<string>>();

/** presence-syntax-unchecked: any number, any <show/>, several of each; missing-priority-negative: none = -1. */
export function faultyPriority(ctx: StanzaContext, stanza: Element): number | undefined {
  const prios = contentChildren(stanza, "priority");
  if (prios.length === 0 && ctx.host.fault("missing-priority-negative")) return -1;
  if (!ctx.host.fault("presence-syntax-unchecked")) return undefined;
  return prios.length === 0 ? 0 : Number.parseInt(prios[0].getText(), 10) || 0;
}

/** presence-broadcast-stripped: the copy for contacts keeps no children but <priority/>. */
export function broadcastCopy(ctx: StanzaContext, pres: Element): Element {
  const out = cloneElement(pres);
  if (ctx.host.fault("presence-broadcast-stripped"))
    out.children = out.children.filter((c) => typeof c !== "string" && c.name === "priority");
  return out;
}

/** Should the broadcast skip this contact (the directed-* faults)? */
export function skipContact(
  ctx: StanzaContext,
  session: BoundSession,
  jid: string,
  directed: Set<string>,
): boolean {
  if (ctx.host.fault("directed-unavailable-stops-broadcast") && muted.get(session)?.has(jid)) return true;
  return ctx.host.fault("directed-contact-not-broadcast") && directed.has(jid);
}

export function mute(session: BoundSession, jid: string): void {
  const set = muted.get(session) ?? new Set<string>();
  set.add(jid);
  muted.set(session, set);
}

/** generated-unavailable-copies-presence: the last presence turned into unavailable, children and all. */
export function unavailableCopy(last: Element, from: string): Element {
  const out = cloneElement(last);
  out.attrs.type = "unavailable";
  out.attrs.from = from;
  return out;
}

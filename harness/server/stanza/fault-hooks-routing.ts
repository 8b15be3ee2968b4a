// What the routing and delivery faults (faults/stanza-*.ts, faults/delivery.ts) do to the stanza
// layer's behaviour, kept apart from context.ts, router.ts, messages.ts and offline.ts so the rule-abiding
// code there stays readable: each hook is called at one place, and without its fault it does what the
// RFC says.
import type { Element } from "../../xml/element.ts";
import type { BoundSession } from "../types.ts";
import type { StanzaContext } from "./context.ts";

/** second-domain-remote: a served domain other than the first is taken for a remote one. */
export function servesOnlyFirstDomain(ctx: StanzaContext, domain: string): boolean {
  return ctx.fault("second-domain-remote") && domain !== [...ctx.host.domains][0];
}

/** Per resource, for the reorder-messages fault: messages seen, and the one held back. */
const reorder = new WeakMap<BoundSession, { count: number; held?: Element }>();

/**
 * reorder-messages: every second message waits for the next one and goes out after it (RFC 6120 §10.1
 * broken). What goes out now, in order.
 */
export function holdsBackEverySecond(ctx: StanzaContext, session: BoundSession, message: Element): Element[] {
  if (!ctx.fault("reorder-messages")) return [message];
  const state = reorder.get(session) ?? { count: 0 };
  reorder.set(session, state);
  const held = state.held;
  state.held = undefined;
  if (held === undefined && state.count++ % 2 === 1) {
    state.held = message;
    return [];
  }
  return held === undefined ? [message] : [message, held];
}

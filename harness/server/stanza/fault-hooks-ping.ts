// What the XEP-0199 faults (faults/xep0199.ts) and the disco side of the XEP-0077 ones do to the stanza
// layer's ping answers (./ping.ts) and the server's disco#info features (./disco.ts); without its fault
// each hook leaves the answer alone.
import { NS } from "../../xml/element.ts";
import type { StanzaContext } from "./context.ts";
import type { StanzaCondition } from "./errors.ts";

/** The server's disco#info features, less those a fault hides. */
export function advertisedFeatures(ctx: StanzaContext, features: string[]): string[] {
  const hidden = new Set<string>();
  if (ctx.fault("ping-not-advertised") || ctx.fault("ping-wrong-condition")) hidden.add(NS.ping);
  if (ctx.fault("register-not-in-disco")) hidden.add(NS.register);
  return features.filter((f) => !hidden.has(f));
}

/** The error a ping to the server or one's own account gets under a fault, if any. */
export function pingRefusal(ctx: StanzaContext): StanzaCondition | undefined {
  if (ctx.fault("ping-server-refused")) return "service-unavailable";
  if (ctx.fault("ping-wrong-condition")) return "feature-not-implemented";
  return undefined;
}

/** ping-set-answered: a ping in an IQ set is answered like a get. */
export function pingSetAnswered(ctx: StanzaContext): boolean {
  return ctx.fault("ping-set-answered");
}

/** s2s-ping-unanswered: a ping from a peer server (no local session sent it) goes unanswered. */
export function remotePingDropped(ctx: StanzaContext, fromLocalSession: boolean): boolean {
  return !fromLocalSession && ctx.fault("s2s-ping-unanswered");
}

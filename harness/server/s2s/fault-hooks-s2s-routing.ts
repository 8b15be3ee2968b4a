// What the routing faults (../faults/s2s-routing.ts) do to the s2s service: each hook is asked at one place
// where stanzas cross between domains (service.ts), which reads as the rules of RFC 6120 §10.1 and §10.4.
import { tryParseJid } from "../../jid.ts";
import type { Element } from "../../xml/element.ts";
import type { FaultCheck } from "../faults/index.ts";
import { isError } from "../stanza/errors.ts";
import { rewriteRouted } from "./fault-hooks-s2s-im.ts";

/** Stanzas to a full JID delayed this long by s2s-inbound-full-jid-late: later ones overtake them. */
const LATE_MS = 50;
/** Immediate redials by s2s-reconnect-storm. */
const STORM_RETRIES = 20;

export class S2sRoutingHooks {
  constructor(private readonly fault: FaultCheck) {}

  /** False: the stanza vanishes (s2s-drop-routed; s2s-no-error-to-remote for error replies). */
  routes(stanza: Element): boolean {
    if (this.fault("s2s-drop-routed")) return false;
    rewriteRouted(this.fault, stanza);
    if (stanza.attrs.type === "probe" && this.fault("s2s-no-probe-remote")) return false;
    return !(isError(stanza) && this.fault("s2s-no-error-to-remote"));
  }

  /** s2s-route-client-namespace: a routed stanza keeps the 'jabber:client' of the stream it came in on. */
  keepsClientNamespace(): boolean {
    return this.fault("s2s-route-client-namespace");
  }

  /** s2s-stream-per-stanza: every stanza gets a stream of its own. */
  streamPerStanza(): boolean {
    return this.fault("s2s-stream-per-stanza");
  }

  /** How often a failed dial is retried at once (s2s-reconnect-storm), instead of bouncing its queue. */
  stormRetries(): number {
    return this.fault("s2s-reconnect-storm") ? STORM_RETRIES : 0;
  }

  /** The queue in the order it is flushed; s2s-route-full-jid-first puts full-JID stanzas first. */
  flushOrder(queue: Element[]): Element[] {
    if (!this.fault("s2s-route-full-jid-first")) return queue;
    const full = (el: Element) => Boolean(tryParseJid(el.attrs.to ?? "")?.resource);
    return [...queue.filter(full), ...queue.filter((el) => !full(el))];
  }

  /** The condition for stanzas whose remote address refused the connection (§10.4.3). */
  connectRefusedCondition<C extends string>(condition: C): C | "service-unavailable" {
    return this.fault("s2s-connect-refused-unavailable") ? "service-unavailable" : condition;
  }

  /** Hands an inbound stanza to the stanza layer; s2s-inbound-full-jid-late holds full-JID ones back. */
  deliverInbound(stanza: Element, deliver: (el: Element) => void): void {
    const late = this.fault("s2s-inbound-full-jid-late") && tryParseJid(stanza.attrs.to ?? "")?.resource;
    if (late) setTimeout(() => deliver(stanza), LATE_MS);
    else deliver(stanza);
  }
}

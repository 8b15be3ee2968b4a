// The server's own pings to a client (XEP-0199 §4.1): when a bound session has been quiet for a while,
// the server tests the stream with an IQ get. The answer is the server's to take, result or error (a
// client without ping support answers <service-unavailable/>, §4.1); nothing is done with either: the
// stream stays up whatever the answer.
import { randomBytes } from "node:crypto";
import { type Element, NS, xml } from "../xml/element.ts";
import type { FaultCheck } from "./faults/index.ts";

export interface PingTarget {
  /** The server's domain and the session's full JID. */
  from: string;
  to: string;
  sendStanza(el: Element): void;
  streamError(condition: string, text?: string): void;
}

export class IdlePinger {
  #timer: NodeJS.Timeout | undefined;
  /** Ids of the pings sent and not yet answered. */
  readonly #pending = new Set<string>();

  constructor(
    private readonly idleMs: number,
    private readonly target: PingTarget,
    private readonly fault: FaultCheck,
  ) {
    this.touch();
  }

  /** The client spoke: the quiet period starts again. */
  touch(): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.ping(), this.idleMs);
    this.#timer.unref();
  }

  /** Takes the client's answer to one of our pings (true), leaving everything else to the stanza layer. */
  takes(el: Element): boolean {
    const id = el.attrs.id;
    if (el.name !== "iq" || id === undefined || !this.#pending.has(id)) return false;
    if (el.attrs.type !== "result" && el.attrs.type !== "error") return false;
    this.#pending.delete(id);
    if (el.attrs.type === "error" && this.fault("server-ping-error-ends-session"))
      this.target.streamError("undefined-condition", "the client did not answer our ping");
    return true;
  }

  stop(): void {
    clearTimeout(this.#timer);
  }

  private ping(): void {
    const id = `s2c-${randomBytes(6).toString("hex")}`;
    this.#pending.add(id);
    // server-ping-as-set: a set, and without the id the answer would need
    const attrs = this.fault("server-ping-as-set")
      ? { type: "set", from: this.target.from, to: this.target.to }
      : { type: "get", id, from: this.target.from, to: this.target.to };
    this.target.sendStanza(xml("iq", attrs, xml("ping", { xmlns: NS.ping })));
  }
}

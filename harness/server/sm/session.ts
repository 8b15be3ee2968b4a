// One stream-management session of the reference server (XEP-0198): the two counters, the queue of stanzas
// the client has not acknowledged, and the connection currently carrying it (none while detached).
import type { Element } from "../../xml/element.ts";
import type { ClientSession } from "../sessions.ts";

/** §4: 'h' is an xs:unsignedInt and wraps from 2^32-1 to 0. */
export const H_MODULUS = 2 ** 32;

export function nextH(h: number): number {
  return (h + 1) % H_MODULUS;
}

/** How many stanzas lie between two counter values, modulo 2^32 (§4). */
export function hDistance(from: number, to: number): number {
  return (((to - from) % H_MODULUS) + H_MODULUS) % H_MODULUS;
}

/** Where an SM session's stanzas go: the connection that carries it now. */
export interface SmCarrier {
  writeStanza(stanza: Element): void;
  writeNonza(el: Element): void;
  /** §5: another stream resumed this session while this one was still open (the 'conflict' stream error). */
  replaced(): void;
}

export class SmSession {
  /** Stanzas received from the client and handled ('h' of our <a/>). */
  inbound = 0;
  /** The client's last acknowledged count of our stanzas. */
  acked = 0;
  /** Stanzas sent and not yet acknowledged, oldest first. */
  readonly unacked: Element[] = [];
  carrier: SmCarrier | undefined;
  /** Set when the session ended for good; nothing is queued after that. */
  ended = false;
  /** An <r/> of ours is outstanding. */
  requested = false;

  constructor(
    /** The SM-ID (§5), or undefined when resumption was not granted. */
    readonly id: string | undefined,
    /** Prepared bare JID of the account. */
    readonly account: string,
    readonly session: ClientSession,
    /** The resumption time announced in <enabled max/>, in seconds. */
    readonly maxSeconds: number,
  ) {}

  get resumable(): boolean {
    return this.id !== undefined;
  }

  /** Counter of stanzas sent on this SM session (§4: the sender's own counter). */
  get sent(): number {
    return (this.acked + this.unacked.length) % H_MODULUS;
  }

  /** A stanza for the client: queued until acknowledged, written if a connection carries the session. */
  outbound(stanza: Element): void {
    if (this.ended) return;
    this.unacked.push(stanza);
    this.carrier?.writeStanza(stanza);
  }

  /**
   * The client acknowledges `h` of our stanzas: drop those from the queue. False when `h` acknowledges
   * more than was sent (§6: handled-count-too-high).
   */
  acknowledge(h: number): boolean {
    const newly = hDistance(this.acked, h);
    if (newly > this.unacked.length) return false;
    this.unacked.splice(0, newly);
    this.acked = h;
    return true;
  }
}

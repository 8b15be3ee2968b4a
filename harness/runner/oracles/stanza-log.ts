// What a case's sessions sent and received, kept for the oracles that judge every case after its run()
// (isolation.ts, fidelity.ts). Sent data is kept as text and parsed only when judged: most cases send a
// handful of stanzas, and raw-byte cases send data that is no stanza at all.
import type { Session, StanzaObserver } from "../../session.ts";
import type { Element } from "../../xml/element.ts";
import { StreamParser } from "../../xml/parser.ts";

/** The stanza kinds (RFC 6120 §8): what the oracles look at. */
const STANZAS = new Set(["message", "presence", "iq"]);
/** Past this, a write is a flood or an oversize probe, not a stanza to compare. */
const MAX_KEPT = 256 * 1024;

export interface SentStanza {
  session: Session;
  /** The session's full JID when it sent the stanza ('from' as the server must stamp it), if bound. */
  jid: string | undefined;
  el: Element;
}

export interface ReceivedStanza {
  session: Session;
  el: Element;
}

interface SentText {
  session: Session;
  jid: string | undefined;
  wire: string;
}

const isStanza = (el: Element) => STANZAS.has(el.getName());

/** The whole elements in one write (a write may hold several, or a piece of one: then none). */
function stanzasIn(wire: string): Element[] {
  const parser = new StreamParser({ framed: true });
  const out: Element[] = [];
  parser.on("element", (el: Element) => {
    if (isStanza(el)) out.push(el);
  });
  try {
    parser.write(wire);
  } catch {
    return out;
  }
  return out;
}

export class StanzaLog implements StanzaObserver {
  private readonly writes: SentText[] = [];
  /** Every stanza the case's sessions received, in order. */
  readonly arrivals: ReceivedStanza[] = [];

  sent(session: Session, wire: string): void {
    if (wire.length > MAX_KEPT || !/<(?:[\w.-]+:)?(?:message|presence|iq)\b/.test(wire)) return;
    this.writes.push({ session, jid: session.jid?.toString(), wire });
  }

  received(session: Session, el: Element): void {
    if (isStanza(el)) this.arrivals.push({ session, el });
  }

  private parsed: SentStanza[] = [];
  private parsedWrites = 0;

  /** Every stanza the case's sessions sent, parsed from what went on the wire (each write once). */
  sentStanzas(): readonly SentStanza[] {
    for (const w of this.writes.slice(this.parsedWrites))
      for (const el of stanzasIn(w.wire)) this.parsed.push({ session: w.session, jid: w.jid, el });
    this.parsedWrites = this.writes.length;
    return this.parsed;
  }
}

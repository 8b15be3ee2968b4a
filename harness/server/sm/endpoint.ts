// XEP-0198 on one client connection of the reference server: <enable/>, <r/>, <a/> and <resume/> (§3-§6),
// the count of handled stanzas, and what happens to the session when the connection ends.
import type { Jid } from "../../jid.ts";
import { type Element, NS, xml } from "../../xml/element.ts";
import type { FaultCheck } from "../faults/index.ts";
import type { ClientSession } from "../sessions.ts";
import { SmFaultHooks } from "./fault-hooks.ts";
import type { SmRegistry } from "./registry.ts";
import { nextH, type SmCarrier, SmSession } from "./session.ts";

export const NS_SM = "urn:xmpp:sm:3";

/** Our <r/> goes out once this many stanzas wait for an ack. */
const REQUEST_AFTER = 3;

/** What the endpoint needs from its connection. */
export interface SmConnection {
  account(): Jid | undefined;
  session(): ClientSession | undefined;
  /** A resumed session becomes this stream's bound session. */
  takeOver(session: ClientSession): void;
  /** This stream no longer holds the session (another stream resumed it). */
  letGo(): void;
  writeStanza(stanza: Element): void;
  send(el: Element): void;
  streamError(condition: string, text?: string, appInfo?: Element): void;
}

/** XML Schema booleans (§3: both lexical forms). */
function isTrue(value: string | undefined, hooks: SmFaultHooks): boolean {
  return value === "true" || (value === "1" && !hooks.onlyTrueIsTrue());
}

/** An 'h' attribute: an xs:unsignedInt, or undefined. */
function readH(value: string | undefined): number | undefined {
  if (value === undefined || !/^\d{1,10}$/.test(value)) return undefined;
  const n = Number(value);
  return n < 2 ** 32 ? n : undefined;
}

function failed(condition: string | null, h?: number): Element {
  return xml(
    "failed",
    { xmlns: NS_SM, ...(h === undefined ? {} : { h: String(h) }) },
    condition ? xml(condition, { xmlns: NS.stanzas }) : null,
  );
}

export class SmEndpoint implements SmCarrier {
  sm: SmSession | undefined;
  private enableSeen = false;
  private resumeFailed = false;
  private readonly hooks: SmFaultHooks;

  constructor(
    private readonly conn: SmConnection,
    private readonly registry: SmRegistry,
    fault: FaultCheck,
  ) {
    this.hooks = new SmFaultHooks(fault);
  }

  /** The stream feature, after authentication (§2). */
  static feature(): Element {
    return xml("sm", { xmlns: NS_SM });
  }

  // ---- from the client ----

  /** A first-level element in the SM namespace; false when it is none this endpoint knows. */
  onElement(el: Element): boolean {
    switch (el.name) {
      case "enable":
        this.enable(el);
        return true;
      case "resume":
        this.resume(el);
        return true;
      case "r":
        if (!this.sm) return false;
        if (this.hooks.countsNonzas()) this.sm.inbound = nextH(this.sm.inbound);
        if (!this.hooks.withholdsAck()) this.conn.send(xml("a", { xmlns: NS_SM, h: this.reportH() }));
        return true;
      case "a":
        if (!this.sm) return false;
        this.ack(el);
        return true;
      default:
        return false;
    }
  }

  /** A stanza from the client was handled (§4: 'h' counts stanzas only). */
  handled(): void {
    if (this.sm) this.sm.inbound = nextH(this.sm.inbound);
  }

  /** §5.16 fault hook: a bind after a failed resumption is refused. */
  refusesBind(): boolean {
    return this.resumeFailed && this.hooks.refusesBindAfterFailed();
  }

  private enable(el: Element): void {
    if (!this.conn.account()) {
      this.conn.send(
        this.hooks.enablesBeforeAuth() ? xml("enabled", { xmlns: NS_SM }) : failed("not-authorized"),
      );
      return;
    }
    if (this.enableSeen && !this.hooks.acceptsSecondEnable()) {
      // §3: a client enables at most once; a second <enable/> SHOULD end the stream
      this.conn.streamError("policy-violation", "stream management is already enabled");
      return;
    }
    const session = this.conn.session();
    if (!session && !this.hooks.enablesBeforeBind()) {
      // §3: not before resource binding, unless resuming
      this.conn.send(failed("unexpected-request"));
      return;
    }
    this.enableSeen = true;
    if (this.hooks.leavesEnableUnanswered()) return;
    if (!session) {
      this.conn.send(xml("enabled", { xmlns: NS_SM }));
      return;
    }
    if (this.sm) {
      this.conn.send(
        xml("enabled", { xmlns: NS_SM, ...(this.sm.id ? { id: this.sm.id, resume: "true" } : {}) }),
      );
      return;
    }
    const wantsResume = isTrue(el.attrs.resume, this.hooks);
    const asked = readH(el.attrs.max);
    const max =
      asked && asked > 0 ? Math.min(asked, this.registry.resumeSeconds) : this.registry.resumeSeconds;
    const sm = new SmSession(
      wantsResume ? this.registry.newId() : undefined,
      session.jid.bare().toString(),
      session,
      max,
    );
    this.sm = sm;
    sm.carrier = this;
    this.registry.add(sm);
    const granted = sm.id
      ? { resume: "true", max: String(max), ...(this.hooks.omitsId() ? {} : { id: sm.id }) }
      : {};
    this.conn.send(xml("enabled", { xmlns: NS_SM, ...granted }));
  }

  private ack(el: Element): void {
    const sm = this.sm;
    if (!sm) return;
    if (this.hooks.rejectsClientAck()) {
      this.conn.streamError("unsupported-stanza-type", "<a/> is not supported here");
      return;
    }
    sm.requested = false;
    const h = readH(el.attrs.h);
    if (h === undefined) {
      this.conn.streamError("bad-format", "<a/> needs an 'h' that is an unsignedInt");
      return;
    }
    if (!sm.acknowledge(h) && !this.hooks.acceptsTooHigh()) this.tooHigh(h, sm);
  }

  /** §6: an 'h' above what was sent is an undefined-condition stream error with <handled-count-too-high/>. */
  private tooHigh(h: number, sm: SmSession): void {
    this.conn.streamError(
      "undefined-condition",
      `'h' ${h} acknowledges more than the ${sm.sent} stanzas sent`,
      xml("handled-count-too-high", { xmlns: NS_SM, h: String(h), "send-count": String(sm.sent) }),
    );
  }

  /**
   * <resume/>: its answer, <resumed/> or <failed/>, goes to `reply` (the stream, or a SASL2 <success/> for
   * an inline resumption, XEP-0198 §9.2); the re-sent stanzas follow it.
   */
  resume(el: Element, reply: (answer: Element) => void = (a) => this.conn.send(a)): void {
    const account = this.conn.account();
    if ((!account && !this.hooks.resumesBeforeAuth()) || this.conn.session() || this.sm) {
      // §10: never before authentication; nor on a stream that already has a session
      reply(failed("unexpected-request"));
      return;
    }
    const previd = el.attrs.previd ?? "";
    const h = readH(el.attrs.h);
    if (h === undefined) {
      reply(failed("bad-request"));
      return;
    }
    const bare = account?.toString() ?? "";
    const found = this.registry.find(previd) ?? this.hooks.anyPrevid(this.registry, bare);
    const mine =
      found && !found.ended && (found.account === bare || this.hooks.resumesOtherAccount() || !account);
    if (!found || !mine) {
      // §5: unknown or timed out: <failed/> with <item-not-found/>, and the 'h' of a timed-out one (MAY)
      const gone = this.registry.expired(previd);
      const hKnown = gone && gone.account === bare ? this.hooks.reportedH(gone.h) : undefined;
      this.resumeFailed = true;
      reply(failed(this.hooks.failedCondition("item-not-found"), hKnown));
      return;
    }
    if (!found.acknowledge(h) && !this.hooks.acceptsTooHigh()) {
      this.tooHigh(h, found);
      return;
    }
    if (this.hooks.restartsCount()) found.acked = 0;
    this.registry.claim(found);
    const old = found.carrier;
    found.carrier = undefined;
    if (old && !this.hooks.keepsOldStream()) old.replaced();
    this.sm = found;
    this.conn.takeOver(found.session);
    found.carrier = this;
    found.requested = false;
    reply(xml("resumed", { xmlns: NS_SM, previd, h: String(this.hooks.reportedH(found.inbound)) }));
    // §5: re-send every stanza still unacknowledged, in order
    for (const stanza of this.hooks.resent(found.unacked)) this.writeStanza(stanza);
  }

  private reportH(): string {
    return String(this.sm ? this.hooks.reportedH(this.sm.inbound) : 0);
  }

  // ---- to the client ----

  /** A stanza for the client; true when SM took it (queued, and written if this stream carries it). */
  outbound(stanza: Element): boolean {
    const sm = this.sm;
    if (!sm) return false;
    sm.outbound(stanza);
    if (sm.carrier === this && !sm.requested && sm.unacked.length >= REQUEST_AFTER) {
      sm.requested = true;
      this.writeNonza(xml("r", { xmlns: NS_SM }));
    }
    return true;
  }

  writeStanza(stanza: Element): void {
    this.conn.writeStanza(stanza);
  }

  writeNonza(el: Element): void {
    this.conn.send(el);
  }

  /** §5: another stream resumed the session: this one ends with 'conflict', leaving the session alone. */
  replaced(): void {
    this.sm = undefined;
    this.conn.letGo();
    this.conn.streamError("conflict", "the session was resumed on another stream");
  }

  // ---- the connection ends ----

  /** The connection was lost without a clean close: true when the session now waits to be resumed. */
  detach(): boolean {
    const sm = this.sm;
    if (!sm?.resumable || sm.ended || sm.carrier !== this) return false;
    this.registry.detach(sm);
    return true;
  }

  /** A clean close: true when (under a fault) the session stays resumable instead of ending. */
  keepsAfterClose(): boolean {
    return this.hooks.resumableAfterClose() && this.detach();
  }

  /** The session ended for good, its resource already gone: what was left unacknowledged is handled (§4). */
  ended(): void {
    if (this.sm && this.sm.carrier === this) this.registry.end(this.sm);
  }
}

// What a client's stanza meets on its way to the stanza layer (RFC 6120 §4.3.5, §7, §8.1.2.1): before
// authentication only in-band registration; before binding only the bind request (and nothing routed);
// then the server's 'from' and the stream's xml:lang stamped on it.
import type { Jid } from "../jid.ts";
import { tryParseJid } from "../jid.ts";
import type { Element } from "../xml/element.ts";
import { BindNegotiation, isBindRequest } from "./bind.ts";
import type { ConnectionServer } from "./connection-server.ts";
import { ClientState, NS_CSI } from "./csi.ts";
import type { SaslFaultHooks } from "./fault-hooks-sasl.ts";
import type { StreamFaultHooks } from "./fault-hooks-stream.ts";
import { IdlePinger } from "./idle-ping.ts";
import { iqError } from "./iq-reply.ts";
import type { Link } from "./listeners.ts";
import { handleRegister, isRegisterRequest, registrationDisabled } from "./register.ts";
import { ClientSession } from "./sessions.ts";
import type { StreamCondition } from "./stream-errors.ts";

/** What the gate needs from its connection. */
export interface GateHost {
  readonly server: ConnectionServer;
  readonly link: Link;
  readonly hooks: StreamFaultHooks;
  readonly saslHooks: SaslFaultHooks;
  /** The domain the stream is served as. */
  domain(): string;
  /** The authenticated account, once SASL succeeded. */
  account(): Jid | undefined;
  /** The xml:lang of the client's stream header, when valid (§4.7.4). */
  clientLang(): string | undefined;
  sendStanza(el: Element): void;
  send(el: Element): void;
  streamError(condition: StreamCondition, text?: string): void;
}

export class StanzaGate {
  private bind: BindNegotiation | undefined;
  /** The bound session, once resource binding succeeded. */
  session: ClientSession | undefined;
  /** XEP-0352: what the client said of its state, and what the server holds back meanwhile. */
  private readonly csi: ClientState;
  /** The server's own pings to the bound client (XEP-0199 §4.1), when the server sends them. */
  private pinger: IdlePinger | undefined;

  constructor(private readonly c: GateHost) {
    this.csi = new ClientState(c.server.fault, {
      send: (s) => c.sendStanza(s),
      asFromClient: (s) => this.onStanza(s),
    });
  }

  /** A first-level element in the CSI namespace after authentication (XEP-0352 §4): handled here. */
  clientState(ns: string | undefined, local: string): boolean {
    if (ns !== NS_CSI || !this.c.account()) return false;
    const refused = this.csi.indicate(local);
    if (refused) this.c.streamError(refused, `<${local}/> is not a client state indication`);
    return true;
  }

  onStanza(el: Element): void {
    if (!this.csi.inbound(el)) return;
    if (!this.c.account()) {
      this.beforeAuth(el);
      return;
    }
    if (!this.session) {
      this.beforeBind(el);
      return;
    }
    this.pinger?.touch();
    if (this.pinger?.takes(el)) return;
    if (isBindRequest(el) && (el.attrs.type === "set" || el.attrs.type === "get")) {
      // §7.6.2.2: a second binding on this stream is not allowed.
      const granted = this.c.hooks.secondBind(el, this.session.jid);
      if (granted) {
        this.c.sendStanza(granted);
        return;
      }
      this.c.sendStanza(iqError(el, "cancel", "not-allowed", "a resource is already bound to this stream"));
      return;
    }
    const full = this.session.jid;
    const from = el.attrs.from;
    const kept = from !== undefined && this.c.hooks.keepsClaimedFrom();
    if (from !== undefined && !kept) {
      // §8.1.2.1: the server stamps the full JID. A 'from' the client set itself must already be its own
      // address: the full JID, or the bare JID (which the server uses for subscription presence);
      // anything else is <invalid-from/> (§4.9.3.9).
      const claimed = tryParseJid(from);
      if (!claimed || !(claimed.equals(full) || claimed.equals(full.bare()))) {
        if (this.c.hooks.dropsSpoofedFrom()) return;
        this.c.streamError("invalid-from", `'${from}' is not this stream's address`);
        return;
      }
    }
    if (!kept && this.c.hooks.stampsFrom()) el.attrs.from = full.toString();
    // §4.7.4: the header's xml:lang is the default for the client's stanzas.
    const lang = this.c.hooks.defaultLang(this.c.clientLang());
    if (lang !== undefined && el.attrs["xml:lang"] === undefined) el.attrs["xml:lang"] = lang;
    this.c.server.stanzas.fromClient(this.session, el);
  }

  /** The session is over: no more pings. */
  stop(): void {
    this.pinger?.stop();
  }

  private startPinger(session: ClientSession): IdlePinger | undefined {
    const idleMs = this.c.server.idlePingMs;
    if (!idleMs) return undefined;
    const target = {
      from: this.c.domain(),
      to: session.jid.toString(),
      sendStanza: (el: Element) => this.c.sendStanza(el),
      streamError: (c: string, t?: string) => this.c.streamError(c as StreamCondition, t),
    };
    return new IdlePinger(idleMs, target, this.c.server.fault);
  }

  private beforeAuth(el: Element): void {
    const plainButTlsRequired = this.c.server.tlsRequired && this.c.link.canStartTls;
    if (isRegisterRequest(el) && !plainButTlsRequired && this.toServer(el)) {
      if (!this.c.server.registration) {
        this.c.sendStanza(registrationDisabled(el, this.c.server.fault));
        return;
      }
      const anyPassword = this.c.hooks.acceptsWeakPassword();
      const { accounts, fault } = this.c.server;
      this.c.sendStanza(handleRegister(el, this.c.domain(), accounts, fault, anyPassword));
      return;
    }
    const lenient = this.c.hooks.beforeAuth(el);
    if (lenient) {
      for (const reply of lenient) this.c.sendStanza(reply);
      return;
    }
    // §4.3.5 / §4.9.3.12: no stanzas before authentication; the offending one is not processed.
    this.c.streamError("not-authorized", "authenticate first");
  }

  /** The stream's session, bound as `jid` (by the <bind/> IQ, or inline by XEP-0386 Bind 2). */
  startSession(jid: Jid): void {
    const session = new ClientSession(jid, {
      sendStanza: (s) => this.csi.outbound(s),
      streamError: (c, t) => this.c.streamError(c as StreamCondition, t),
    });
    this.c.server.sessions.add(session);
    this.session = session;
    this.pinger = this.startPinger(session);
  }

  private beforeBind(el: Element): void {
    const account = this.c.account()!;
    if (isBindRequest(el)) {
      this.bind ??= new BindNegotiation({
        account,
        inUse: (r) => this.c.server.sessions.resourceInUse(account.toString(), r),
        hooks: this.c.saslHooks,
      });
      const outcome = this.bind.handle(el);
      // Registered before the reply goes out, so the client's next stanza finds it.
      if (outcome.kind === "bound") this.startSession(outcome.jid);
      this.c.sendStanza(outcome.reply);
      const again = outcome.kind === "bound" ? this.c.hooks.featuresAfterBind(this.c.link.framed) : undefined;
      if (again) this.c.send(again);
      if (outcome.kind === "close") this.c.streamError(outcome.condition, outcome.text);
      return;
    }
    const to = el.attrs.to;
    const target = to === undefined ? null : tryParseJid(to);
    const toSelfOrServer =
      to === undefined ||
      (target !== null && (target.bare().equals(account) || target.toString() === this.c.domain()));
    if (toSelfOrServer) {
      // §7.1 allows stanzas to the server or the own account before binding, but without a full JID
      // there is nothing to route: requests are answered "not now", the rest is ignored.
      if (el.name === "iq" && (el.attrs.type === "get" || el.attrs.type === "set")) {
        this.c.sendStanza(iqError(el, "wait", "unexpected-request", "bind a resource first"));
      }
      return;
    }
    if (this.c.hooks.beforeBind(el, account, (bare) => this.c.server.sessions.sessionsOf(bare))) return;
    // §7.1: to anyone else before binding: not processed, <not-authorized/>.
    this.c.streamError("not-authorized", "bind a resource before addressing other entities");
  }

  private toServer(el: Element): boolean {
    const to = el.attrs.to;
    return to === undefined || tryParseJid(to)?.toString() === this.c.domain();
  }
}

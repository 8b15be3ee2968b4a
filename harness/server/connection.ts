// One client-to-server connection of the reference server: the stream, its negotiation (RFC 6120 §4-7,
// RFC 7395 framing), stream errors, and the hand-over of bound stanzas to the stanza layer.
import { type Jid, tryParseJid } from "../jid.ts";
import { type Element, NS, xml } from "../xml/element.ts";
import { type Finding, StreamParser } from "../xml/parser.ts";
import { frameClose, frameOpen, serialize, streamFooter, streamHeader } from "../xml/serialize.ts";
import { accountJid } from "./address.ts";
import { BindNegotiation, isBindRequest, randomResource } from "./bind.ts";
import { SaslFaultHooks } from "./fault-hooks-sasl.ts";
import { StreamFaultHooks } from "./fault-hooks-stream.ts";
import type { FaultCheck } from "./faults/index.ts";
import { featuresFor } from "./features.ts";
import { iqError, iqResult } from "./iq-reply.ts";
import type { Link } from "./listeners.ts";
import { handleRegister, isRegisterRequest } from "./register.ts";
import { SaslNegotiation, type SaslOutcome } from "./sasl-step.ts";
import { type SendPoint, sendFiltered } from "./send-faults.ts";
import { ClientSession, type SessionRegistry } from "./sessions.ts";
import { findingCondition, type StreamCondition, streamErrorElement } from "./stream-errors.ts";
import { checkHeader, type HeaderVerdict } from "./stream-header.ts";
import type { AccountStore, StanzaLayer } from "./types.ts";

/** How long a closing stream waits for the peer to close its side before the connection is dropped. */
export const CLOSE_GRACE_MS = 2_000;
/** Before authentication a client has little to say; more than this is abuse (<policy-violation/>). */
export const PRE_AUTH_MAX_BYTES = 1024 * 1024;
export const PRE_AUTH_MAX_ELEMENTS = 200;

const STANZA_NAMES = new Set(["message", "presence", "iq"]);

/** What a connection needs from the server. */
export interface ConnectionServer {
  readonly domains: ReadonlySet<string>;
  readonly defaultDomain: string;
  readonly accounts: AccountStore;
  readonly sessions: SessionRegistry;
  /** `streamFeatures` is the reference stanza layer's extra (RFC 6121 features to advertise). */
  readonly stanzas: StanzaLayer & { streamFeatures?(): Element[] };
  readonly tlsRequired: boolean;
  readonly registration: boolean;
  readonly maxStanzaBytes: number;
  readonly maxDepth: number | undefined;
  fault: FaultCheck;
  newStreamId(): string;
  connectionClosed(conn: ClientConnection): void;
  /** Fuzz-only faults: stop answering anyone, as a crashed server would (harness/server/faults-fuzz.ts). */
  crash(): void;
}

type Phase =
  /** Waiting for an initial stream header (a new connection, or after a restart). */
  | "header"
  /** Our response header is out; negotiating or exchanging stanzas. */
  | "open"
  /** The stream is over: nothing more is read or written (but a graceful close may be in progress). */
  | "closed";

export class ClientConnection {
  private phase: Phase = "header";
  private parser: StreamParser;
  /**
   * Set by <starttls/>: the rest of the chunk is plaintext sent before <proceed/> and is dropped; the
   * parser is reset and TLS started once it returns.
   */
  private pendingRestart: "tls" | null = null;
  private headerSent = false;
  private streamId: string | undefined;
  private domain: string;
  private verdict: HeaderVerdict | undefined;
  /** The client's stream header the verdict was read from. */
  private request: Element | undefined;
  private sasl: SaslNegotiation | undefined;
  private bind: BindNegotiation | undefined;
  private account: Jid | undefined;
  private session: ClientSession | undefined;
  private sessionEnded = false;
  private preAuthBytes = 0;
  private preAuthElements = 0;
  private resolveClosed!: () => void;
  /** What the active faults make of the stream's behaviour (the rules themselves are below). */
  private readonly hooks: StreamFaultHooks;
  private readonly saslHooks: SaslFaultHooks;
  /** Settles when the underlying connection is gone. */
  readonly closed = new Promise<void>((resolve) => (this.resolveClosed = resolve));

  constructor(
    private readonly server: ConnectionServer,
    readonly link: Link,
  ) {
    this.domain = server.defaultDomain;
    this.hooks = new StreamFaultHooks(server.fault);
    this.saslHooks = new SaslFaultHooks(server.fault);
    this.parser = this.makeParser();
    link.attach({
      data: (chunk, binary) => this.onData(chunk, binary),
      secure: () => {},
      closed: () => this.onLinkClosed(),
    });
  }

  /** The bound session, once resource binding succeeded. */
  get boundSession(): ClientSession | undefined {
    return this.session;
  }

  get isOpen(): boolean {
    return this.phase !== "closed";
  }

  // ---- input ----

  private makeParser(): StreamParser {
    const p = new StreamParser({
      framed: this.link.framed,
      recover: this.hooks.parserRecovers(),
      maxStanzaBytes: this.hooks.maxStanzaBytes(this.server.maxStanzaBytes),
      ...(this.server.maxDepth !== undefined ? { maxDepth: this.server.maxDepth } : {}),
    });
    p.on("header", (el: Element) => this.guard(() => this.onHeader(el)));
    p.on("element", (el: Element) => this.guard(() => this.onElement(el)));
    p.on("end", () => this.guard(() => this.onStreamEnd()));
    p.on("finding", (f: Finding) => this.guard(() => this.onFinding(f)));
    // §11.5: a standalone declaration is ignored.
    p.on("declaration", (d) =>
      this.guard(() => {
        if (this.hooks.dropsOnStandalone(d.standalone)) this.link.destroy();
      }),
    );
    return p;
  }

  /** Parser events after the stream ended, or while a restart is pending, are not processed. */
  private guard(fn: () => void): void {
    if (this.phase === "closed" || this.pendingRestart) return;
    try {
      fn();
    } catch (err) {
      this.streamError("internal-server-error", (err as Error).message);
    }
  }

  private onData(chunk: Buffer, binary: boolean): void {
    if (this.phase === "closed") return; // drained and dropped while the close completes
    if (!this.account) {
      this.preAuthBytes += chunk.length;
      if (this.preAuthBytes > PRE_AUTH_MAX_BYTES) {
        this.streamError(
          "policy-violation",
          `more than ${PRE_AUTH_MAX_BYTES} bytes before authentication`,
          "oversize",
        );
        return;
      }
    }
    // §11.7: whitespace between first-level elements is allowed.
    if (this.session && this.hooks.rejectsKeepalive(chunk)) {
      this.streamError("not-well-formed", "whitespace between elements");
      return;
    }
    if (binary) {
      // RFC 7395 §3.2: data frames MUST be text.
      this.streamError("bad-format", "binary WebSocket messages are not XMPP (RFC 7395 §3.2)");
      return;
    }
    try {
      this.parser.write(chunk);
    } catch (err) {
      this.streamError("internal-server-error", (err as Error).message);
    }
    if (this.pendingRestart && this.isOpen) this.restart();
  }

  private onFinding(f: Finding): void {
    if (this.hooks.crashesOnFinding(f.kind)) {
      this.server.crash();
      return;
    }
    // Every finding ends the stream (RFC 6120 §11 leaves no choice).
    if (this.hooks.ignoresFinding(f.kind)) return;
    const condition = findingCondition(f.kind);
    // §4.9.3.14: a size limit exceeded is <policy-violation/>.
    this.streamError(condition, f.message, condition === "policy-violation" ? "oversize" : "finding");
  }

  private onHeader(el: Element): void {
    if (this.phase !== "header") {
      // A second stream header with no restart negotiated (§4.3.3 allows one only after a feature that
      // requires it). Every frame is a first-level element of a framed stream, so a mid-stream <open/> is
      // a first-level element the server does not support there: <unsupported-stanza-type/> (§4.9.3.24),
      // as is a <stream:stream> nested in a byte stream (which the parser reports once it is complete).
      this.streamError("unsupported-stanza-type", "a stream header, but no stream restart was negotiated");
      return;
    }
    const verdict = checkHeader(el, {
      framed: this.link.framed,
      domains: this.server.domains,
      defaultDomain: this.server.defaultDomain,
      hooks: this.hooks,
    });
    this.verdict = verdict;
    this.request = el;
    if (this.account && verdict.domain !== this.account.domain && !verdict.error) {
      verdict.error = { condition: "not-authorized", text: "the restarted stream names another domain" };
    }
    this.domain = verdict.domain;
    if (verdict.error) {
      // §4.9.1.2: even for an error in the initial header, a response header goes out first.
      this.sendHeader(true);
      this.streamError(verdict.error.condition, verdict.error.text);
      return;
    }
    this.sendHeader();
    this.phase = "open";
    this.sasl = undefined;
    const stage = {
      canStartTls: this.link.canStartTls,
      secure: this.link.secure,
      authenticated: this.account !== undefined,
      tlsRequired: this.server.tlsRequired,
      registration: this.server.registration,
      framed: this.link.framed,
      mechanisms: this.saslHooks.mechanisms(),
      afterAuth: this.account ? (this.server.stanzas.streamFeatures?.() ?? []) : [],
    };
    this.send(featuresFor(stage), { stage });
  }

  private onStreamEnd(): void {
    if (!this.headerSent) {
      // Nothing was opened on our side (e.g. a framed <close/> before any <open/>).
      this.phase = "closed";
      this.endSession();
      this.link.end(CLOSE_GRACE_MS);
      return;
    }
    // §4.4 / RFC 7395 §3.6: answer the close with ours, then end the connection.
    this.phase = "closed";
    this.endSession();
    if (!this.hooks.answersClose()) return;
    this.sendRaw(this.link.framed ? frameClose() : streamFooter());
    this.link.end(CLOSE_GRACE_MS);
  }

  // ---- first-level elements ----

  private onElement(el: Element): void {
    if (this.hooks.crashesOnElement(el)) {
      this.server.crash();
      return;
    }
    if (this.phase !== "open") {
      // Framed transports: a first message that is not <open/> (RFC 7395 §3.4, §3.3.2).
      this.streamError(
        this.link.framed ? "invalid-namespace" : "not-well-formed",
        "the stream must start with a stream header",
      );
      return;
    }
    if (!this.account && ++this.preAuthElements > PRE_AUTH_MAX_ELEMENTS) {
      this.streamError(
        "policy-violation",
        `more than ${PRE_AUTH_MAX_ELEMENTS} elements before authentication`,
      );
      return;
    }
    const { prefix, local, ns } = this.qualify(el);
    if (ns === NS.client && STANZA_NAMES.has(local)) {
      // §4.8.5: no prefixes for elements in the content namespace.
      if (prefix !== undefined) {
        if (!this.hooks.acceptsPrefixedStanza()) {
          this.streamError("bad-namespace-prefix", "stanzas take no namespace prefix");
          return;
        }
        el.name = local; // the fault drops the stanza's own prefix (not its children's)
      }
      this.onStanza(el);
      return;
    }
    if (ns === NS.server && STANZA_NAMES.has(local)) {
      // §4.8.3: a first-level element in a content namespace we do not support here: <invalid-namespace/>.
      if (!this.hooks.acceptsServerStanza()) {
        this.streamError(
          "invalid-namespace",
          "'jabber:server' is not the content namespace of a client stream",
        );
        return;
      }
      el.attrs.xmlns = NS.client;
      this.onStanza(el);
      return;
    }
    if (ns === NS.tls && local === "starttls") {
      this.onStartTls();
      return;
    }
    if (ns === NS.sasl && (local === "auth" || local === "response" || local === "abort")) {
      this.onSasl(local, el);
      return;
    }
    // §4.8.4 / §4.9.3.24: any other first-level element.
    const recipient = this.session && this.hooks.unknownElementRecipient(el, this.server.sessions.all());
    if (recipient) {
      recipient.send(el);
      return;
    }
    if (this.hooks.dropsOnUnknownElement()) {
      this.phase = "closed";
      this.endSession();
      this.link.end(0);
      return;
    }
    this.streamError("unsupported-stanza-type", `<${el.name}/> in '${ns ?? ""}' is not supported here`);
  }

  /** The element's prefix, local name and namespace; unqualified elements belong to the content namespace. */
  private qualify(el: Element): { prefix: string | undefined; local: string; ns: string | undefined } {
    const i = el.name.indexOf(":");
    const prefix = i < 0 ? undefined : el.name.slice(0, i);
    const local = i < 0 ? el.name : el.name.slice(i + 1);
    let ns: string | undefined = prefix === undefined ? el.attrs.xmlns : el.attrs[`xmlns:${prefix}`];
    ns ??= el.getNS();
    // On a byte stream the parser copies the header's content namespace onto each element; without one
    // (prefix-free canonicalization, §4.8.2) each element declares its own, and one in no namespace is not
    // understood. A WebSocket frame should declare it too (RFC 7395 §3.3.3), but as is common practice an
    // unqualified frame is taken as 'jabber:client', the only content namespace of a client stream.
    if (ns === undefined && prefix === undefined && this.link.framed) ns = NS.client;
    return { prefix, local, ns };
  }

  private onStartTls(): void {
    if (this.hooks.startsTlsTwice(this.link, this.account !== undefined)) {
      // TLS cannot be layered twice, so the fault stops there.
      this.send(xml("proceed", { xmlns: NS.tls }));
      return;
    }
    if (this.link.canStartTls && !this.account && !this.hooks.refusesStartTls()) {
      // §5.4.2.3: <proceed/>, then TLS from the byte after its '>'.
      this.send(xml("proceed", { xmlns: NS.tls }));
      this.pendingRestart = "tls";
      return;
    }
    // §5.4.2.2 failure case, cause 2 ("the receiving entity did not offer the STARTTLS feature"): after
    // TLS, over direct TLS or WebSocket, or after authentication, STARTTLS is not on offer. The answer is
    // <failure/>, closing the stream and the connection (no stream error: §5.4.2.2 prescribes this).
    this.send(xml("failure", { xmlns: NS.tls }));
    if (this.hooks.keepsStreamAfterTlsFailure()) return;
    this.phase = "closed";
    this.endSession();
    this.sendRaw(this.link.framed ? frameClose() : streamFooter());
    this.link.end(CLOSE_GRACE_MS);
  }

  private onSasl(local: "auth" | "response" | "abort", el: Element): void {
    if (this.account) {
      // SASL is done (and no longer offered): §4.9.3.12, "not authorized to perform an action related to
      // stream negotiation".
      this.streamError("not-authorized", "already authenticated");
      return;
    }
    this.sasl ??= new SaslNegotiation({
      accounts: this.server.accounts,
      domain: this.domain,
      encryptionRequired:
        this.server.tlsRequired && this.link.canStartTls && !this.hooks.saslBeforeRequiredTls(),
      secureFrom:
        this.link.secure && this.verdict?.clientFrom?.includes("@") ? this.verdict.clientFrom : undefined,
      hooks: this.saslHooks,
    });
    const outcome: SaslOutcome =
      local === "auth"
        ? this.sasl.auth(el)
        : local === "response"
          ? this.sasl.response(el)
          : this.sasl.abort();
    if (outcome.reply) this.send(outcome.reply);
    if (outcome.kind === "success") {
      // §4.3.3: the old stream is replaced without a closing tag.
      this.account = accountJid(this.server, outcome.jid) ?? undefined;
      // §6.4.6: a new stream follows. Reset from inside the parser's event: whatever follows <success/>
      // in this chunk (a client that pipelines its new header) is parsed as the new stream.
      this.parser.reset();
      this.phase = "header";
      this.headerSent = false;
      this.sasl = undefined;
    } else if (outcome.kind === "close") {
      this.streamError(outcome.condition, outcome.text);
    }
  }

  /** After <proceed/>: a fresh parser, TLS, and a new stream expected (§4.3.3, §5.4.3.3). */
  private restart(): void {
    this.pendingRestart = null;
    this.parser.reset();
    this.phase = "header";
    this.headerSent = false;
    this.sasl = undefined;
    this.link.startTls(this.hooks.tlsFailureText(streamFooter()));
  }

  // ---- stanzas ----

  private onStanza(el: Element): void {
    if (!this.account) {
      this.onStanzaBeforeAuth(el);
      return;
    }
    if (!this.session) {
      this.onStanzaBeforeBind(el);
      return;
    }
    if (isBindRequest(el) && (el.attrs.type === "set" || el.attrs.type === "get")) {
      // §7.6.2.2: a second binding on this stream is not allowed.
      if (this.hooks.bindsTwice()) {
        const jid = xml("jid", {}, `${this.session.jid.bare()}/${randomResource()}`);
        this.sendStanza(iqResult(el, xml("bind", { xmlns: NS.bind }, jid)));
        return;
      }
      this.sendStanza(iqError(el, "cancel", "not-allowed", "a resource is already bound to this stream"));
      return;
    }
    const full = this.session.jid;
    const from = el.attrs.from;
    const kept = from !== undefined && this.hooks.keepsClaimedFrom();
    if (from !== undefined && !kept) {
      // §8.1.2.1: the server stamps the full JID. A 'from' the client set itself must already be its own
      // address: the full JID, or the bare JID (which the server uses for subscription presence);
      // anything else is <invalid-from/> (§4.9.3.9).
      const claimed = tryParseJid(from);
      if (!claimed || !(claimed.equals(full) || claimed.equals(full.bare()))) {
        this.streamError("invalid-from", `'${from}' is not this stream's address`);
        return;
      }
    }
    if (!kept && this.hooks.stampsFrom()) el.attrs.from = full.toString();
    // §4.7.4: the header's xml:lang is the default for the client's stanzas.
    const lang = this.hooks.defaultLang(this.verdict?.clientLang);
    if (lang !== undefined && el.attrs["xml:lang"] === undefined) el.attrs["xml:lang"] = lang;
    this.server.stanzas.fromClient(this.session, el);
  }

  private onStanzaBeforeAuth(el: Element): void {
    const plainButTlsRequired = this.server.tlsRequired && this.link.canStartTls;
    if (isRegisterRequest(el) && !plainButTlsRequired && this.toServer(el)) {
      if (!this.server.registration) {
        this.sendStanza(iqError(el, "cancel", "service-unavailable", "in-band registration is disabled"));
        return;
      }
      this.sendStanza(handleRegister(el, this.domain, this.server.accounts));
      return;
    }
    const lenient = this.hooks.beforeAuth(el);
    if (lenient) {
      for (const reply of lenient) this.sendStanza(reply);
      return;
    }
    // §4.3.5 / §4.9.3.12: no stanzas before authentication; the offending one is not processed.
    this.streamError("not-authorized", "authenticate first");
  }

  private onStanzaBeforeBind(el: Element): void {
    const account = this.account!;
    if (isBindRequest(el)) {
      this.bind ??= new BindNegotiation({
        account,
        inUse: (r) => this.server.sessions.resourceInUse(account.toString(), r),
        hooks: this.saslHooks,
      });
      const outcome = this.bind.handle(el);
      if (outcome.kind === "bound") {
        const session = new ClientSession(outcome.jid, {
          sendStanza: (s) => this.sendStanza(s),
          streamError: (c, t) => this.streamError(c as StreamCondition, t),
        });
        // Registered before the reply goes out, so the client's next stanza finds it.
        this.server.sessions.add(session);
        this.session = session;
      }
      this.sendStanza(outcome.reply);
      const again = outcome.kind === "bound" ? this.hooks.featuresAfterBind(this.link.framed) : undefined;
      if (again) this.send(again);
      if (outcome.kind === "close") this.streamError(outcome.condition, outcome.text);
      return;
    }
    const to = el.attrs.to;
    const target = to === undefined ? null : tryParseJid(to);
    const toSelfOrServer =
      to === undefined ||
      (target !== null && (target.bare().equals(account) || target.toString() === this.domain));
    if (toSelfOrServer) {
      // §7.1 allows stanzas to the server or the own account before binding, but without a full JID
      // there is nothing to route: requests are answered "not now", the rest is ignored.
      if (el.name === "iq" && (el.attrs.type === "get" || el.attrs.type === "set")) {
        this.sendStanza(iqError(el, "wait", "unexpected-request", "bind a resource first"));
      }
      return;
    }
    if (this.hooks.beforeBind(el, account, (bare) => this.server.sessions.sessionsOf(bare))) return;
    // §7.1: to anyone else before binding: not processed, <not-authorized/>.
    this.streamError("not-authorized", "bind a resource before addressing other entities");
  }

  private toServer(el: Element): boolean {
    const to = el.attrs.to;
    return to === undefined || tryParseJid(to)?.toString() === this.domain;
  }

  // ---- output ----

  private sendRaw(text: string): void {
    this.link.send(this.hooks.encode(text));
  }

  /** Everything the connection sends goes through the faults' send filter (./send-faults.ts). */
  private send(el: Element, point: Omit<SendPoint, "framed"> = {}): void {
    const at: SendPoint = { framed: this.link.framed, ...point };
    const text = sendFiltered(this.server.fault, el, at, (out) =>
      !at.header ? serialize(out) : this.link.framed ? frameOpen(out.attrs) : streamHeader(out.attrs),
    );
    if (text !== null) this.sendRaw(text);
  }

  /** A stanza for the client (from the stanza layer). Framed: every message declares its namespace. */
  sendStanza(stanza: Element): void {
    if (this.phase === "closed") return;
    if (this.link.framed && stanza.attrs.xmlns === undefined) {
      const copy = xml(stanza.name, { ...stanza.attrs, xmlns: NS.client });
      copy.children = stanza.children;
      this.send(copy);
      return;
    }
    this.send(stanza);
  }

  /** The response stream header; `forError` when it goes out only to carry a stream error (§4.9.1.2). */
  private sendHeader(forError = false): void {
    this.streamId = this.hooks.streamId(this.streamId, () => this.server.newStreamId());
    const attrs: Record<string, string> = {
      ...(this.verdict?.response ?? { from: this.server.defaultDomain, version: "1.0", "xml:lang": "en" }),
    };
    attrs.id ??= this.streamId;
    const header = this.link.framed
      ? xml("open", { xmlns: NS.framing, ...attrs })
      : xml("stream:stream", { xmlns: NS.client, "xmlns:stream": NS.stream, ...attrs });
    const request = this.verdict && this.request && { header: this.request, verdict: this.verdict };
    this.send(header, { header: true, forError, ...(request ? { request } : {}) });
    this.headerSent = true;
  }

  /**
   * Close the stream with an error (§4.9.1.1): our header first if it is not out yet, then
   * <stream:error/>, then the closing tag and an orderly close of the connection. Nothing the client sent
   * after the offending data is processed. `cause` tells the send filter what the error is about.
   */
  streamError(condition: StreamCondition, text?: string, cause?: SendPoint["cause"]): void {
    if (this.phase === "closed") return;
    this.phase = "closed";
    this.pendingRestart = null;
    if (!this.headerSent) this.sendHeader(true);
    this.send(streamErrorElement(condition, text, this.link.framed), cause ? { cause } : {});
    this.endSession();
    if (!this.hooks.closesAfterError()) return;
    this.sendRaw(this.link.framed ? frameClose() : streamFooter());
    this.link.end(CLOSE_GRACE_MS);
  }

  /** Server shutdown: <system-shutdown/> (§4.9.3.20). */
  shutdown(graceMs: number): void {
    if (this.phase !== "closed") {
      this.streamError("system-shutdown", "the server is stopping");
    }
    this.link.end(graceMs);
  }

  // ---- teardown ----

  /** The stanza layer hears of a bound session's end exactly once, whatever ended it. */
  private endSession(): void {
    if (!this.session || this.sessionEnded) return;
    this.sessionEnded = true;
    this.server.sessions.remove(this.session);
    try {
      this.server.stanzas.sessionEnded(this.session);
    } catch {
      // A stanza-layer failure must not keep the connection from closing.
    }
  }

  private onLinkClosed(): void {
    // What a cut-off stream leaves is not a stanza (§8); only a fault processes it.
    const cut = this.hooks.cutStanza(this.parser);
    if (cut && this.session && this.phase === "open") {
      cut.attrs.xmlns ??= NS.client;
      this.guard(() => this.onElement(cut));
    }
    this.phase = "closed";
    this.pendingRestart = null;
    this.endSession();
    this.server.connectionClosed(this);
    this.resolveClosed();
  }
}

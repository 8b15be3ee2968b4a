// One client-to-server connection of the reference server: the stream, its negotiation (RFC 6120 §4-7,
// RFC 7395 framing; STARTTLS and SASL in ./stream-negotiation.ts), stream errors, and the hand-over of
// bound stanzas to the stanza layer.
import type { Jid } from "../jid.ts";
import { type Element, NS } from "../xml/element.ts";
import { type Finding, StreamParser } from "../xml/parser.ts";
import { streamFooter } from "../xml/serialize.ts";
import {
  CLOSE_GRACE_MS,
  type ConnectionServer,
  PRE_AUTH_MAX_BYTES,
  PRE_AUTH_MAX_ELEMENTS,
} from "./connection-server.ts";
import { SaslFaultHooks } from "./fault-hooks-sasl.ts";
import { StreamFaultHooks } from "./fault-hooks-stream.ts";
import { featuresFor } from "./features.ts";
import { qualify, STANZA_NAMES } from "./first-level.ts";
import type { Link } from "./listeners.ts";
import { NS_SASL2, Sasl2Negotiation } from "./sasl2.ts";
import type { SendPoint } from "./send-faults.ts";
import { connectionSm } from "./sm/connection-sm.ts";
import { NS_SM, SmEndpoint } from "./sm/endpoint.ts";
import { StanzaGate } from "./stanza-gate.ts";
import { findingCondition, type StreamCondition, streamErrorElement } from "./stream-errors.ts";
import { checkHeader } from "./stream-header.ts";
import { StreamNegotiation } from "./stream-negotiation.ts";
import { type HeaderRequest, StreamOutput } from "./stream-output.ts";

export { CLOSE_GRACE_MS, type ConnectionServer, PRE_AUTH_MAX_BYTES, PRE_AUTH_MAX_ELEMENTS };

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
  // Set by <starttls/>: the chunk's rest (plaintext before <proceed/>) is dropped; parser reset, TLS started.
  private pendingRestart: "tls" | null = null;
  private readonly out: StreamOutput;
  private domain: string;
  /** The client's latest stream header and the verdict read from it. */
  private request: HeaderRequest | undefined;
  /** STARTTLS and SASL, and the account the stream authenticated as. */
  private readonly negotiation: StreamNegotiation;
  /** Stanzas pass here on their way to the stanza layer; it holds the bound session. */
  private readonly gate: StanzaGate;
  private sessionEnded = false;
  private preAuthBytes = 0;
  private preAuthElements = 0;
  private resolveClosed!: () => void;
  private readonly hooks: StreamFaultHooks; // what the active faults make of the stream's behaviour
  private readonly saslHooks: SaslFaultHooks;
  /** XEP-0198 stream management on this stream (./sm/). */
  private readonly sm: SmEndpoint;
  private readonly sasl2: Sasl2Negotiation;
  readonly closed = new Promise<void>((resolve) => (this.resolveClosed = resolve));

  private get account(): Jid | undefined {
    return this.negotiation.account;
  }

  constructor(
    private readonly server: ConnectionServer,
    readonly link: Link,
  ) {
    this.domain = server.defaultDomain;
    this.hooks = new StreamFaultHooks(server.fault);
    this.out = new StreamOutput(server, link, this.hooks);
    this.saslHooks = new SaslFaultHooks(server.fault);
    this.negotiation = new StreamNegotiation({
      server,
      link,
      hooks: this.hooks,
      saslHooks: this.saslHooks,
      domain: () => this.domain,
      clientFrom: () => this.request?.verdict.clientFrom,
      send: (el) => this.out.send(el),
      // the rest of the chunk (plaintext after <starttls/>) is dropped; TLS starts once it is parsed
      tlsProceeds: () => (this.pendingRestart = "tls"),
      // Reset from inside the parser's event: whatever follows <success/> in this chunk (a client that
      // pipelines its new header) is parsed as the new stream.
      saslSucceeded: () => this.newStream(),
      finish: (reply) => this.finish(reply),
      streamError: (c, text) => this.streamError(c, text),
    });
    this.gate = new StanzaGate({
      server,
      link,
      hooks: this.hooks,
      saslHooks: this.saslHooks,
      domain: () => this.domain,
      account: () => this.account,
      clientLang: () => this.request?.verdict.clientLang,
      sendStanza: (s) => this.sendStanza(s),
      send: (el) => this.out.send(el),
      streamError: (c, text) => this.streamError(c, text),
    });
    this.sm = connectionSm(
      {
        account: () => this.account,
        gate: this.gate,
        sendStanza: (st) => this.sendStanza(st),
        writeStanza: (st) => this.writeStanza(st),
        send: (el) => this.out.send(el),
        streamError: (c, t, info) => this.streamError(c, t, undefined, info),
      },
      server,
    );
    this.sasl2 = new Sasl2Negotiation({
      negotiation: () => this.negotiation.exchange(),
      account: () => this.account,
      authenticated: (bare) => this.negotiation.authenticated(bare),
      sm: this.sm,
      gate: this.gate,
      server,
      send: (el) => this.out.send(el),
      sendFeatures: () => this.sendFeatures(),
      streamError: (c, t) => this.streamError(c, t),
    });
    this.parser = this.makeParser();
    link.attach({
      data: (chunk, binary) => this.onData(chunk, binary),
      secure: () => {},
      closed: () => this.onLinkClosed(),
    });
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
    if (!this.account && (this.preAuthBytes += chunk.length) > PRE_AUTH_MAX_BYTES) {
      const text = `more than ${PRE_AUTH_MAX_BYTES} bytes before authentication`;
      this.streamError("policy-violation", text, "oversize");
      return;
    }
    // §11.7: whitespace between first-level elements is allowed.
    if (this.gate.session && this.hooks.rejectsKeepalive(chunk)) {
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
    // (the phase may have changed while parsing)
    if (this.pendingRestart && (this.phase as Phase) !== "closed") this.restart();
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
    this.request = { header: el, verdict };
    if (this.account && verdict.domain !== this.account.domain && !verdict.error) {
      verdict.error = { condition: "not-authorized", text: "the restarted stream names another domain" };
    }
    this.domain = verdict.domain;
    if (verdict.error) {
      // §4.9.1.2: even for an error in the initial header, a response header goes out first.
      this.out.header(this.request, true);
      this.streamError(verdict.error.condition, verdict.error.text);
      return;
    }
    this.out.header(this.request);
    this.phase = "open";
    this.negotiation.newStream();
    this.sendFeatures();
  }

  private sendFeatures(): void {
    const stage = {
      canStartTls: this.link.canStartTls,
      secure: this.link.secure,
      authenticated: this.account !== undefined,
      tlsRequired: this.server.tlsRequired,
      registration: this.server.registration,
      framed: this.link.framed,
      mechanisms: this.saslHooks.mechanisms(),
      afterAuth: this.account
        ? [...(this.server.stanzas.streamFeatures?.() ?? []), SmEndpoint.feature()]
        : [],
    };
    this.out.send(featuresFor(stage), { stage });
  }

  private onStreamEnd(): void {
    // §4.4 / RFC 7395 §3.6: answer the close with ours, then end the connection. (Nothing to answer when
    // nothing was opened on our side, e.g. a framed <close/> before any <open/>.)
    if (this.out.headerSent) {
      this.finish(this.hooks.answersClose());
      return;
    }
    this.finish(false);
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
    const { prefix, local, ns } = qualify(el, this.link.framed);
    if (ns === NS.client && STANZA_NAMES.has(local)) {
      // §4.8.5: no prefixes for elements in the content namespace.
      if (prefix !== undefined) {
        if (!this.hooks.acceptsPrefixedStanza()) {
          this.streamError("bad-namespace-prefix", "stanzas take no namespace prefix");
          return;
        }
        el.name = local; // the fault drops the stanza's own prefix (not its children's)
      }
      this.toGate(el);
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
      this.toGate(el);
      return;
    }
    if (ns === NS_SM && this.sm.onElement(el)) return;
    if (ns === NS.tls && local === "starttls") {
      this.negotiation.startTls();
      return;
    }
    if (ns === NS.sasl && (local === "auth" || local === "response" || local === "abort")) {
      this.negotiation.saslElement(local, el);
      return;
    }
    if (ns === NS_SASL2 && this.sasl2.onElement(el)) return;
    if (this.gate.clientState(ns, local)) return; // XEP-0352 <active/>, <inactive/>
    // §4.9.1.1 / §4.9.2: a client's stream error (any condition) ends the stream; §4.8.4: others unsupported.
    const answer = ns === NS.stream && local === "error" ? this.hooks.clientStreamError(el) : "unsupported";
    if (answer === "close") this.finish(true);
    else if (answer === "drop") this.link.destroy();
    if (answer !== "unsupported") return;
    const recipient = this.gate.session && this.hooks.unknownElementRecipient(el, this.server.sessions.all());
    if (recipient) {
      recipient.send(el);
      return;
    }
    if (this.hooks.dropsOnUnknownElement()) {
      this.finish(false);
      this.link.end(0);
      return;
    }
    this.streamError("unsupported-stanza-type", `<${el.name}/> in '${ns ?? ""}' is not supported here`);
  }

  /** A stanza for the stanza gate; stream management counts it as handled (XEP-0198 §4). */
  private toGate(el: Element): void {
    if (this.sm.refusesBind() && el.getChild("bind", NS.bind)) {
      this.streamError("not-authorized", "bind after a failed resumption");
      return;
    }
    this.gate.onStanza(el);
    this.sm.handled();
  }

  /** After <proceed/>: TLS, and a new stream expected (§4.3.3, §5.4.3.3). */
  private restart(): void {
    this.pendingRestart = null;
    this.newStream();
    this.link.startTls(this.hooks.tlsFailureText(streamFooter()));
  }

  /** A stream restart (after TLS or SASL): a fresh parser, and a new header expected from the client. */
  private newStream(): void {
    this.parser.reset();
    this.phase = "header";
    this.out.headerSent = false;
    this.negotiation.newStream();
  }

  // ---- output (./stream-output.ts) ----

  /** A stanza for the client (from the stanza layer). */
  sendStanza(stanza: Element): void {
    if (this.sm.outbound(stanza)) return; // XEP-0198: queued until acked, written while this stream carries it
    this.writeStanza(stanza);
  }

  private writeStanza(stanza: Element): void {
    if (this.phase !== "closed") this.out.stanza(stanza);
  }

  /**
   * Close the stream with an error (§4.9.1.1): our header first if it is not out yet, then
   * <stream:error/>, then the closing tag and an orderly close of the connection. Nothing the client sent
   * after the offending data is processed. `cause` tells the send filter what the error is about.
   */
  streamError(
    condition: StreamCondition,
    text?: string,
    cause?: SendPoint["cause"],
    appInfo?: Element,
  ): void {
    if (this.phase === "closed") return;
    this.phase = "closed";
    this.pendingRestart = null;
    if (!this.out.headerSent) this.out.header(this.request, true);
    const error = streamErrorElement(condition, text, this.link.framed);
    if (appInfo) error.cnode(appInfo); // §4.9.4: application-specific condition
    this.out.send(error, cause ? { cause } : {});
    this.finish(this.hooks.closesAfterError());
  }

  /** The stream is over; with `reply`, our closing tag goes out and the connection ends in order. */
  private finish(reply: boolean): void {
    this.phase = "closed";
    this.endSession();
    if (!reply) return;
    this.out.footer();
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
    if (!this.gate.session || this.sessionEnded || this.sm.keepsAfterClose()) return;
    this.sessionEnded = true;
    this.gate.stop();
    this.server.sessions.remove(this.gate.session);
    try {
      this.server.stanzas.sessionEnded(this.gate.session);
    } catch {
      // A stanza-layer failure must not keep the connection from closing.
    }
    this.sm.ended();
  }

  private onLinkClosed(): void {
    // What a cut-off stream leaves is not a stanza (§8); only a fault processes it.
    const cut = this.hooks.cutStanza(this.parser);
    if (cut && this.gate.session && this.phase === "open") {
      cut.attrs.xmlns ??= NS.client;
      this.guard(() => this.onElement(cut));
    }
    // XEP-0198 §5: a stream cut off (not closed) leaves a resumable session waiting for its client
    const cutOff = this.phase === "open";
    this.phase = "closed";
    this.pendingRestart = null;
    if (!(cutOff && this.sm.detach())) this.endSession();
    this.server.connectionClosed(this);
    this.resolveClosed();
  }
}

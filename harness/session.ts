// The reference client: one XMPP stream to the target, driven step by step by a case.
import { randomBytes } from "node:crypto";
import { bounded } from "./bounded.ts";
import { HarnessError, IqError, NoAnswer, StreamClosed, Violation } from "./errors.ts";
import type { Jid } from "./jid.ts";
import {
  describeMatcher,
  isStreamError,
  type Matcher,
  matches,
  stanzaError,
  streamErrorCondition,
} from "./match.ts";
import type { MechanismName } from "./sasl/index.ts";
import { clientStreamHeader } from "./session/header.ts";
import { authenticate, bind, negotiate, offeredMechanisms, starttls } from "./session/negotiate.ts";
import type { Credentials, NegotiateOptions, SessionOptions } from "./session/options.ts";
import { rememberIqId, rememberRawIds, strayReply } from "./session/stray-replies.ts";
import { Waiters } from "./session/waiters.ts";
import { connectTransport } from "./transport/connect.ts";
import type { Transport } from "./transport/transport.ts";
import { type Element, NS, xml } from "./xml/element.ts";
import type { Finding } from "./xml/parser.ts";
import { StreamParser } from "./xml/parser.ts";
import { frameClose, streamFooter } from "./xml/serialize.ts";

export type {
  Credentials,
  NegotiateOptions,
  SessionOptions,
  StanzaObserver,
  TlsPolicy,
} from "./session/options.ts";
export { asBound, asOpened, type Bound, type Opened } from "./session/states.ts";

const INBOX_LIMIT = 10_000;

let idCounter = 0;
export function nextId(prefix = "x"): string {
  idCounter += 1;
  return `${prefix}${idCounter.toString(36)}-${randomBytes(3).toString("hex")}`;
}

export class Session {
  readonly opts: SessionOptions;
  readonly transport: Transport;
  private parser: StreamParser;
  /** Top-level elements received and not yet taken by expect(). */
  readonly inbox: Element[] = [];
  /** Every §11 violation found in what the target sent. */
  readonly findings: Finding[] = [];
  private readonly waiters = new Waiters();
  private readonly headerWaiters = new Waiters();
  /** The target's stream header (the latest, after restarts). */
  header: Element | undefined;
  /** The target's stream features (the latest). */
  features: Element | undefined;
  /** The <stream:error/> the target sent, if any. */
  streamError: Element | undefined;
  /** The target sent </stream:stream> (or <close/>). */
  streamEnded = false;
  /** The transport is closed. */
  closed = false;
  /** The full JID after binding. */
  jid: Jid | undefined;
  /** The account this stream authenticated as (bare JID), if any. */
  authenticatedAs: string | undefined;
  /** Attributes every stream header of this session carries unless openStream() overrides them (a fixed xml:lang, say). */
  readonly streamDefaults: Record<string, string | null> = {};
  private closedWaiters: (() => void)[] = [];
  /** Why the target's stream could no longer be parsed (a fatal §11 finding), once it happened. */
  private fatal: Violation | undefined;
  /** How the connection went down, when it was not a clean close (a reset, say). */
  private closeError: Error | undefined;
  /** An IQ response from the server for an id no request carried: no wait on this stream can be trusted. */
  private stray: Violation | undefined;
  /** The case wrote stanzas as raw bytes (split, say): their ids are its business, replies are not judged. */
  private rawStanzas = false;

  private constructor(opts: SessionOptions, transport: Transport) {
    this.opts = opts;
    this.transport = transport;
    this.parser = this.makeParser();
    transport.on("data", (chunk: Buffer) => {
      this.opts.transcript.record(this.opts.label, "recv", chunk);
      this.parser.write(chunk);
    });
    transport.on("close", (err?: Error) => {
      this.closed = true;
      this.closeError = err;
      this.opts.transcript.note(
        this.opts.label,
        err ? `connection closed: ${err.message}` : "connection closed",
      );
      this.rejectWaits(this.closeReason());
      for (const f of this.closedWaiters) f();
      this.closedWaiters = [];
    });
  }

  /** Connect the transport only: nothing is sent. */
  static async connect(opts: SessionOptions): Promise<Session> {
    let transport: Transport;
    try {
      transport = await connectTransport(opts.endpoint, {
        trust: { servername: opts.domain, ...opts.trust },
        connectTimeoutMs: opts.connectTimeoutMs,
      });
    } catch (err) {
      throw new HarnessError((err as Error).message);
    }
    opts.transcript.note(
      opts.label,
      `connected to ${opts.endpoint.kind}://${opts.endpoint.host}:${opts.endpoint.port}`,
    );
    return new Session(opts, transport);
  }

  /** A session over a connection the target opened to a listener of the harness (harness/peer). */
  static accept(opts: SessionOptions, transport: Transport): Session {
    opts.transcript.note(
      opts.label,
      `accepted a connection from ${opts.endpoint.host}:${opts.endpoint.port}`,
    );
    return new Session(opts, transport);
  }

  /** Connect, open the stream and read the features. */
  static async open(opts: SessionOptions): Promise<Session> {
    const s = await Session.connect(opts);
    await s.openWithFeatures();
    return s;
  }

  /** Open the stream and read the features, on a session nobody else holds yet. */
  async openWithFeatures(): Promise<void> {
    try {
      await this.openStream();
      await this.readFeatures();
    } catch (err) {
      // a refused stream must not leave its socket open
      this.destroy();
      throw err;
    }
  }

  get timeoutMs(): number {
    return this.opts.timeoutMs ?? 10_000;
  }

  /** The target's stream could no longer be parsed (a fatal §11 finding): nothing more will come on it. */
  get unparsable(): boolean {
    return this.parser.failed;
  }

  /** What every wait on an unparsable stream is refused with: the §11 finding, when one was made. */
  private unparsableReason(): Violation {
    return this.fatal ?? new Violation("the target's stream is not well-formed");
  }

  get framed(): boolean {
    return this.transport.framed;
  }

  private makeParser(): StreamParser {
    // Above any server's own stanza limit (256 KB to a few MB), yet a hostile flood costs a bounded buffer.
    const p = new StreamParser({ framed: this.transport?.framed ?? false, maxStanzaBytes: 4_000_000 });
    p.on("header", (el: Element) => {
      this.header = el;
      this.headerWaiters.resolveAll(el);
    });
    p.on("element", (el: Element) => this.receive(el));
    p.on("end", () => {
      this.streamEnded = true;
      this.opts.transcript.note(this.opts.label, "stream closed by the target");
      this.rejectWaits(this.closeReason());
    });
    p.on("finding", (f: Finding) => {
      this.findings.push(f);
      this.opts.transcript.note(this.opts.label, `parser: ${f.kind}: ${f.message}`);
      if (f.fatal) {
        const err = new Violation(`the target sent ${f.kind}: ${f.message}`);
        this.fatal = err;
        this.rejectWaits(err);
      }
    });
    return p;
  }

  /** End every pending wait: the stream went down or broke. */
  private rejectWaits(err: Error): void {
    this.waiters.rejectAll(err);
    this.headerWaiters.rejectAll(err);
  }

  private closeReason(): StreamClosed {
    const condition = this.streamError ? streamErrorCondition(this.streamError) : undefined;
    // a stream error ends the stream (RFC 6120 §4.9.1.1), closing tag or not
    if (condition) return new StreamClosed(`the target ended the stream with <${condition}/>`, condition);
    // say what was cut off and how, so a verdict names the cause
    const cut = this.parser.unfinished;
    const mid = cut ? ` in the middle of <${cut.name}>` : "";
    const how = this.closeError ? ` (${this.closeError.message})` : "";
    return new StreamClosed(`the target closed the stream${mid}${how}`);
  }

  private receive(el: Element): void {
    if (isStreamError(el)) this.streamError = el;
    if (el.is("features", NS.stream)) this.features = el;
    this.opts.observer?.received(this, el);
    if (this.waiters.offer(el)) return;
    // what rules out every answer still awaited ends those waits now, not at their timeouts
    const server = { domain: this.jid?.domain ?? this.opts.domain, account: this.jid?.bare().toString() };
    const stray = this.rawStanzas ? undefined : strayReply(el, server);
    if (stray) this.stray ??= stray;
    const ruledOut = this.streamError ? this.closeReason() : stray;
    if (ruledOut) this.rejectWaits(ruledOut);
    if (this.inbox.length >= INBOX_LIMIT) this.inbox.shift();
    this.inbox.push(el);
  }

  // ---- sending ----

  /** Send an element, a string of XML, or raw bytes (for negative tests). */
  async send(
    data: Element | string | Buffer,
    opts: { redact?: boolean; framing?: boolean } = {},
  ): Promise<void> {
    if (this.closed) throw this.closeReason();
    const raw = typeof data === "string" || Buffer.isBuffer(data);
    if (raw) rememberRawIds(data.toString());
    else rememberIqId(data);
    if (raw && !opts.framing) this.rawStanzas = true;
    // RFC 7395 §3.3.3: each frame is a standalone document "complete with all relevant namespace
    // declarations", so an element that relies on the stream's default namespace declares it
    if (!raw && this.framed && !data.attrs.xmlns && !data.name.includes(":")) data.attrs.xmlns = NS.client;
    const wire = raw ? data : data.toString();
    const shown = opts.redact && !raw ? redactedCopy(data) : wire;
    this.opts.transcript.record(this.opts.label, "sent", shown);
    this.opts.observer?.sent(this, shown.toString());
    try {
      // a target that stops reading must not stall the case: past the answer timeout, carry on
      await bounded(this.transport.write(wire), this.timeoutMs, () =>
        this.opts.transcript.note(this.opts.label, "the target is not reading; write still queued"),
      );
    } catch (err) {
      throw new StreamClosed(`write failed: ${(err as Error).message}`);
    }
  }

  /** Open (or re-open) the stream. `attrs` replace the defaults, `null` drops an attribute. */
  async openStream(attrs: Record<string, string | null> = {}): Promise<Element> {
    this.forgetStream();
    const header = clientStreamHeader(this.framed, this.opts.domain, this.streamDefaults, attrs);
    await this.send(header, { framing: true });
    return this.readHeader();
  }

  /**
   * The target is to open a new stream (it was told <proceed/> or <success/> on a stream it opened to us):
   * forget the old stream's header and parser state, as openStream() does for streams we open.
   */
  expectRestart(): void {
    this.forgetStream();
  }

  /** A new stream begins: the old one's header, features and parser state are gone. */
  private forgetStream(): void {
    this.parser.reset();
    this.header = undefined;
    this.features = undefined;
  }

  /** Wait for the target's stream header. */
  readHeader(timeoutMs = this.timeoutMs): Promise<Element> {
    if (this.header) return Promise.resolve(this.header);
    if (this.closed || this.streamEnded) return Promise.reject(this.closeReason());
    if (this.unparsable) return Promise.reject(this.unparsableReason());
    return this.headerWaiters.wait(
      () => true,
      timeoutMs,
      () => new NoAnswer(`no stream header from the target within ${timeoutMs} ms`),
    );
  }

  async readFeatures(timeoutMs = this.timeoutMs): Promise<Element> {
    // features in the stream namespace can never come on a stream opened in another (RFC 6120 §4.8.1)
    const ns = this.framed ? NS.framing : NS.stream;
    if (this.header && this.header.getNS() !== ns)
      throw new Violation(
        `the target's stream header is in namespace '${this.header.getNS() ?? ""}', not '${ns}'`,
      );
    const f = await this.expect({ name: "features", ns: NS.stream }, timeoutMs);
    this.features = f;
    return f;
  }

  // ---- receiving ----

  /** The first element (already received or still to come) that matches; it is taken from the inbox. */
  expect(matcher: Matcher, timeoutMs = this.timeoutMs): Promise<Element> {
    const i = this.inbox.findIndex((el) => matches(el, matcher));
    if (i >= 0) return Promise.resolve(this.inbox.splice(i, 1)[0]);
    if (this.closed || this.streamEnded || this.streamError) return Promise.reject(this.closeReason());
    if (this.stray) return Promise.reject(this.stray);
    // a stream that broke off stays broken: say why to every later wait, not just the first
    if (this.unparsable) return Promise.reject(this.unparsableReason());
    return this.waiters.wait(matcher, timeoutMs, () => {
      // a top-level element still open explains many a missing answer (a nested stream header, a flood)
      const open = this.parser.unfinished;
      const still = open ? ` (its <${open.name}> is still unfinished)` : "";
      return new NoAnswer(`no ${describeMatcher(matcher)} from the target within ${timeoutMs} ms${still}`);
    });
  }

  /** Send an IQ (an id is added when missing) and wait for its result or error. */
  async iq(el: Element, timeoutMs = this.timeoutMs): Promise<Element> {
    if (!el.attrs.id) el.attrs.id = nextId("iq");
    const id = el.attrs.id;
    const reply = this.expect(
      (r) => r.name === "iq" && r.attrs.id === id && (r.attrs.type === "result" || r.attrs.type === "error"),
      timeoutMs,
    );
    reply.catch(() => {});
    await this.send(el);
    return reply;
  }

  /** Like iq(), but an error reply throws IqError. */
  async iqResult(el: Element, what: string, timeoutMs = this.timeoutMs): Promise<Element> {
    const reply = await this.iq(el, timeoutMs);
    if (reply.attrs.type === "error") {
      const e = stanzaError(reply);
      throw new IqError(e?.condition, e?.type, what);
    }
    return reply;
  }

  /**
   * Prove what did or did not arrive before now, without sleeping: ping the server on this
   * stream and wait for the answer (RFC 6120 §10.1: the server processes our stanzas in order,
   * so everything it sent us before the answer is in the inbox). Any IQ reply counts, so a
   * target without XEP-0199 still gives a barrier.
   */
  async barrier(timeoutMs = this.timeoutMs): Promise<Element[]> {
    const to = this.jid?.domain ?? this.opts.domain;
    // a server-to-server stream addresses every stanza both ways (RFC 6120 §8.1.1.2, §8.1.2.2)
    const from = this.opts.from === undefined ? {} : { from: this.opts.from };
    await this.iq(xml("iq", { type: "get", to, ...from }, xml("ping", { xmlns: NS.ping })), timeoutMs);
    return [...this.inbox];
  }

  /** After a barrier, fail if anything matching arrived. */
  async expectNothing(matcher: Matcher, what: string, timeoutMs = this.timeoutMs): Promise<void> {
    await this.barrier(timeoutMs);
    const hit = this.inbox.find((el) => matches(el, matcher));
    if (hit) throw new Violation(`${what}, but received: ${hit.toString().slice(0, 300)}`);
  }

  /** Wait until the target closes the stream or the connection (after a stream error, say). */
  async expectClose(timeoutMs = this.timeoutMs): Promise<void> {
    if (this.closed || this.streamEnded) return;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new NoAnswer(`the target did not close the stream within ${timeoutMs} ms`)),
        timeoutMs,
      );
      const onEnd = () => {
        clearTimeout(timer);
        resolve();
      };
      this.closedWaiters.push(onEnd);
      this.parser.once("end", onEnd);
    });
  }

  /** Wait for a <stream:error/> and return its condition. */
  async expectStreamError(timeoutMs = this.timeoutMs): Promise<string | undefined> {
    if (this.streamError) return streamErrorCondition(this.streamError);
    try {
      const el = await this.expect((e) => isStreamError(e), timeoutMs);
      return streamErrorCondition(el);
    } catch (err) {
      if (this.streamError) return streamErrorCondition(this.streamError);
      if (err instanceof StreamClosed)
        throw new Violation("the target closed the stream without a stream error");
      throw err;
    }
  }

  // ---- negotiation (session/negotiate.ts) ----

  /** STARTTLS (RFC 6120 §5): <starttls/>, <proceed/>, TLS handshake, stream restart. */
  starttls(): Promise<void> {
    return starttls(this);
  }

  offeredMechanisms(): string[] {
    return offeredMechanisms(this.features);
  }

  /** SASL (RFC 6120 §6), then the stream restart. Throws SaslFailure on <failure/>. */
  authenticate(creds: Credentials, mechanism?: MechanismName): Promise<void> {
    return authenticate(this, creds, mechanism);
  }

  /** Resource binding (RFC 6120 §7). */
  bind(resource?: string): Promise<Jid> {
    return bind(this, resource);
  }

  /** STARTTLS as the policy says, then SASL and binding as asked. */
  negotiate(o: NegotiateOptions): Promise<void> {
    return negotiate(this, o);
  }

  // ---- closing ----

  /** Close the stream cleanly (RFC 6120 §4.4), wait briefly for the target's close, end the transport. */
  async close(timeoutMs = 2000): Promise<void> {
    if (this.closed) return;
    try {
      if (!this.streamEnded) {
        await this.send(this.framed ? frameClose() : streamFooter(), { framing: true });
        await this.expectClose(timeoutMs).catch(() => {});
      }
    } catch {
      // already gone
    }
    await this.transport.end().catch(() => {});
    this.closed = true;
  }

  /** Drop the connection without closing the stream (an abrupt disconnect). */
  destroy(): void {
    this.transport.destroy();
  }
}

/** A copy of a SASL or registration element with its secret content blanked, for the transcript. */
function redactedCopy(el: Element): string {
  const copy = xml(el.name, { ...el.attrs }, el.children.length ? "[redacted]" : null);
  return copy.toString();
}

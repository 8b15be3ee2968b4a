// What the connection-layer faults (faults/connection.ts) do to the stream's behaviour, kept apart from
// connection.ts and stream-header.ts so the rule-abiding code there stays readable: each hook is called
// at one place, and without its fault it answers as the RFC does. (Faults that only change what is sent
// are rewrites in ./send-faults.ts.)
import { type Jid, tryParseJid } from "../jid.ts";
import { type Element, NS, xml } from "../xml/element.ts";
import type { FindingKind } from "../xml/findings.ts";
import type { StreamParser } from "../xml/parser.ts";
import { randomResource } from "./bind.ts";
import { crashesOnElement, crashesOnFinding } from "./fault-hooks-fuzz.ts";
import type { FaultCheck } from "./faults/index.ts";
import { iqError, iqResult } from "./iq-reply.ts";
import { isRestrictedXml, STREAM_CONDITIONS } from "./stream-errors.ts";
import type { BoundSession } from "./types.ts";

const DEFINED_CONDITIONS: ReadonlySet<string> = new Set(STREAM_CONDITIONS);

interface Version {
  major: number;
  minor: number;
}

/** What checking a stream header asks the faults (./stream-header.ts). */
export interface HeaderFaultHooks {
  acceptsStreamNamespace(local: string): boolean;
  acceptsHeaderNamespace(): boolean;
  servesUnknownHost(to: string | undefined): boolean;
  rejectsVersion(version: string): boolean;
  echoedVersion(v: Version): string | undefined;
}

export class StreamFaultHooks implements HeaderFaultHooks {
  constructor(private readonly fault: FaultCheck) {}

  // ---- the stream header (RFC 6120 §4.7, §4.8) ----

  /** accept-bad-stream-namespace: a <stream/> root in any namespace. */
  acceptsStreamNamespace(local: string): boolean {
    return local === "stream" && this.fault("accept-bad-stream-namespace");
  }

  /** accept-header-namespaces: extended-content namespaces declared on the header pass. */
  acceptsHeaderNamespace(): boolean {
    return this.fault("accept-header-namespaces");
  }

  /** accept-host-unknown: a 'to' naming a domain not served is served anyway. */
  servesUnknownHost(to: string | undefined): boolean {
    return to !== undefined && to !== "" && this.fault("accept-host-unknown");
  }

  /** strict-version-string: anything but the literal "1.0" is malformed. */
  rejectsVersion(version: string): boolean {
    return this.fault("strict-version-string") && version !== "1.0";
  }

  /** echo-version: the client's version answered as it came, whatever it is. */
  echoedVersion(v: Version): string | undefined {
    return this.fault("echo-version") ? `${v.major}.${v.minor}` : undefined;
  }

  /** restart-keeps-stream-id: a restarted stream keeps the id it had. */
  streamId(previous: string | undefined, fresh: () => string): string {
    return previous !== undefined && this.fault("restart-keeps-stream-id") ? previous : fresh();
  }

  // ---- reading (RFC 6120 §11) ----

  /** pass-restricted-xml: the parser skips comments and PIs instead of stopping. */
  parserRecovers(): boolean {
    return this.fault("pass-restricted-xml") || this.fault("restricted-xml-mixed");
  }

  /** pass-restricted-xml: restricted XML does not end the stream. */
  ignoresFinding(kind: FindingKind): boolean {
    if (kind === "processing-instruction" && this.fault("restricted-xml-mixed")) return true;
    return isRestrictedXml(kind) && this.fault("pass-restricted-xml");
  }

  /** small-stanza-limit: a 4 KiB stanza limit. */
  maxStanzaBytes(configured: number): number {
    return this.fault("small-stanza-limit") ? 4096 : configured;
  }

  /** standalone-drops-connection: a standalone document declaration ends the connection. */
  dropsOnStandalone(standalone: string | undefined): boolean {
    return standalone !== undefined && this.fault("standalone-drops-connection");
  }

  /** reject-whitespace-keepalive: whitespace between elements is taken for bad XML. */
  rejectsKeepalive(chunk: Buffer): boolean {
    return this.fault("reject-whitespace-keepalive") && /^\s/.test(chunk.toString());
  }

  /** The fuzz-only crash faults (faults/fuzz.ts). */
  crashesOnFinding(kind: FindingKind): boolean {
    return crashesOnFinding(this.fault, kind);
  }

  crashesOnElement(el: Element): boolean {
    return crashesOnElement(this.fault, el);
  }

  /** partial-stanza-processed: the half a stanza a cut-off stream leaves, to be processed. */
  cutStanza(parser: StreamParser): Element | undefined {
    return this.fault("partial-stanza-processed") ? parser.unfinished : undefined;
  }

  // ---- first-level elements (RFC 6120 §4.8) ----

  /** accept-prefixed-stanzas: a prefixed stanza is processed (without its own prefix). */
  acceptsPrefixedStanza(): boolean {
    return this.fault("accept-prefixed-stanzas");
  }

  /** accept-jabber-server-stanzas: a 'jabber:server' stanza on a client stream is processed. */
  acceptsServerStanza(): boolean {
    return this.fault("accept-jabber-server-stanzas");
  }

  /** route-other-namespaces: an unknown element addressed to a connected full JID goes there as it came. */
  unknownElementRecipient(el: Element, sessions: BoundSession[]): BoundSession | undefined {
    if (!this.fault("route-other-namespaces")) return undefined;
    return sessions.find((x) => x.jid.toString() === el.attrs.to);
  }

  /**
   * How the client's stream error is met: "close" our stream (§4.9.1.1); client-stream-error-dropped: the
   * connection is just dropped; refuse-unknown-stream-error: one whose condition RFC 6120 does not define
   * is "unsupported" like any unknown element, not read as <undefined-condition/> (§4.9.2).
   */
  clientStreamError(el: Element): "close" | "drop" | "unsupported" {
    if (this.fault("client-stream-error-dropped")) return "drop";
    const defined = el.children.some((c) => typeof c !== "string" && DEFINED_CONDITIONS.has(c.name));
    return !defined && this.fault("refuse-unknown-stream-error") ? "unsupported" : "close";
  }

  /** accept-weak-password: in-band registration takes any non-empty password. */
  acceptsWeakPassword(): boolean {
    return this.fault("accept-weak-password");
  }

  /** unknown-element-drops-connection: the connection drops without a stream error. */
  dropsOnUnknownElement(): boolean {
    return this.fault("unknown-element-drops-connection");
  }

  /** no-close-reply: the client's </stream:stream> goes unanswered. */
  answersClose(): boolean {
    return !this.fault("no-close-reply");
  }

  /** stream-error-no-close: a stream error leaves the stream open. */
  closesAfterError(): boolean {
    return !this.fault("stream-error-no-close");
  }

  // ---- STARTTLS (RFC 6120 §5) ----

  /**
   * no-features-after-tls: STARTTLS, re-offered after TLS, is taken up, and nothing follows;
   * direct-tls-starttls-proceeds: likewise on a direct TLS connection, even after authentication.
   */
  startsTlsTwice(link: { secure: boolean; framed: boolean; kind: string }, authenticated: boolean): boolean {
    if (this.fault("direct-tls-starttls-proceeds") && link.kind === "tls") return true;
    return this.fault("no-features-after-tls") && link.secure && !link.framed && !authenticated;
  }

  /** starttls-always-fails: <failure/> even where STARTTLS is on offer. */
  refusesStartTls(): boolean {
    return this.fault("starttls-always-fails");
  }

  /** starttls-failure-keeps-stream: the stream stays open after the TLS <failure/>. */
  keepsStreamAfterTlsFailure(): boolean {
    return this.fault("starttls-failure-keeps-stream");
  }

  /** tls-failure-stream-close: plaintext written when the TLS handshake fails. */
  tlsFailureText(footer: string): string | undefined {
    return this.fault("tls-failure-stream-close") ? footer : undefined;
  }

  /** mechanisms-before-required-tls: SASL goes ahead before the required TLS. */
  saslBeforeRequiredTls(): boolean {
    return this.fault("mechanisms-before-required-tls");
  }

  // ---- stanzas around authentication and binding (RFC 6120 §4.3.5, §7, §8.1.2) ----

  /** allow-stanza-before-auth: what is answered to a stanza before authentication; undefined: the RFC. */
  beforeAuth(el: Element): Element[] | undefined {
    const request = el.name === "iq" && (el.attrs.type === "get" || el.attrs.type === "set");
    // early-server-stanza-refused: §4.3.5's close covers stanzas to other entities; one to the server
    // itself is refused unprocessed (I-6120-such-stanzas)
    if (this.fault("early-server-stanza-refused") && !el.attrs.to)
      return request ? [iqError(el, "cancel", "service-unavailable", "authenticate first")] : [];
    if (!this.fault("allow-stanza-before-auth")) return undefined;
    return el.name === "iq" && (el.attrs.type === "get" || el.attrs.type === "set") ? [iqResult(el)] : [];
  }

  /**
   * allow-stanza-before-bind (ignored) and route-stanza-before-bind (routed from the bare JID): a stanza
   * to another entity before binding; false: the RFC's <not-authorized/>.
   */
  beforeBind(el: Element, account: Jid, sessionsOf: (bare: string) => BoundSession[]): boolean {
    if (this.fault("allow-stanza-before-bind")) return true;
    const target = tryParseJid(el.attrs.to ?? "");
    if (!this.fault("route-stanza-before-bind") || !target) return false;
    el.attrs.from = account.toString();
    for (const s of sessionsOf(target.bare().toString()))
      if (target.isBare || s.jid.equals(target)) s.send(el);
    return true;
  }

  /** features-after-bind: stream features sent again after the bind result. */
  featuresAfterBind(framed: boolean): Element | undefined {
    if (!this.fault("features-after-bind")) return undefined;
    const attrs = framed ? { "xmlns:stream": NS.stream } : {};
    return xml("stream:features", attrs, xml("bind", { xmlns: NS.bind }));
  }

  /**
   * bind-twice (another full JID of the account) and second-bind-foreign-jid (one of another account): a
   * second bind on the stream is granted; undefined: <not-allowed/>.
   */
  secondBind(req: Element, bound: Jid): Element | undefined {
    const foreign = this.fault("second-bind-foreign-jid");
    if (!this.fault("bind-twice") && !foreign) return undefined;
    const bare = foreign ? `someone-else@${bound.domain}` : bound.bare().toString();
    const jid = xml("jid", {}, `${bare}/${randomResource()}`);
    return iqResult(req, xml("bind", { xmlns: NS.bind }, jid));
  }

  /** drop-spoofed-from: a stanza claiming another 'from' vanishes (faults/fuzz.ts). */
  dropsSpoofedFrom(): boolean {
    return this.fault("drop-spoofed-from");
  }

  /** allow-spoofed-from: a 'from' the client set is kept, whatever it says. */
  keepsClaimedFrom(): boolean {
    return this.fault("allow-spoofed-from");
  }

  /** no-from-stamp: stanzas go on without the server's 'from'. */
  stampsFrom(): boolean {
    return !this.fault("no-from-stamp");
  }

  /** stamp-server-lang: the server's language, not the stream's, is the stanzas' default. */
  defaultLang(clientLang: string | undefined): string | undefined {
    return this.fault("stamp-server-lang") ? "en" : clientLang;
  }

  // ---- output ----

  /** latin1-output: text written as ISO-8859-1, not UTF-8. */
  encode(text: string): string | Buffer {
    return this.fault("latin1-output") ? Buffer.from(text, "latin1") : text;
  }
}

// The server side of a stream the target opened to the harness (the harness as the receiving or
// authoritative server): our header, our features, <proceed/> and the TLS handshake, stream errors.
import { randomBytes, X509Certificate } from "node:crypto";
import type { Matcher } from "../match.ts";
import type { CertFlaw, Pki } from "../pki/pki.ts";
import { plays } from "../s2s/domains.ts";
import { NS_DIALBACK } from "../s2s/ns.ts";
import type { Session } from "../session.ts";
import type { TcpTransport } from "../transport/tcp.ts";
import type { TlsInfo } from "../transport/transport.ts";
import { type Element, NS, xml } from "../xml/element.ts";
import { streamFooter, streamHeader } from "../xml/serialize.ts";

export interface ProceedOptions {
  /** Present a certificate flawed this way. */
  flaw?: CertFlaw;
  /** Ask for the target's certificate (XEP-0178); default true. */
  requestCert?: boolean;
}

export class PeerStream {
  /** Our latest stream header's id (the one dialback keys are bound to). */
  streamId: string | undefined;
  /** Every initial stream header the target sent on this connection, in order, and whether TLS was up. */
  readonly headers: { header: Element; secure: boolean }[] = [];

  constructor(
    readonly session: Session,
    /** The domain the target asked for (its first header's 'to'): the domain the harness plays here. */
    readonly domain: string,
    private readonly transport: TcpTransport,
    private readonly pki: Pki,
    /** Every domain the harness plays here: SNI may name any of them. */
    private readonly domains: readonly string[],
  ) {
    this.#noteHeader();
  }

  /** Keep the target's latest header in `headers` (once each). */
  #noteHeader(): Element | undefined {
    const h = this.session.header;
    if (h && this.headers.at(-1)?.header !== h) this.headers.push({ header: h, secure: !!this.tls });
    return h;
  }

  /** The target's latest stream header. */
  get header(): Element | undefined {
    return this.session.header;
  }

  /** The 'from' of the target's latest header: the domain it claims to be. */
  get peerDomain(): string | undefined {
    return this.session.header?.attrs.from;
  }

  get tls(): TlsInfo | undefined {
    return this.transport.tls;
  }

  /**
   * Our response stream header (RFC 6120 §4.7): from our domain, to the target's, a fresh id. `attrs`
   * replace the defaults, null drops one. Resolves with the id sent.
   */
  async sendHeader(attrs: Record<string, string | null> = {}): Promise<string | undefined> {
    const base: Record<string, string | null> = {
      xmlns: NS.server,
      "xmlns:stream": NS.stream,
      "xmlns:db": NS_DIALBACK,
      from: this.domain,
      to: this.peerDomain ?? null,
      id: randomBytes(8).toString("hex"),
      version: "1.0",
    };
    const merged = { ...base, ...attrs };
    const kept = Object.entries(merged).filter((e): e is [string, string] => e[1] !== null);
    this.streamId = merged.id ?? undefined;
    await this.session.send(streamHeader(Object.fromEntries(kept)));
    return this.streamId;
  }

  /** <stream:features> with these children. */
  sendFeatures(...children: Element[]): Promise<void> {
    return this.session.send(xml("stream:features", {}, ...children));
  }

  /**
   * The server side of STARTTLS (RFC 6120 §5.4.2.3): <proceed/>, the handshake with a certificate for our
   * domain (SNI may ask for another of the PKI's), then the target's new stream header.
   */
  async proceedTls(o: ProceedOptions = {}): Promise<TlsInfo | undefined> {
    const certificate = await this.pki.issue(this.domain, o.flaw);
    const sni = (name: string) =>
      plays(this.domains, name) ? this.pki.issue(name, o.flaw) : Promise.resolve(undefined);
    this.session.expectRestart();
    await this.session.send(xml("proceed", { xmlns: NS.tls }));
    await this.transport.acceptTls({
      certificate,
      sni,
      requestCert: o.requestCert ?? true,
      ca: this.pki.caCert,
    });
    this.session.opts.transcript.note(this.session.opts.label, `TLS accepted (${this.tls?.protocol ?? "?"})`);
    await this.session.readHeader();
    this.#noteHeader();
    return this.tls;
  }

  /** <success/> for SASL, then the target's new stream header (RFC 6120 §6.4.6). */
  async saslSuccess(): Promise<Element> {
    this.session.expectRestart();
    await this.session.send(xml("success", { xmlns: NS.sasl }));
    const h = await this.session.readHeader();
    this.#noteHeader();
    return h;
  }

  /** Close our side of the stream (RFC 6120 §4.4): the footer, also when the target closed first, then the transport. */
  async end(): Promise<void> {
    if (this.session.closed) return;
    if (this.session.streamEnded) await this.session.send(streamFooter()).catch(() => {});
    // the target's own close is not worth more than a short wait
    await this.session.close(500);
  }

  /** A <stream:error/> with this condition, then the stream's end (RFC 6120 §4.9.1.1). */
  async streamError(condition: string, text?: string): Promise<void> {
    const textEl = text === undefined ? null : xml("text", { xmlns: NS.streams }, text);
    const err = xml("stream:error", {}, xml(condition, { xmlns: NS.streams }), textEl);
    await this.session.send(err).catch(() => {});
    await this.end();
  }

  /**
   * The target's certificate verified against the PKI's CA and names `domain` (RFC 6120 §13.7.2.1,
   * RFC 6125 DNS-ID): what XEP-0178 asks before offering SASL EXTERNAL.
   */
  peerCertificateValidFor(domain: string): boolean {
    const info = this.tls;
    const raw = info?.peerCertificate?.raw;
    if (!info?.authorized || !raw) return false;
    try {
      return new X509Certificate(raw).checkHost(domain) !== undefined;
    } catch {
      return false;
    }
  }

  // ---- the Session's own ways, on this stream ----

  send(data: Element | string | Buffer): Promise<void> {
    return this.session.send(data);
  }

  expect(matcher: Matcher, timeoutMs?: number): Promise<Element> {
    return this.session.expect(matcher, timeoutMs);
  }

  async readHeader(timeoutMs?: number): Promise<Element> {
    const h = await this.session.readHeader(timeoutMs);
    this.#noteHeader();
    return h;
  }

  expectStreamError(timeoutMs?: number): Promise<string | undefined> {
    return this.session.expectStreamError(timeoutMs);
  }

  expectClose(timeoutMs?: number): Promise<void> {
    return this.session.expectClose(timeoutMs);
  }

  close(): Promise<void> {
    return this.session.close();
  }

  destroy(): void {
    this.session.destroy();
  }
}

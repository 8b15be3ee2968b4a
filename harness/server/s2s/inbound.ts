// One inbound server-to-server stream of the reference server, as receiving server (RFC 6120 §4-§6, §8;
// XEP-0178 SASL EXTERNAL; XEP-0220 dialback) and as authoritative server answering <db:verify/> for keys
// it sent.
import type net from "node:net";
import { tryParseJid } from "../../jid.ts";
import { NS_BIDI, NS_BIDI_FEATURE, NS_DIALBACK } from "../../s2s/ns.ts";
import { decodeBase64Strict } from "../../sasl/index.ts";
import { type Element, NS, xml } from "../../xml/element.ts";
import type { Finding } from "../../xml/parser.ts";
import { streamHeader } from "../../xml/serialize.ts";
import { qualify, STANZA_NAMES } from "../first-level.ts";
import { findingCondition, type StreamCondition, streamErrorElement } from "../stream-errors.ts";
import { chainProblem, namesDomain, peerCertificate } from "./certs.ts";
import { type DialbackCondition, dialbackElement, dialbackFeature } from "./dialback.ts";
import type { S2sHost } from "./host.ts";
import { checkInboundHeader, domainOf, type InboundHeader, responseAttrs } from "./inbound-header.ts";
import { guarded, Wire } from "./wire.ts";

export class InboundStream {
  readonly #wire: Wire;
  #phase: "header" | "open" | "closed" = "header";
  #headerSent = false;
  #header: InboundHeader | undefined;
  #streamId = "";
  /** The domain SASL EXTERNAL authenticated (for the stream's life, XEP-0178). */
  #external: string | undefined;
  /** Domains the peer may send from: EXTERNAL's, and each one dialback verified (XEP-0220 §2.2). */
  readonly #authenticated = new Set<string>();
  /** The peer's certificate failed validation and the stream went on (s2s-dialback-over-untrusted-cert). */
  #untrustedPeer = false;
  /** The peer asked for a bidirectional stream (XEP-0288): we may send on it too, once it is authenticated. */
  #bidi = false;
  readonly #timer: NodeJS.Timeout;

  constructor(
    private readonly host: S2sHost,
    socket: net.Socket,
    private readonly gone: (s: InboundStream) => void,
  ) {
    this.#wire = new Wire(socket, {
      header: (el) => this.#guard(() => this.#onHeader(el)),
      element: (el) => this.#guard(() => this.#onElement(el)),
      end: () => this.#close(),
      finding: (f: Finding) => {
        if (!host.hooks.streams.ignoresFinding(f.kind)) this.streamError(findingCondition(f.kind), f.message);
      },
      closed: () => {
        this.#phase = "closed";
        clearTimeout(this.#timer);
        this.gone(this);
      },
    });
    this.#timer = setTimeout(() => {
      if (this.#authenticated.size === 0) this.streamError("connection-timeout", "not authenticated in time");
    }, host.config.timeouts.inboundAuthMs);
  }

  #guard(fn: () => void): void {
    guarded(this.#phase === "closed", (text) => this.streamError("internal-server-error", text), fn);
  }

  #send(el: Element): void {
    this.#wire.send(el);
  }

  #sendHeader(): void {
    this.#streamId = this.host.newStreamId();
    const h = this.#header ?? { local: [...this.host.domains][0] ?? "localhost" };
    const attrs = this.host.hooks.headerAttrs(responseAttrs(h, this.#streamId), true);
    if (this.#silentToPeer()) delete attrs["xmlns:db"];
    this.#wire.send(streamHeader(attrs));
    this.#headerSent = true;
  }

  // ---- the stream header and features ----

  #onHeader(el: Element): void {
    if (this.#phase !== "header") {
      this.streamError("unsupported-stanza-type", "a stream header, but no stream restart was negotiated");
      return;
    }
    // s2s-drop-restart-after-tls: the connection goes down instead of a response header over TLS
    if (this.#wire.secure && this.#header !== undefined && this.host.hooks.tls.dropsRestartAfterTls()) {
      this.#wire.destroy();
      return;
    }
    const header = checkInboundHeader(el, this.host.domains, this.#wire.secure, this.host.hooks.streams);
    // §5.4.3.3: what the peer said before TLS is discarded (unless s2s-keeps-pre-tls-from)
    if (this.#header?.peer !== undefined && this.host.hooks.tls.keepsPreTlsFrom())
      header.peer = this.#header.peer;
    this.#header = header;
    if (this.#external !== undefined && header.peer !== this.#external && !header.error) {
      header.error = { condition: "not-authorized", text: "the restarted stream names another domain" };
    }
    this.#sendHeader();
    if (header.error) {
      this.streamError(header.error.condition, header.error.text);
      return;
    }
    this.#phase = "open";
    this.#send(this.#features());
  }

  /** s2s-listen-silent-without-cert: after TLS without a peer certificate, dialback is not even declared. */
  #silentToPeer(): boolean {
    const tlsSocket = this.#wire.tls;
    if (!this.#wire.secure || !tlsSocket) return false;
    return this.host.authHooks.silentWithoutCertificate(peerCertificate(tlsSocket) !== undefined);
  }

  #tlsRequired(): boolean {
    return this.host.config.tls === "required";
  }

  #features(): Element {
    const { config } = this.host;
    const children: Element[] = [];
    const dialback = config.dialback ? [dialbackFeature()] : [];
    if (!this.#wire.secure) {
      // RFC 6120 §5.3.1: with TLS mandatory, STARTTLS alone before TLS.
      if (this.host.hooks.tls.offersStarttls())
        children.push(xml("starttls", { xmlns: NS.tls }, this.#tlsRequired() ? xml("required") : null));
      if (!this.#tlsRequired()) children.push(...dialback);
    } else if (this.#external === undefined) {
      // XEP-0178 §3: EXTERNAL on offer when the peer presented a certificate we accept.
      const tlsSocket = this.#wire.tls;
      if (
        config.external &&
        tlsSocket &&
        peerCertificate(tlsSocket) &&
        !this.#untrustedPeer &&
        !this.host.authHooks.hidesExternal()
      ) {
        children.push(xml("mechanisms", { xmlns: NS.sasl }, xml("mechanism", {}, "EXTERNAL")));
      }
      if (!this.#silentToPeer()) children.push(...dialback);
      // XEP-0288 §2.1: offered after TLS, before authentication
      if (this.#authenticated.size === 0) children.push(xml("bidi", { xmlns: NS_BIDI_FEATURE }));
    } else {
      children.push(...dialback);
    }
    return xml("stream:features", {}, children, this.host.hooks.leakedFeatures());
  }

  // ---- first-level elements ----

  #onElement(el: Element): void {
    if (this.#phase !== "open") {
      this.streamError("not-well-formed", "the stream must start with a stream header");
      return;
    }
    const { local, ns } = qualify(el, false);
    if (ns === NS.server && STANZA_NAMES.has(local)) {
      this.#onStanza(el);
      return;
    }
    if (ns === NS.client && STANZA_NAMES.has(local)) {
      this.streamError("invalid-namespace", `stanzas on a server-to-server stream are in '${NS.server}'`);
      return;
    }
    if (ns === NS.tls && local === "starttls") {
      this.#onStartTls();
      return;
    }
    if (ns === NS.sasl && (local === "auth" || local === "response" || local === "abort")) {
      this.#onSasl(local, el);
      return;
    }
    if (ns === NS_DIALBACK && local === "result" && el.attrs.type === undefined) {
      this.#onResult(el);
      return;
    }
    if (ns === NS_DIALBACK && local === "verify" && el.attrs.type === undefined) {
      this.#onVerify(el);
      return;
    }
    if (ns === NS_BIDI && local === "bidi") {
      this.#bidi = this.#wire.secure;
      return;
    }
    if (ns === NS.stream && local === "error") {
      this.#close();
      return;
    }
    this.streamError("unsupported-stanza-type", `<${el.name}/> in '${ns ?? ""}' is not supported here`);
  }

  #onStartTls(): void {
    if (this.#wire.secure || this.#external !== undefined) {
      // §5.4.2.2: STARTTLS no longer on offer: <failure/> and the connection closes.
      this.#send(xml("failure", { xmlns: NS.tls }));
      this.#close();
      return;
    }
    this.#send(xml("proceed", { xmlns: NS.tls }));
    // §5.4.3.1: nothing but the handshake from here (unless s2s-features-after-proceed)
    if (this.host.hooks.tls.featuresAfterProceed()) this.#send(this.#features());
    this.#phase = "header";
    this.#wire
      .startTlsServer((name) => this.host.serverTls(name))
      .then(
        (sock) => {
          // §13.7.2: a presented certificate that fails validation ends the session there.
          const cert = peerCertificate(sock);
          if (cert && chainProblem(cert, this.host.anchor, "client", this.host.hooks) !== undefined) {
            // §13.14's other reading: TLS stays, the certificate authenticates nothing (I-6120-s2s-cert-dialback)
            if (this.host.hooks.tls.dialbackOverUntrusted()) this.#untrustedPeer = true;
            else this.#wire.destroy();
          }
        },
        () => this.#wire.destroy(),
      );
  }

  #onSasl(local: "auth" | "response" | "abort", el: Element): void {
    const failure = (condition: string) => this.#send(xml("failure", { xmlns: NS.sasl }, xml(condition)));
    if (this.#external !== undefined) {
      this.streamError("not-authorized", "already authenticated");
      return;
    }
    if (local === "abort") {
      failure("aborted");
      return;
    }
    if (local === "response") {
      failure("malformed-request");
      return;
    }
    if (!this.#wire.secure) {
      failure(this.#tlsRequired() ? "encryption-required" : "invalid-mechanism");
      return;
    }
    if (el.attrs.mechanism !== "EXTERNAL" || !this.host.config.external) {
      failure("invalid-mechanism");
      return;
    }
    const text = el.getText().trim();
    const decoded = decodeBase64Strict(text);
    if (decoded === null) {
      failure("incorrect-encoding");
      return;
    }
    const authzid = decoded.toString("utf8");
    const claimed = this.#header?.peer;
    if (this.host.authHooks.refusesPlainExternal(authzid) || this.host.authHooks.refusesAuthzid(authzid)) {
      failure(authzid === "" ? "not-authorized" : "invalid-authzid");
      return;
    }
    // RFC 6120 §6.3.8: in s2s, an authzid is a domainpart, and only the stream's own 'from' may be it.
    if (authzid !== "" && authzid !== claimed && !this.host.hooks.anyAuthzid()) {
      failure("invalid-authzid");
      return;
    }
    const identity = authzid !== "" && !this.host.hooks.anyAuthzid() ? authzid : claimed;
    const cert = this.#wire.tls && peerCertificate(this.#wire.tls);
    if (!identity || !cert || this.#untrustedPeer || !namesDomain(cert, identity, this.host.hooks)) {
      failure("not-authorized");
      return;
    }
    this.#send(xml("success", { xmlns: NS.sasl }));
    this.#external = identity;
    this.#authenticated.add(identity);
    // §6.4.6: a new stream follows on the same connection.
    this.#wire.restart();
    this.#phase = "header";
  }

  // ---- dialback (XEP-0220) ----

  /** Step 3: the initiating server's key. We are the receiving server: ask the authoritative one. */
  #onResult(el: Element): void {
    const { from, to } = el.attrs;
    const reply = (type: string, condition?: DialbackCondition) =>
      this.#send(
        dialbackElement(
          "result",
          this.host.authHooks.resultReply({ from: from ?? "", to: to ?? "" }),
          type,
          this.host.authHooks.dialbackCondition(condition),
        ),
      );
    if (!this.host.config.dialback) {
      this.streamError("unsupported-stanza-type", "dialback is not offered");
      return;
    }
    const origin = domainOf(from);
    if (origin === undefined) {
      this.streamError("invalid-from", `'${from ?? ""}' is not a domain`);
      return;
    }
    // §2.4: TLS first where policy requires it (and nothing said before it about the domains served).
    if (this.#tlsRequired() && !this.#wire.secure && !this.host.hooks.streams.dialbackBeforeTls()) {
      reply("error", "policy-violation");
      return;
    }
    const target = domainOf(to);
    if (target === undefined || !this.host.domains.has(target)) {
      if (this.host.authHooks.closesOnUnknownTarget()) {
        this.streamError("host-unknown", `'${to ?? ""}' is not served here`);
        return;
      }
      reply("error", "item-not-found");
      return;
    }
    const key = el.getText().trim();
    const verdict = this.host.hooks.trustsEveryKey()
      ? Promise.resolve("valid" as const)
      : this.host.verifyKey(origin, target, this.#streamId, key);
    verdict.then(
      (v) =>
        this.#guard(() => {
          if (v === "valid") this.#authenticated.add(origin);
          if (v === "valid" || v === "invalid") reply(v);
          else reply("error", v);
          // §2.2.1: an invalid key on a stream with no other verified domain: the stream goes.
          if (v === "invalid" && this.#authenticated.size === 0) this.#close();
        }),
      () => this.#guard(() => reply("error", "internal-server-error")),
    );
  }

  /** We are the authoritative server: is this the key we sent on a stream to `from`? (XEP-0220 §2.2.2) */
  #onVerify(el: Element): void {
    const { from, to, id } = el.attrs;
    const answer = (type: string, condition?: DialbackCondition) =>
      this.#send(
        dialbackElement("verify", { from: to ?? "", to: from ?? "", id: id ?? "" }, type, condition),
      );
    const ours = domainOf(to);
    if (ours === undefined || !this.host.domains.has(ours)) {
      answer("error", "item-not-found");
      return;
    }
    if (from === undefined || id === undefined) {
      answer("error", "bad-request");
      return;
    }
    const expected = this.host.dialbackKey(from, ours, id);
    const vouched = this.host.authHooks.vouchesForAnyKey();
    answer(vouched || el.getText().trim() === expected ? "valid" : "invalid");
  }

  // ---- stanzas (RFC 6120 §8.1.1.2, §8.1.2.2) ----

  #onStanza(el: Element): void {
    const { hooks } = this.host;
    if (this.#authenticated.size === 0 && !hooks.acceptsStanzaBeforeAuth()) {
      // §4.3.5 / §4.9.3.12: nothing but negotiation before the stream is authenticated.
      this.streamError("not-authorized", "the stream is not authenticated");
      return;
    }
    if (hooks.streams.emptyToIsMalformed(el.attrs.to)) {
      this.#returnError(el, "jid-malformed");
      return;
    }
    const taken = hooks.streams.stanzaTo(el.attrs.to, this.#header?.local ?? "");
    if (taken !== undefined) el.attrs.to = taken;
    const to = tryParseJid(el.attrs.to ?? "");
    const from = tryParseJid(el.attrs.from ?? "");
    const verdict = hooks.stanzaAddressing(
      !to || !from
        ? { condition: "improper-addressing", kind: "unaddressed" }
        : !hooks.streams.fromValidated(from.domain, this.#authenticated, this.host.domains) &&
            this.#authenticated.size > 0
          ? { condition: "invalid-from", kind: "spoofed" }
          : !this.host.domains.has(to.domain)
            ? { condition: "host-unknown", kind: "foreign" }
            : undefined,
    );
    if (verdict?.drop) return;
    if (verdict) {
      this.streamError(verdict.condition, `'${el.attrs.from ?? ""}' -> '${el.attrs.to ?? ""}' refused`);
      return;
    }
    el.attrs.xmlns = NS.client;
    this.host.deliver(el);
  }

  /** A stanza error for `el` back to its sender, by way of routing (RFC 6120 §8.3.1). */
  #returnError(el: Element, condition: string): void {
    if (el.attrs.type === "error" || !el.attrs.from) return;
    const attrs = { type: "error", id: el.attrs.id, from: this.#header?.local, to: el.attrs.from };
    const err = xml("error", { type: "modify" }, xml(condition, { xmlns: NS.stanzas }));
    this.host.route(xml(el.name, attrs, err));
  }

  // ---- bidirectional use (XEP-0288 §2.2) ----

  /**
   * May a stanza from `local` to `remote` go back over this stream? Only when bidi was asked for, the
   * peer proved `remote`, and `local` is the domain the stream was opened to.
   */
  carries(local: string, remote: string): boolean {
    if (!this.#bidi || this.#phase !== "open" || this.#header?.local !== local) return false;
    const { authHooks } = this.host;
    if (authHooks.bidiBeforeAuth()) return true;
    return this.#authenticated.has(remote) || (this.#authenticated.size > 0 && authHooks.bidiAnyDomain());
  }

  /** A stanza to the peer over this (bidirectional) stream, in its default namespace 'jabber:server'. */
  sendStanza(stanza: Element): void {
    delete stanza.attrs.xmlns;
    this.#send(stanza);
  }

  // ---- closing ----

  /** §4.9.1.1: header (if not out yet), <stream:error/>, closing tag, orderly close. */
  streamError(condition: StreamCondition, text?: string): void {
    if (this.#phase === "closed") return;
    if (!this.#headerSent) this.#sendHeader();
    this.#send(streamErrorElement(condition, text, false));
    this.#close();
  }

  #close(): void {
    if (this.#phase === "closed" && this.#wire.closed) return;
    this.#phase = "closed";
    clearTimeout(this.#timer);
    this.#wire.close();
  }

  /** Server shutdown (§4.9.3.20). */
  shutdown(): void {
    this.streamError("system-shutdown", "the server is stopping");
  }

  destroy(): void {
    this.#wire.destroy();
  }
}

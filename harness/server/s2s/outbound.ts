// One outbound server-to-server stream of the reference server, as initiating server (RFC 6120 §4-§6;
// XEP-0178; XEP-0220): resolve through the hook, connect, open a 'jabber:server' stream, STARTTLS with the
// peer's certificate checked against the CA and the domain (§13.7.2), then SASL EXTERNAL when offered and
// usable, else dialback. `purpose: "verify"` stops after TLS: the receiving server's connection to an
// authoritative server (XEP-0220 §2.2.2), which needs no authentication.
import net from "node:net";
import type tls from "node:tls";
import { NS_DIALBACK, NS_DIALBACK_FEATURE } from "../../s2s/ns.ts";
import { type Element, NS, xml } from "../../xml/element.ts";
import { streamFooter, streamHeader } from "../../xml/serialize.ts";
import { qualify } from "../first-level.ts";
import { isLoopbackHost } from "../listeners.ts";
import { chainProblem, namesDomain, peerCertificate } from "./certs.ts";
import { dialbackElement } from "./dialback.ts";
import { dialDirectTls } from "./direct-tls.ts";
import type { S2sHost } from "./host.ts";
import type { S2sAddress } from "./options.ts";
import { parseRedirect } from "./redirect.ts";
import { Wire } from "./wire.ts";

/** Successive <see-other-host/> redirects followed (§4.9.3.19: "at least 2 but no more than 5"). */
const MAX_REDIRECTS = 3;

/** Where it failed: the domain did not resolve, no TCP connection, or no authenticated stream. */
export type DialFailure = "resolve" | "connect" | "negotiate" | "refused";

export class DialError extends Error {
  constructor(
    readonly stage: DialFailure,
    message: string,
  ) {
    super(message);
  }
}

export interface OutboundEvents {
  /** A first-level element after the stream is ready (dialback answers on a verify stream). */
  element?(el: Element): void;
  /** The stream is gone (after ready, or not). */
  closed?(): void;
}

export class OutboundStream {
  #wire: Wire | undefined;
  #streamId = "";
  #dialbackDeclared = false;
  #authenticated = false;
  #externalTried = false;
  /** The peer's certificate failed validation and we went on anyway (s2s-dialback-over-untrusted-cert). */
  #untrusted = false;
  /** The features of the current stream (EXTERNAL's failure falls back to what they offered). */
  #features: Element | undefined;
  /** The first features of the connection, kept only for s2s-keeps-pre-tls-features. */
  #firstFeatures: Element | undefined;
  #ready = false;
  /** Where the current connection goes, and how many <see-other-host/> in a row sent it there. */
  #where: S2sAddress | undefined;
  #redirects = 0;
  /** The initial header's 'to': the remote domain, whatever host a redirect reached (§4.9.3.19). */
  #headerTo: string;
  #settle!: { resolve: () => void; reject: (e: DialError) => void };
  #deadline: NodeJS.Timeout | undefined;
  /** Resolves once stanzas may go (authenticated; for "verify", once TLS is in place); rejects with a DialError. */
  readonly ready: Promise<void>;

  constructor(
    private readonly host: S2sHost,
    readonly local: string,
    readonly remote: string,
    private readonly purpose: "route" | "verify",
    private readonly events: OutboundEvents = {},
  ) {
    this.#headerTo = remote;
    this.ready = new Promise((resolve, reject) => (this.#settle = { resolve, reject }));
    this.ready.catch(() => {});
    this.#deadline = setTimeout(
      () => this.#fail("negotiate", "no authenticated stream in time"),
      host.config.timeouts.negotiateMs,
    );
    this.#start().catch((err) => this.#fail("negotiate", (err as Error).message));
  }

  get isReady(): boolean {
    return this.#ready;
  }

  async #start(): Promise<void> {
    const where = await this.#resolve(this.remote);
    if (this.#wire || this.#deadline === undefined || !where) return;
    this.#connect(where);
  }

  /** Where `name`'s server lives (§3.2); undefined (and the stream failed) when nowhere on loopback. */
  async #resolve(name: string): Promise<S2sAddress | undefined> {
    const where = await this.host.config.resolve(name);
    if (!where) {
      this.#fail("resolve", `'${name}' does not resolve`);
      return undefined;
    }
    // Nothing leaves loopback: an address elsewhere counts as no address.
    if (!isLoopbackHost(where.host)) {
      this.#fail("resolve", `'${name}' resolves off loopback (${where.host})`);
      return undefined;
    }
    return where;
  }

  #connect(where: S2sAddress): void {
    this.#where = where;
    const direct = where.directTls
      ? dialDirectTls(where, this.remote, this.host.clientTls(this.local, this.remote), this.host.hooks)
      : undefined;
    const socket = direct ?? net.connect({ host: where.host, port: where.port });
    const timer = setTimeout(() => socket.destroy(), this.host.config.timeouts.connectMs);
    let connected = false;
    socket.once(direct ? "secureConnect" : "connect", () => {
      clearTimeout(timer);
      connected = true;
      if (direct) {
        wire.tls = direct;
        if (!this.#tlsAccepted(direct)) return;
      }
      this.#openStream();
    });
    const wire = new Wire(socket, {
      header: (el) => this.#onHeader(el),
      element: (el) => this.#onElement(el),
      end: () => this.close(),
      finding: () => wire.destroy(),
      closed: () => {
        clearTimeout(timer);
        if (this.#wire !== wire) return; // left for another host (a redirect)
        if (!connected) this.#fail("connect", `no connection to ${where.host}:${where.port}`);
        else this.#fail("negotiate", "the stream closed before it was ready");
        this.events.closed?.();
      },
    });
    this.#wire = wire;
  }

  /**
   * §4.9.3.19: reconnect where <see-other-host/> points (an address as it is, an FQDN resolved), with the
   * same 'to' and the same certificate checks (all keyed on `remote`). Followed only over TLS (the §4.9.3.19
   * policy of following only an authenticated host) and at most MAX_REDIRECTS times in a row.
   */
  async #redirect(text: string): Promise<void> {
    const { streams } = this.host.hooks;
    const r = parseRedirect(text);
    const prev = this.#where;
    this.#redirects += 1;
    if (!r || !prev || !this.#wire?.secure || !streams.followsRedirect(this.#redirects, MAX_REDIRECTS)) {
      this.#fail("refused", `<see-other-host>${text}</see-other-host> not followed`);
      return;
    }
    const old = this.#wire;
    this.#wire = undefined;
    old.destroy();
    this.#streamId = "";
    this.#dialbackDeclared = false;
    this.#authenticated = false;
    this.#externalTried = false;
    this.#features = undefined;
    if (!r.ip) this.#headerTo = streams.redirectTo(this.remote, r.host);
    let where: S2sAddress | undefined;
    if (r.ip) where = { host: r.host, port: r.port ?? (r.host === prev.host ? prev.port : 5269) };
    else if (streams.redirectUnresolved()) where = prev;
    else {
      const found = await this.#resolve(r.host);
      where = found && { ...found, port: r.port ?? found.port };
    }
    if (!where || this.#deadline === undefined) return;
    if (!isLoopbackHost(where.host)) {
      this.#fail("connect", `redirected off loopback (${where.host})`);
      return;
    }
    this.#connect(where);
  }

  #send(el: Element): void {
    this.#wire?.send(el);
  }

  #openStream(): void {
    const attrs = {
      xmlns: NS.server,
      "xmlns:stream": NS.stream,
      "xmlns:db": NS_DIALBACK,
      from: this.local,
      to: this.#headerTo,
      version: "1.0",
      "xml:lang": "en",
    };
    const { hooks } = this.host;
    this.#wire?.send(streamHeader(hooks.headerAttrs(hooks.streams.initialHeader(attrs), false)));
  }

  #onHeader(el: Element): void {
    this.#streamId = el.attrs.id ?? "";
    this.#dialbackDeclared = el.attrs["xmlns:db"] === NS_DIALBACK;
  }

  #onElement(el: Element): void {
    const { local, ns } = qualify(el, false);
    if (this.#ready && this.purpose === "verify") {
      this.events.element?.(el);
      return;
    }
    if (ns === NS.stream && local === "features") {
      this.#onFeatures(el);
      return;
    }
    if (ns === NS.tls && local === "proceed") {
      this.#onProceed();
      return;
    }
    if (ns === NS.tls && local === "failure") {
      this.#fail("negotiate", "STARTTLS failed");
      return;
    }
    if (ns === NS.sasl && local === "success") {
      this.#onSaslSuccess();
      return;
    }
    if (ns === NS.sasl && local === "failure") {
      const condition = el.getChildElements().find((c) => c.name !== "text")?.name;
      if (this.host.authHooks.failureIsSuccess(condition)) this.#onSaslSuccess();
      else this.#authenticate(undefined, true);
      return;
    }
    if (ns === NS_DIALBACK && local === "result") {
      this.#onResult(el);
      return;
    }
    if (ns === NS.stream && local === "error") {
      const other = el.getChild("see-other-host", NS.streams);
      if (other && this.purpose === "route") {
        void this.#redirect(other.getText());
        return;
      }
      const condition = el.children.find((c) => typeof c !== "string")?.toString() ?? "";
      const refused = /host-unknown|not-authorized|policy-violation/.test(condition);
      this.#fail(refused ? "refused" : "negotiate", `stream error ${condition}`);
      return;
    }
  }

  #onFeatures(features: Element): void {
    this.#features = features;
    this.#firstFeatures ??= features;
    const wire = this.#wire;
    if (!wire) return;
    const { config, hooks } = this.host;
    if (hooks.sendsBeforeAuth() && this.purpose === "route") this.#becomeReady();
    const starttls = features.getChild("starttls", NS.tls);
    // s2s-skip-tls ignores any offer; s2s-ignore-offered-tls one without <required/>
    const skip = hooks.skipsTls() || (hooks.tls.ignoresOfferedTls() && !starttls?.getChild("required"));
    // XEP-0368 §3: no STARTTLS over direct TLS (s2s-direct-tls-starttls sends it anyway)
    const again = wire.secure && this.#where?.directTls && hooks.directTls.sendsStarttls();
    if ((!wire.secure && starttls && !skip) || again) {
      this.#send(xml("starttls", { xmlns: NS.tls }));
      // §5.3.4: SASL only once TLS is complete (s2s-auth-before-tls pipelines EXTERNAL behind <starttls/>)
      if (hooks.tls.authBeforeTls()) this.#send(xml("auth", { xmlns: NS.sasl, mechanism: "EXTERNAL" }, "="));
      return;
    }
    if (!wire.secure && config.tls === "required" && !skip) {
      this.#fail("negotiate", `'${this.remote}' offers no STARTTLS`);
      return;
    }
    if (this.purpose === "verify" || this.#authenticated) {
      this.#becomeReady();
      return;
    }
    this.#authenticate(features, false);
  }

  #onProceed(): void {
    const wire = this.#wire;
    if (!wire) return;
    wire.startTlsClient(this.host.clientTls(this.local, this.remote)).then(
      (sock) => {
        if (!this.#tlsAccepted(sock)) return;
        // §5.4.3.3: a new header over TLS, no </stream> first (unless s2s-close-before-restart)
        if (this.host.hooks.tls.closesBeforeRestart()) this.#wire?.send(streamFooter());
        this.#openStream();
      },
      () => this.#fail("negotiate", "TLS handshake failed"),
    );
  }

  /** The certificate judged after STARTTLS or direct TLS alike (XEP-0368 §3); false: the stream failed. */
  #tlsAccepted(sock: tls.TLSSocket): boolean {
    const trustsAny = this.#where?.directTls && this.host.hooks.directTls.trustsAnyCertificate();
    const problem = trustsAny ? undefined : this.#certificateProblem(sock);
    // §13.7.2: terminate; §13.14's other reading goes on with dialback alone (I-6120-s2s-cert-dialback)
    if (problem !== undefined && !this.host.hooks.tls.dialbackOverUntrusted()) {
      this.#fail("negotiate", problem);
      return false;
    }
    this.#untrusted = problem !== undefined;
    return true;
  }

  /**
   * §13.7.2 / §5.4.3.1: the receiving server's certificate chains to the CA and names its domain. A
   * dialback verification stream authenticates nobody (the key does), so its certificate is not judged:
   * dialback is what servers whose certificates do not fit rely on.
   */
  #certificateProblem(sock: tls.TLSSocket): string | undefined {
    if (this.purpose === "verify") return undefined;
    const cert = peerCertificate(sock);
    if (!cert) return "no certificate";
    const problem = chainProblem(cert, this.host.anchor, "server", this.host.hooks);
    if (problem !== undefined) return `certificate refused: ${problem}`;
    if (!namesDomain(cert, this.remote, this.host.hooks))
      return `the certificate does not name '${this.remote}'`;
    return undefined;
  }

  /** EXTERNAL when offered and usable (XEP-0178), else dialback (XEP-0220 §2.1). */
  #authenticate(features: Element | undefined, externalFailed: boolean): void {
    // §5.4.3.3: only what the peer offered over TLS counts (unless s2s-keeps-pre-tls-features)
    const offered = this.host.hooks.tls.keepsPreTlsFeatures()
      ? this.#firstFeatures
      : (features ?? this.#features);
    const { config } = this.host;
    const mechanisms = offered?.getChild("mechanisms", NS.sasl)?.getChildren("mechanism") ?? [];
    const external = mechanisms.some((m) => m.getText().trim() === "EXTERNAL");
    const usable =
      external &&
      config.external &&
      this.#wire?.secure &&
      !this.#untrusted &&
      !this.host.authHooks.prefersDialback();
    if (!externalFailed && !this.#externalTried && usable) {
      this.#externalTried = true;
      const payload = this.host.authHooks.externalPayload(this.local);
      this.#send(xml("auth", { xmlns: NS.sasl, mechanism: "EXTERNAL" }, payload));
      return;
    }
    const dialback =
      offered?.getChild("dialback", NS_DIALBACK_FEATURE) !== undefined || this.#dialbackDeclared;
    if (!config.dialback || !dialback) {
      // RFC 6120 §6.4.5: no mechanism left: close the stream rather than let it time out
      if (this.host.authHooks.idlesAfterFailure()) return;
      this.#fail("negotiate", "no usable authentication", true);
      return;
    }
    const key = this.host.dialbackKey(this.remote, this.local, this.#streamId);
    const attrs = this.host.authHooks.resultRequest({ from: this.local, to: this.remote });
    this.#send(dialbackElement("result", attrs, undefined, undefined, key));
  }

  #onSaslSuccess(): void {
    this.#authenticated = true;
    if (this.host.authHooks.skipsRestart()) {
      this.#becomeReady();
      return;
    }
    this.#wire?.restart();
    this.#openStream();
  }

  #onResult(el: Element): void {
    // XEP-0220 §2.1.1: the answer correlates with our request.
    if (el.attrs.from !== this.remote || el.attrs.to !== this.local) return;
    if (el.attrs.type === "valid") {
      this.#authenticated = true;
      this.#becomeReady();
      return;
    }
    this.#fail(el.attrs.type === "invalid" ? "refused" : "negotiate", `dialback ${el.attrs.type ?? "?"}`);
  }

  #becomeReady(): void {
    if (this.#authenticated || this.purpose === "verify") {
      clearTimeout(this.#deadline);
      this.#deadline = undefined;
    }
    if (this.#ready) return;
    this.#ready = true;
    this.#settle.resolve();
  }

  /** Give up on the stream: its closing tag first when `orderly` (§4.4), else the connection just goes. */
  #fail(stage: DialFailure, message: string, orderly = false): void {
    clearTimeout(this.#deadline);
    this.#deadline = undefined;
    if (!this.#ready) this.#settle.reject(new DialError(stage, message));
    this.#ready = false;
    if (this.#wire && !this.#wire.closed) {
      if (orderly) this.#wire.close();
      else this.#wire.destroy();
    }
  }

  /** Sends a stanza (in the stream's default namespace, 'jabber:server'; `clientNs`: a fault's 'jabber:client'). */
  send(stanza: Element, clientNs = false): void {
    if (clientNs) stanza.attrs.xmlns = NS.client;
    else delete stanza.attrs.xmlns;
    if (this.host.hooks.streams.routedFrom(stanza.attrs.from) === undefined) delete stanza.attrs.from;
    this.#send(stanza);
  }

  close(): void {
    clearTimeout(this.#deadline);
    this.#deadline = undefined;
    this.#ready = false;
    this.#wire?.close();
  }
}

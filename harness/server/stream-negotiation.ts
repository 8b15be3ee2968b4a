// STARTTLS and SASL on a client stream of the reference server (RFC 6120 §5, §6): the exchange, and the
// account the stream is authenticated as once it succeeds. The connection owns the stream and its restarts.
import type { Jid } from "../jid.ts";
import { type Element, NS, xml } from "../xml/element.ts";
import { accountJid } from "./address.ts";
import type { ConnectionServer } from "./connection-server.ts";
import type { SaslFaultHooks } from "./fault-hooks-sasl.ts";
import type { StreamFaultHooks } from "./fault-hooks-stream.ts";
import type { Link } from "./listeners.ts";
import { SaslNegotiation, type SaslOutcome } from "./sasl-step.ts";
import type { StreamCondition } from "./stream-errors.ts";

/** What the negotiation needs from its connection. */
export interface NegotiationHost {
  readonly server: ConnectionServer;
  readonly link: Link;
  readonly hooks: StreamFaultHooks;
  readonly saslHooks: SaslFaultHooks;
  domain(): string;
  /** The 'from' of the client's latest stream header. */
  clientFrom(): string | undefined;
  send(el: Element): void;
  /** <proceed/> is out: TLS starts with the byte after it (§5.4.2.3). */
  tlsProceeds(): void;
  /** <success/> is out: a new stream follows (§6.4.6). */
  saslSucceeded(): void;
  finish(reply: boolean): void;
  streamError(condition: StreamCondition, text?: string): void;
}

export class StreamNegotiation {
  #account: Jid | undefined;
  private sasl: SaslNegotiation | undefined;

  constructor(private readonly host: NegotiationHost) {}

  /** The account the stream authenticated as (RFC 6120 §6, or SASL2); set only by authenticated(). */
  get account(): Jid | undefined {
    return this.#account;
  }

  /** A new stream (a header, a restart): an unfinished SASL exchange does not carry over. */
  newStream(): void {
    this.sasl = undefined;
  }

  /** <starttls/> (RFC 6120 §5.4.2): <proceed/> when STARTTLS is on offer, else <failure/>. */
  startTls(): void {
    const { hooks, link } = this.host;
    if (hooks.startsTlsTwice(link, this.account !== undefined)) {
      // TLS cannot be layered twice, so the fault stops there.
      this.host.send(xml("proceed", { xmlns: NS.tls }));
      return;
    }
    if (link.canStartTls && !this.account && !hooks.refusesStartTls()) {
      this.host.send(xml("proceed", { xmlns: NS.tls }));
      this.host.tlsProceeds();
      return;
    }
    // §5.4.2.2 failure case, cause 2 ("the receiving entity did not offer the STARTTLS feature"): after
    // TLS, over direct TLS or WebSocket, or after authentication, STARTTLS is not on offer. The answer is
    // <failure/>, closing the stream and the connection (no stream error: §5.4.2.2 prescribes this).
    this.host.send(xml("failure", { xmlns: NS.tls }));
    if (!hooks.keepsStreamAfterTlsFailure()) this.host.finish(true);
  }

  /** An RFC 6120 §6.4 SASL element: <auth/>, <response/> or <abort/>. */
  saslElement(local: "auth" | "response" | "abort", el: Element): void {
    if (this.account) {
      // SASL is done (and no longer offered): §4.9.3.12, "not authorized to perform an action related to
      // stream negotiation".
      this.host.streamError("not-authorized", "already authenticated");
      return;
    }
    const sasl = this.exchange();
    const outcome: SaslOutcome =
      local === "auth" ? sasl.auth(el) : local === "response" ? sasl.response(el) : sasl.abort();
    if (outcome.reply) this.host.send(outcome.reply);
    if (outcome.kind === "success") {
      this.authenticated(outcome.jid);
      // §4.3.3: the old stream is replaced without a closing tag.
      this.host.saslSucceeded();
    } else if (outcome.kind === "close") {
      this.host.streamError(outcome.condition, outcome.text);
    }
  }

  /** The stream's SASL exchange (RFC 6120 §6.4; SASL2's too), created on first use. */
  exchange(): SaslNegotiation {
    const { server, link, hooks, saslHooks } = this.host;
    this.sasl ??= SaslNegotiation.forStream(
      server,
      link,
      this.host.clientFrom(),
      hooks,
      saslHooks,
      this.host.domain(),
    );
    return this.sasl;
  }

  /** The exchange succeeded for `bare`: the stream is that account's from now on. */
  authenticated(bare: string): Jid | undefined {
    this.sasl = undefined;
    this.#account = accountJid(this.host.server, bare) ?? undefined;
    return this.#account;
  }
}

// SASL negotiation on one stream (RFC 6120 §6.4): <auth/>, <response/>, <abort/> and the retry policy.
import { tryParseJid } from "../jid.ts";
import {
  createServer,
  decodeBase64Strict,
  encodeBase64,
  isMechanismName,
  type SaslCondition,
  type SaslServer,
  type ServerStep,
} from "../sasl/index.ts";
import { type Element, NS, xml } from "../xml/element.ts";
import type { ConnectionServer } from "./connection-server.ts";
import type { SaslFaultHooks } from "./fault-hooks-sasl.ts";
import type { StreamFaultHooks } from "./fault-hooks-stream.ts";
import type { Link } from "./listeners.ts";
import type { AccountStore } from "./types.ts";

/**
 * Retries after a failed attempt (RFC 6120 §6.4.5: SHOULD allow at least 2 and no more than 5). Aborts do
 * not count. An <auth/> after 1 + MAX_SASL_RETRIES failures closes the stream with <policy-violation/>
 * (the MUST of §6.4.5 for a client that exceeds the retries).
 */
export const MAX_SASL_RETRIES = 3;

export interface SaslContext {
  accounts: AccountStore;
  /** The domain the stream is served as: accounts are username@domain. */
  domain: string;
  /** SASL may not start yet (TLS is required first): <encryption-required/> (§6.5.4). */
  encryptionRequired: boolean;
  /** The client's 'from' on a TLS-protected header, for §6.4.6 correlation. */
  secureFrom?: string;
  /** What the active faults make of the negotiation. */
  hooks: SaslFaultHooks;
}

export type SaslOutcome =
  /** Send `reply` and carry on. */
  | { kind: "continue"; reply: Element }
  /** Send `reply` (<success/>), then expect a stream restart; the client is `jid`. */
  | { kind: "success"; reply: Element; jid: string }
  /** Close the stream with this stream error (after sending `reply`, when present). */
  | { kind: "close"; reply?: Element; condition: "policy-violation"; text: string };

function failure(condition: SaslCondition, text?: string): Element {
  return xml(
    "failure",
    { xmlns: NS.sasl },
    xml(condition),
    text ? xml("text", { "xml:lang": "en" }, text) : null,
  );
}

export class SaslNegotiation {
  private exchange: SaslServer | null = null;
  private failures = 0;

  private readonly hooks: SaslFaultHooks;

  constructor(private readonly ctx: SaslContext) {
    this.hooks = ctx.hooks;
  }

  /** The negotiation of a client stream: its server's accounts and TLS policy, its link, its header's 'from'. */
  static forStream(
    server: Pick<ConnectionServer, "accounts" | "tlsRequired">,
    link: Pick<Link, "canStartTls" | "secure">,
    clientFrom: string | undefined,
    streamHooks: StreamFaultHooks,
    hooks: SaslFaultHooks,
    domain: string,
  ): SaslNegotiation {
    return new SaslNegotiation({
      accounts: server.accounts,
      domain,
      encryptionRequired: server.tlsRequired && link.canStartTls && !streamHooks.saslBeforeRequiredTls(),
      secureFrom: link.secure && clientFrom?.includes("@") ? clientFrom : undefined,
      hooks,
    });
  }

  private get retriesAllowed(): number {
    return this.hooks.retriesAllowed(MAX_SASL_RETRIES);
  }

  /** The payload of <auth/> or <response/>: null = no data, undefined = bad base64. */
  private payload(el: Element): Buffer | null | undefined {
    const text = el.getText().trim();
    if (text === "") return null;
    const bent = this.hooks.payload(text);
    if (bent) return bent.data;
    return decodeBase64Strict(text) ?? undefined;
  }

  private fail(condition: SaslCondition, text?: string): SaslOutcome {
    this.exchange = null;
    this.failures++;
    return { kind: "continue", reply: failure(condition, text) };
  }

  auth(el: Element): SaslOutcome {
    if (this.failures > this.retriesAllowed) {
      return {
        kind: "close",
        condition: "policy-violation",
        text: "too many failed authentication attempts",
      };
    }
    if (this.exchange && this.hooks.refusesNewAuth()) {
      this.exchange = null;
      return { kind: "continue", reply: failure("malformed-request", "a handshake is in progress") };
    }
    // §6.4.2: a new <auth/> discards any handshake in progress.
    this.exchange = null;
    if (this.ctx.encryptionRequired) return this.fail("encryption-required", "negotiate TLS first");
    const mechanism = el.attrs.mechanism;
    if (!mechanism || !isMechanismName(mechanism) || !this.hooks.mechanisms().includes(mechanism)) {
      return this.fail(
        "invalid-mechanism",
        mechanism ? `'${mechanism}' is not offered` : "no mechanism named",
      );
    }
    const data = this.payload(el);
    if (data === undefined) return this.fail("incorrect-encoding");
    if (this.hooks.refusesAuthzid(mechanism, data)) return this.fail("invalid-authzid");
    const { accounts, domain } = this.ctx;
    this.exchange = createServer(
      mechanism,
      (username) => {
        const password = accounts.password(`${username}@${domain}`);
        return password === undefined ? undefined : { password };
      },
      { domain, acceptAnyPassword: this.hooks.acceptsAnyPassword() },
    );
    return this.step(this.exchange.start(data));
  }

  response(el: Element): SaslOutcome {
    if (!this.exchange) return this.fail("malformed-request", "no authentication handshake in progress");
    const data = this.payload(el);
    if (data === undefined) return this.fail("incorrect-encoding");
    return this.step(this.exchange.respond(data ?? Buffer.alloc(0)));
  }

  abort(): SaslOutcome {
    this.exchange = null;
    // §6.4.4: <failure><aborted/></failure>.
    return { kind: "continue", reply: failure("aborted") };
  }

  private step(step: ServerStep): SaslOutcome {
    switch (step.kind) {
      case "challenge":
        // An empty challenge is an empty element; "=" marks empty data only in <auth/> and <success/>.
        return {
          kind: "continue",
          reply: xml("challenge", { xmlns: NS.sasl }, step.data.length ? step.data.toString("base64") : null),
        };
      case "failure": {
        const out = this.fail(step.condition, step.text);
        if (this.failures > this.retriesAllowed && this.hooks.closesOnFailure()) {
          return {
            kind: "close",
            reply: (out as { reply: Element }).reply,
            condition: "policy-violation",
            text: "authentication failed",
          };
        }
        return out;
      }
      case "success": {
        this.exchange = null;
        const jid = tryParseJid(`${step.username}@${this.ctx.domain}`);
        if (!jid) return this.fail("not-authorized");
        const bare = jid.toString();
        const named = this.hooks.accountName(`${step.username}@${this.ctx.domain}`, bare);
        // §6.4.6: SHOULD correlate the authentication identity with a TLS-protected 'from'.
        if (this.ctx.secureFrom !== undefined && this.ctx.secureFrom !== bare) {
          return this.fail("not-authorized", "the stream header's 'from' names another account");
        }
        const data = step.data && step.data.length > 0 ? encodeBase64(step.data) : null;
        return { kind: "success", reply: xml("success", { xmlns: NS.sasl }, data), jid: named };
      }
    }
  }
}

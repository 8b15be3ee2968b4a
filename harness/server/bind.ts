// Resource binding (RFC 6120 §7): the <bind/> IQ, resource preparation, conflicts and retries.
import { randomBytes } from "node:crypto";
import type { Jid } from "../jid.ts";
import { type Element, NS, xml } from "../xml/element.ts";
import { boundJid, serverResource } from "./address.ts";
import type { SaslFaultHooks } from "./fault-hooks-sasl.ts";
import { iqError, iqResult } from "./iq-reply.ts";

/**
 * Retries after a failed bind (§7.7.3: SHOULD allow at least 5 and no more than 10). After the client has
 * used them up (1 + MAX_BIND_RETRIES failures) the stream is closed with <policy-violation/> (MUST).
 */
export const MAX_BIND_RETRIES = 5;

export interface BindContext {
  /** The authenticated account. */
  account: Jid;
  /** Is this resource bound by a connected session of the account? */
  inUse(resource: string): boolean;
  /** What the active faults make of binding. */
  hooks: SaslFaultHooks;
}

export type BindOutcome =
  | { kind: "bound"; jid: Jid; reply: Element }
  | { kind: "error"; reply: Element }
  | { kind: "close"; reply: Element; condition: "policy-violation"; text: string };

/** A random resourcepart (§7.6: MUST be random). */
export function randomResource(): string {
  return `xs-${randomBytes(9).toString("base64url")}`;
}

export function isBindRequest(el: Element): boolean {
  return el.name === "iq" && el.getChild("bind", NS.bind) !== undefined;
}

export class BindNegotiation {
  private failures = 0;

  constructor(private readonly ctx: BindContext) {}

  private error(req: Element, type: string, condition: string, text?: string): BindOutcome {
    this.failures++;
    const reply = iqError(req, type, condition, text);
    if (this.failures > MAX_BIND_RETRIES && !this.ctx.hooks.bindRetriesUnlimited()) {
      return { kind: "close", reply, condition: "policy-violation", text: "too many failed bind attempts" };
    }
    return { kind: "error", reply };
  }

  handle(req: Element): BindOutcome {
    if (req.attrs.type !== "set")
      return this.error(req, "modify", "bad-request", "binding is an IQ of type 'set'");
    const requestedEl = req.getChild("bind", NS.bind)?.getChild("resource");
    const requested = requestedEl?.getText() ?? "";
    let resource: string;
    if (requested === "" || this.ctx.hooks.ignoresRequestedResource()) {
      // No resource (or an empty one, which §7.7.2.1 says to process into conformance): generate one.
      resource = this.fresh();
    } else {
      try {
        resource = serverResource(this.ctx.hooks, requested);
      } catch (err) {
        // §7.7.2.1: a resourcepart that cannot be processed is <bad-request/> of type modify.
        if (!this.ctx.hooks.bindsBadResource())
          return this.error(req, "modify", "bad-request", `invalid resourcepart: ${(err as Error).message}`);
        resource = this.fresh();
      }
      // §7.7.2.2 conflict policy #1, which the RFC encourages: override the requested resourcepart with a
      // server-generated one, keeping the connected session. Nobody gets kicked (no takeover loops) and no
      // client has to handle <conflict/>.
      if (this.ctx.inUse(resource) && !this.ctx.hooks.allowsDuplicateResource()) resource = this.fresh();
    }
    const jid = boundJid(this.ctx.account, resource);
    const answered = this.ctx.hooks.boundJidText(
      jid,
      this.ctx.account,
      requestedEl ? requested : undefined,
      resource,
    );
    const reply = iqResult(req, xml("bind", { xmlns: NS.bind }, xml("jid", {}, answered)));
    return { kind: "bound", jid, reply };
  }

  private fresh(): string {
    return this.ctx.hooks.generatedResource(() => {
      let r = randomResource();
      while (this.ctx.inUse(r)) r = randomResource();
      return r;
    });
  }
}

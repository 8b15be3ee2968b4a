// Stream headers on server-to-server streams (RFC 6120 §4.7): the target's response headers at each step
// of an inbound negotiation, and what a header's address attributes must look like.
import { HarnessError } from "../../harness/errors.ts";
import { tryParseJid } from "../../harness/jid.ts";
import { authExternal, dialback, starttls } from "../../harness/peer/dialer.ts";
import type { CaseContext } from "../../harness/runner/context.ts";
import { type Element, NS } from "../../harness/xml/element.ts";

export interface InboundHeaders {
  /** The domain the harness played ('from' of its headers). */
  domain: string;
  /** The target's response headers: to the first header, after STARTTLS, after SASL EXTERNAL, as they came. */
  headers: { step: string; header: Element }[];
}

/**
 * Set-up: a stream from a fresh domain of the case, STARTTLS when offered, SASL EXTERNAL when offered (else
 * dialback, which restarts nothing); every response header the target sent on the way.
 */
export function s2sInHeaders(ctx: CaseContext): Promise<InboundHeaders> {
  return ctx.setUp("negotiate a server-to-server stream to the target, keeping its headers", async () => {
    const domain = ctx.federation.domain();
    const s = await ctx.federation.dial({ from: domain });
    const headers: InboundHeaders["headers"] = [];
    const keep = (step: string) => s.header && headers.push({ step, header: s.header });
    keep("response to the first header");
    if (s.features?.getChild("starttls", NS.tls)) {
      await starttls(s);
      keep("response after STARTTLS");
    }
    if (s.offeredMechanisms().includes("EXTERNAL")) {
      await authExternal(s);
      keep("response after SASL EXTERNAL");
    } else {
      const answer = await dialback(s);
      if (answer.attrs.type !== "valid")
        throw new HarnessError(`the target answered our valid dialback key with type='${answer.attrs.type}'`);
    }
    return { domain, headers };
  });
}

/** Is `value` a domainpart alone (a JID without localpart and resourcepart, RFC 7622)? */
export function isDomainOnly(value: string | undefined): boolean {
  if (value === undefined) return false;
  const jid = tryParseJid(value);
  return !!jid && jid.local === "" && jid.resource === "";
}

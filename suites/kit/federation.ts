// The federation scenarios' common steps (RFC 6120 s2s, XEP-0220, XEP-0178): the harness as a remote server
// of the case's own (ctx.federation), inbound (it dials the target) and outbound (the target dials it).
import { HarnessError } from "../../harness/errors.ts";
import { authExternal, dialback, starttls } from "../../harness/peer/dialer.ts";
import type { CaseContext } from "../../harness/runner/context.ts";
import type { Session } from "../../harness/session.ts";
import { NS } from "../../harness/xml/element.ts";

export interface Inbound {
  /** The authenticated jabber:server stream from the harness to the target. */
  s: Session;
  /** The domain the harness authenticated as. */
  domain: string;
  /** How it authenticated. */
  auth: "external" | "dialback";
}

/**
 * Set-up: a jabber:server stream from a fresh domain of the case to the target, STARTTLS when offered,
 * then SASL EXTERNAL when offered (XEP-0178) else Server Dialback (XEP-0220), or the method asked for.
 */
export function s2sIn(ctx: CaseContext, o: { auth?: "external" | "dialback" } = {}): Promise<Inbound> {
  return ctx.setUp("open an authenticated server-to-server stream to the target", async () => {
    const domain = ctx.federation.domain();
    const s = await ctx.federation.dial({ from: domain });
    if (s.features?.getChild("starttls", NS.tls)) await starttls(s);
    const external = s.offeredMechanisms().includes("EXTERNAL");
    const auth = o.auth ?? (external ? "external" : "dialback");
    if (auth === "external") {
      if (!external) ctx.skip("the target does not offer SASL EXTERNAL on server-to-server streams");
      await authExternal(s);
    } else {
      const answer = await dialback(s);
      if (answer.attrs.type !== "valid")
        throw new HarnessError(`the target answered our valid dialback key with type='${answer.attrs.type}'`);
    }
    return { s, domain, auth };
  });
}

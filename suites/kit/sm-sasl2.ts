// XEP-0198 §9.2 for the cases: stream resumption inlined in SASL2 (XEP-0388) <authenticate/>, with an
// XEP-0386 Bind 2 request beside it. The SKIP gate reads the <authentication/> feature of a new stream; the
// protocol steps are harness/session/sasl2.ts's.
import type { Account } from "../../harness/runner/accounts.ts";
import type { CaseContext } from "../../harness/runner/context.ts";
import {
  authenticate2,
  inlines,
  NS_BIND2,
  type Sasl2Request,
  type Sasl2Success,
  sasl2Offer,
} from "../../harness/session/sasl2.ts";
import { NS_SM } from "../../harness/session/sm.ts";
import type { Session } from "../../harness/session.ts";

export { NS_BIND2, NS_SASL2 } from "../../harness/session/sasl2.ts";

/** The client tag of the Bind 2 requests (XEP-0386 <tag/>). */
export const BIND2_TAG = "xmppspec";

/** An inline SASL2 attempt: the new stream and its <success/>. */
export interface InlineResumption {
  s: Session;
  result: Sasl2Success;
}

/**
 * A new stream of `account` (TLS as the run says) that SKIPs unless its features offer SASL2 with inline
 * stream management (and, with `bind`, inline Bind 2); then SASL2 with the inline requests of `req`.
 */
export async function sasl2Inline(
  ctx: CaseContext,
  account: Account,
  req: Sasl2Request,
  label = "sasl2",
): Promise<InlineResumption> {
  const s = await ctx.setUp(`open ${label} on a new connection`, () => ctx.openSecured({ label }));
  const offer = sasl2Offer(s.features);
  ctx.require(offer !== undefined, "the target does not offer SASL2 (XEP-0388 <authentication/>)");
  ctx.require(
    offer !== undefined && inlines(offer, "sm", NS_SM),
    "the target's SASL2 offers no inline stream management (XEP-0198 §9.2: <inline><sm/></inline>)",
  );
  if (req.bind)
    ctx.require(
      offer !== undefined && inlines(offer, "bind", NS_BIND2),
      "the target's SASL2 offers no inline Bind 2 (XEP-0386: <inline><bind xmlns='urn:xmpp:bind:0'/>)",
    );
  const result = await authenticate2(s, { username: account.username, password: account.password }, req);
  return { s, result };
}

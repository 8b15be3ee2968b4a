// The outbound federation steps (RFC 6120 s2s, the target as initiating server): a local user sends to a
// fresh domain of the case, the target opens a stream to the harness, which answers it per the listener's
// policy and keeps every initial header the target sent (PeerStream.headers).

import type { PeerStream } from "../../harness/peer/stream.ts";
import type { CaseContext } from "../../harness/runner/context.ts";
import type { Client } from "../../harness/runner/users.ts";
import type { Element } from "../../harness/xml/element.ts";
import { message, uid } from "./stanzas.ts";

export interface Outbound {
  /** The target's stream to the harness (served by the listener: TLS, EXTERNAL or dialback). */
  ps: PeerStream;
  /** The fresh domain the harness played for this case. */
  domain: string;
  /** The first stanza `user` sent, as the harness received it; rejects when it never came. */
  arrived: Promise<Element>;
}

/**
 * Set-up: `user` sends `stanzas(domain)` (default: one chat message to someone@domain); the target's
 * stream to the fresh domain is claimed and served. Resolves once the stream's header arrived; the first
 * stanza's arrival is `arrived` (matched by its id).
 */
export async function s2sOut(
  ctx: CaseContext,
  user: Client,
  stanzas: (domain: string) => Element[] = (d) => [message(`someone@${d}`, "hello", { id: `out-${uid()}` })],
): Promise<Outbound> {
  const domain = ctx.federation.domain();
  // a header without 'to' names no domain: the listener hands it to a claim of "" (RFC 6120 §4.7.2 judges it)
  const claimed = Promise.race([ctx.federation.claim(domain), ctx.federation.claim("")]);
  const sent = stanzas(domain);
  const id = sent[0]?.attrs.id;
  const ps = await ctx.setUp(`${user.bare} sends to ${domain}; the target opens a stream to it`, async () => {
    for (const s of sent) await user.send(s);
    return claimed;
  });
  void ctx.federation.listener.serve(ps);
  const arrived = ctx.federation.listener.expect(domain, (el) => el.attrs.id === id);
  arrived.catch(() => {});
  return { ps, domain, arrived };
}

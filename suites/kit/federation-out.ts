// The outbound federation steps (RFC 6120 s2s, the target as initiating server): a local user sends to a
// fresh domain of the case, the target opens a stream to the harness, which drives it (claimed) or answers
// it per the listener's policy (served), and keeps every initial header the target sent (PeerStream.headers).
import type { PeerStream } from "../../harness/peer/stream.ts";
import { publishXmppDomain } from "../../harness/resolve/publish.ts";
import type { CaseContext } from "../../harness/runner/context.ts";
import type { Client } from "../../harness/runner/users.ts";
import { type Element, NS, xml } from "../../harness/xml/element.ts";
import { message, uid } from "./stanzas.ts";

export interface Claimed {
  /** The target's stream to the harness, nothing sent on it yet. */
  ps: PeerStream;
  /** The fresh domain the harness plays for this case. */
  domain: string;
  /** What the user sent (to the domain). */
  sent: Element[];
}

export interface Outbound extends Claimed {
  /** The first stanza the user sent, as the harness received it; rejects when it never came. */
  arrived: Promise<Element>;
  /** Resolves when the served stream has ended (whoever closed it). */
  ended: Promise<void>;
}

/**
 * Publish only `_xmpp-server._tcp.<domain>` for a domain of the case (no XEP-0368 `_xmpps-server`), so the
 * target reaches it over STARTTLS (RFC 6120 §5) every time rather than by a random pick between the two.
 */
export function startTlsOnly(ctx: CaseContext, domain: string): void {
  const { dns, listener } = ctx.federation;
  if (dns) publishXmppDomain(dns, domain, { starttls: listener.endpoint.port });
}

const oneMessage = (d: string) => [message(`someone@${d}`, "hello", { id: `out-${uid()}` })];

/**
 * Set-up: `user` sends `stanzas(domain)` (default: one chat message to someone@domain) and the target's
 * stream to the fresh domain (reached over STARTTLS: startTlsOnly) is claimed, raw, for the case to drive.
 */
export async function s2sOutClaimed(
  ctx: CaseContext,
  user: Client,
  stanzas: (domain: string) => Element[] = oneMessage,
): Promise<Claimed> {
  const domain = ctx.federation.domain();
  startTlsOnly(ctx, domain);
  // a header without 'to' names no domain: the listener hands it to a claim of "" (RFC 6120 §4.7.2 judges it)
  const claimed = Promise.race([ctx.federation.claim(domain), ctx.federation.claim("")]);
  const sent = stanzas(domain);
  const ps = await ctx.setUp(`${user.bare} sends to ${domain}; the target opens a stream to it`, async () => {
    for (const s of sent) await user.send(s);
    return claimed;
  });
  return { ps, domain, sent };
}

/** As s2sOutClaimed, the stream then served by the listener; `arrived` is the first stanza's arrival (by id). */
export async function s2sOut(
  ctx: CaseContext,
  user: Client,
  stanzas: (domain: string) => Element[] = oneMessage,
): Promise<Outbound> {
  const c = await s2sOutClaimed(ctx, user, stanzas);
  const ended = ctx.federation.listener.serve(c.ps);
  const id = c.sent[0]?.attrs.id;
  const arrived = ctx.federation.listener.expect(c.domain, (el) => el.attrs.id === id);
  arrived.catch(() => {});
  return { ...c, arrived, ended };
}

/**
 * Our side of a claimed stream up to TLS: our header, then (unless the target came over direct TLS,
 * XEP-0368) <starttls><required/></starttls>, the handshake (a set-up step) and our header again. When
 * the target sends something `stop` picks instead of <starttls/> (a stanza, say), returns it, TLS not done.
 */
export async function claimedToTls(
  ctx: CaseContext,
  ps: PeerStream,
  stop: (el: Element) => boolean = () => false,
): Promise<Element | undefined> {
  await ps.sendHeader();
  if (ps.tls) return undefined;
  await ps.sendFeatures(xml("starttls", { xmlns: NS.tls }, xml("required")));
  const first = await ps.expect((el) => stop(el) || el.name === "starttls");
  if (stop(first)) return first;
  await ctx.setUp("TLS with the target", () => ps.proceedTls());
  await ps.sendHeader();
  return undefined;
}

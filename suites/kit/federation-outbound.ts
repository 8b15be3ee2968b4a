// Outbound authentication steps (the target as initiating server, the harness as receiving server of a
// domain of the case): a local user's stanza makes the target connect; the harness answers the header,
// negotiates TLS, offers the authentication the case wants, and hands over what the target sends next.
import { NS_DIALBACK, NS_DIALBACK_FEATURE } from "../../harness/peer/index.ts";

/** A <db:verify/> question (no type yet), XEP-0220 §2.1.2. */
export { isVerifyRequest } from "../../harness/peer/verify.ts";
export { NS_BIDI, NS_BIDI_FEATURE } from "../../harness/s2s/ns.ts";
export { NS_DIALBACK, NS_DIALBACK_FEATURE };

import type { PeerStream } from "../../harness/peer/stream.ts";
import type { CaseContext } from "../../harness/runner/context.ts";
import type { Client } from "../../harness/runner/users.ts";
import { type Element, NS, xml } from "../../harness/xml/element.ts";
import { s2sOutClaimed } from "./federation-out.ts";

export interface AnsweredOutbound {
  /** The target's stream to the harness, after TLS (when it took it) and our features. */
  ps: PeerStream;
  /** The domain the harness plays here (the stream's 'to'). */
  domain: string;
  /** The local user's message that made the target connect (to someone@domain). */
  message: Element;
  /** The first element the target sent after our features: its authentication attempt, if any. */
  next: Element;
}

/** What the harness offers after TLS (RFC 6120 §4.3.2 features). */
export type Offer = "external" | "dialback" | "external+dialback";

/** The stream features for an offer: SASL EXTERNAL (XEP-0178 §3), dialback with errors (XEP-0220 §2.4). */
export function offerFeatures(offer: Offer): Element[] {
  const out: Element[] = [];
  if (offer !== "dialback") out.push(xml("mechanisms", { xmlns: NS.sasl }, xml("mechanism", {}, "EXTERNAL")));
  if (offer !== "external") out.push(xml("dialback", { xmlns: NS_DIALBACK_FEATURE }, xml("errors")));
  return out;
}

/**
 * Set-up: `user` sends a chat message to someone at a fresh domain of the case; the target's stream to it
 * is answered: our header, STARTTLS on offer (taken if the target asks), then the features of `offer`.
 */
export async function s2sOutbound(ctx: CaseContext, user: Client, offer: Offer): Promise<AnsweredOutbound> {
  const { ps, domain, sent } = await s2sOutClaimed(ctx, user, (d) => [
    xml("message", { to: `someone@${d}`, type: "chat", id: "out-1" }, xml("body", {}, "out")),
  ]);
  const next = await ctx.setUp("answer the target's stream and negotiate TLS", () => answerStream(ps, offer));
  return { ps, domain, message: sent[0], next };
}

/**
 * Answer a claimed stream as its receiving server: our header, STARTTLS on offer (taken if the target asks),
 * then the features of `offer`; resolves with the first element the target sends after them.
 */
export async function answerStream(ps: PeerStream, offer: Offer): Promise<Element> {
  // without dialback on offer, not even declared on our header (the pre-XEP-0220 §2.4 advertisement)
  const header: Record<string, string | null> = offer === "external" ? { "xmlns:db": null } : {};
  await ps.sendHeader(header);
  await ps.sendFeatures(xml("starttls", { xmlns: NS.tls }), ...offerFeatures(offer));
  const next = await ps.expect(() => true);
  if (next.getNS() !== NS.tls || next.name !== "starttls") return next;
  await ps.proceedTls();
  await ps.sendHeader(header);
  await ps.sendFeatures(...offerFeatures(offer));
  return ps.expect(() => true);
}

/** Is `el` a dialback key (<db:result/> without a type, XEP-0220 §2.1.1)? */
export function isDialbackKey(el: Element): boolean {
  return el.getNS() === NS_DIALBACK && el.name.endsWith("result") && el.attrs.type === undefined;
}

/** Is `el` a SASL <auth/> (RFC 6120 §6.4.2)? */
export function isSaslAuth(el: Element): boolean {
  return el.getNS() === NS.sasl && el.name === "auth";
}

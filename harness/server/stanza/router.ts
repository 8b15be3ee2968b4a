// Stanza routing (RFC 6120 §10, RFC 6121 §8): where a stanza goes by its 'to' address, and the shared
// helpers for bouncing stanzas back to their sender.
import { type Jid, tryParseJid } from "../../jid.ts";
import type { Element } from "../../xml/element.ts";
import { serverJid } from "../address.ts";
import type { BoundSession } from "../types.ts";
import { blockedClientStanza, presenceStanzaCut } from "./blocking-filter.ts";
import { queryClientCaps } from "./caps-presence.ts";
import type { StanzaContext } from "./context.ts";
import { isError, type StanzaCondition } from "./errors.ts";
import {
  errorAnswered,
  inDispatchOrder,
  malformedDropped,
  refusesUnknownChild,
  unreachableSilent,
} from "./fault-hooks-routing.ts";
import { clientIq, deliverIq, serveIq } from "./iq.ts";
import { clientMessage, deliverMessage } from "./messages.ts";
import { ownPresenceSeen, pepSeesPresence } from "./pep-caps.ts";
import { clientPresence, deliverPresence } from "./presence.ts";
import { cloneElement } from "./util.ts";

/** Where a 'to' address points. */
export type Target =
  | { kind: "none" } // no 'to': handled on behalf of the sender (RFC 6120 §10.3)
  | { kind: "malformed" } // not a JID (RFC 7622): jid-malformed
  | { kind: "remote"; jid: Jid } // a domain this server does not serve (§10.4)
  | { kind: "domain"; jid: Jid } // the server itself, <domainpart>[/resourcepart] (§10.5.1-2)
  | { kind: "user"; jid: Jid }; // <localpart@domainpart>[/resourcepart] at a served domain (§10.5.3-4)

export function classify(ctx: StanzaContext, to: string | undefined): Target {
  if (to === undefined) return { kind: "none" };
  const jid = serverJid(ctx.host, to);
  if (!jid) return { kind: "malformed" };
  if (!ctx.isLocalDomain(jid.domain)) return { kind: "remote", jid };
  return jid.local === "" ? { kind: "domain", jid } : { kind: "user", jid };
}

export function isRemote(ctx: StanzaContext, jid: Jid): boolean {
  return !ctx.isLocalDomain(jid.domain);
}

/** Every stanza a bound client sends (its 'from' already stamped with the full JID by the connection layer). */
export function handleClientStanza(ctx: StanzaContext, session: BoundSession, stanza: Element): void {
  // RFC 6120 §10.1: in the order received.
  for (const s of inDispatchOrder(ctx, session, stanza)) dispatchClientStanza(ctx, session, s);
}

function dispatchClientStanza(ctx: StanzaContext, session: BoundSession, stanza: Element): void {
  ctx.known.add(session);
  const target = classify(ctx, stanza.attrs.to);
  if (target.kind === "malformed" && malformedDropped(ctx)) return;
  if (blockedClientStanza(ctx, session, stanza, target)) return; // XEP-0191 §3.3
  if (refusesUnknownChild(ctx, stanza, target)) {
    bounce(ctx, session, stanza, "feature-not-implemented");
    return;
  }
  switch (stanza.getName()) {
    case "message":
      clientMessage(ctx, session, stanza, target);
      return;
    case "presence":
      clientPresence(ctx, session, stanza, target);
      queryClientCaps(ctx, session, stanza);
      if (target.kind === "none") ownPresenceSeen(ctx, session, stanza); // XEP-0163 §4: the owner's resources
      return;
    case "iq":
      clientIq(ctx, session, stanza, target);
      return;
    default:
      // Not a stanza (stream management, etc.): the connection layer's business, not ours.
      return;
  }
}

/**
 * Hands a stanza to the s2s seam; on failure the sending client gets remote-server-not-found
 * (RFC 6120 §10.4.3), unless the stanza is itself an error.
 */
export function routeRemote(ctx: StanzaContext, stanza: Element, session?: BoundSession): boolean {
  if (ctx.options.routeRemote?.(cloneElement(stanza))) return true;
  if (session && !isError(stanza) && !unreachableSilent(ctx)) {
    session.send(ctx.error(stanza, "remote-server-not-found"));
  }
  return false;
}

/** Routes a stanza the server generated (or relays) by its 'to': local delivery, or the s2s seam quietly. */
export function routeFromServer(ctx: StanzaContext, stanza: Element): void {
  const to = tryParseJid(stanza.attrs.to ?? "");
  if (!to || presenceStanzaCut(ctx, stanza)) return; // XEP-0191 §3.3
  if (isRemote(ctx, to)) ctx.options.routeRemote?.(cloneElement(stanza));
  else deliverLocal(ctx, stanza);
}

/** Local delivery of a stanza whose 'to' is at a served domain (inbound processing, RFC 6121 §8.4-8.5). */
export function deliverLocal(ctx: StanzaContext, stanza: Element): void {
  const to = tryParseJid(stanza.attrs.to ?? "");
  if (!to) return;
  if (to.local === "") {
    toServer(ctx, stanza, to);
    return;
  }
  switch (stanza.getName()) {
    case "message":
      deliverMessage(ctx, stanza, to);
      return;
    case "presence":
      if (to.isBare) pepSeesPresence(ctx, to, stanza); // XEP-0163 §4.3.4: a contact's presence reaches PEP
      deliverPresence(ctx, stanza, to);
      return;
    case "iq":
      deliverIq(ctx, stanza, to);
      return;
  }
}

/** A relayed (not client-sent) stanza for the server itself. */
function toServer(ctx: StanzaContext, stanza: Element, to: Jid): void {
  const name = stanza.getName();
  if (name === "iq" && (stanza.attrs.type === "get" || stanza.attrs.type === "set")) {
    if (stanza.attrs.id === undefined) {
      bounce(ctx, undefined, stanza, "bad-request");
      return;
    }
    if (!to.isBare) {
      bounce(ctx, undefined, stanza, "service-unavailable");
      return;
    }
    serveIq(ctx, stanza, "server", (reply) => routeFromServer(ctx, reply));
    return;
  }
  if (name === "message") bounce(ctx, undefined, stanza, "service-unavailable");
}

/**
 * Bounces `stanza` with an error to its sender: straight to the client session when it came from one,
 * else routed to its 'from'. Error stanzas are never answered with errors (RFC 6120 §8.3.1 rule 8).
 * A malformed 'to' cannot be the error's 'from' (§8.3.1 rule 2): the server's domain speaks instead.
 */
export function bounce(
  ctx: StanzaContext,
  session: BoundSession | undefined,
  stanza: Element,
  condition: StanzaCondition,
  target?: Target,
): void {
  if (isError(stanza)) {
    dropError(ctx, session, stanza);
    return;
  }
  const from = target?.kind === "malformed" && session ? session.jid.domain : undefined;
  const reply = ctx.error(stanza, condition, from === undefined ? {} : { from });
  if (session) session.send(reply);
  else routeFromServer(ctx, reply);
}

/** An error stanza the server will not act on is dropped (RFC 6120 §8.3.1 rule 8). */
export function dropError(ctx: StanzaContext, session: BoundSession | undefined, stanza: Element): void {
  errorAnswered(ctx, session, stanza);
}

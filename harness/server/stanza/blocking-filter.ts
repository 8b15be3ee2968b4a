// Where a blocklist (XEP-0191 §3.3) stops stanzas: the user's own stanzas to a blocked JID are refused with
// <not-acceptable/> and <blocked/>; a blocked JID's stanzas to the user are refused or dropped by kind; the
// presence the server generates between the two is cut. Never between the user's own resources (§5).
import { type Jid, tryParseJid } from "../../jid.ts";
import { type Element, xml } from "../../xml/element.ts";
import type { BoundSession } from "../types.ts";
import { blockStore } from "./blocking-store.ts";
import type { StanzaContext } from "./context.ts";
import {
  blockedChildOmitted,
  blocklistLostOnLogin,
  inboundBent,
  matchingBent,
  outboundRouted,
  ownResourcesBlocked,
  presenceNotCut,
} from "./fault-hooks-blocking.ts";
import { bounce, dropError, type Target } from "./router.ts";

const NS_BLOCKING_ERRORS = "urn:xmpp:blocking:errors";

/** Does `account`'s blocklist hold an item matching `jid`? (§5: one's own resources never match.) */
function blocks(ctx: StanzaContext, account: Jid, jid: Jid): boolean {
  if (jid.bare().equals(account) && !ownResourcesBlocked(ctx)) return false;
  return blockStore(ctx).match(account, jid, matchingBent(ctx)) !== undefined;
}

/**
 * A stanza from a local client, before routing: refused or dropped here (true) when the sender blocked its
 * 'to', or its local recipient blocked the sender. Stanzas to the server itself are never held.
 */
export function blockedClientStanza(
  ctx: StanzaContext,
  session: BoundSession,
  stanza: Element,
  target: Target,
): boolean {
  const store = blockStore(ctx);
  if (!store.seen.has(session)) {
    store.seen.add(session);
    if (blocklistLostOnLogin(ctx)) store.clear(session.jid.bare());
  }
  if (target.kind !== "user" && target.kind !== "remote") return false;
  if (blocks(ctx, session.jid.bare(), target.jid) && !outboundRouted(ctx)) {
    refuseOutbound(ctx, session, stanza);
    return true;
  }
  return target.kind === "user" && blockedInbound(ctx, stanza, target.jid, session.jid, session);
}

/** A stanza from another server for a local user: held when the user blocked its sender. */
export function blockedFromRemote(ctx: StanzaContext, stanza: Element): boolean {
  const to = tryParseJid(stanza.attrs.to ?? "");
  const from = tryParseJid(stanza.attrs.from ?? "");
  if (!to || !from || to.local === "") return false;
  return blockedInbound(ctx, stanza, to, from);
}

/** Presence the server generates (broadcasts, probe answers) between a user and a JID one side blocked. */
export function presenceCut(ctx: StanzaContext, from: Jid, to: Jid): boolean {
  if (presenceNotCut(ctx)) return false;
  const local = (j: Jid) => j.local !== "" && ctx.exists(j.bare());
  return (local(from) && blocks(ctx, from.bare(), to)) || (local(to) && blocks(ctx, to.bare(), from));
}

/** presenceCut for a stanza on its way out of routeFromServer. */
export function presenceStanzaCut(ctx: StanzaContext, stanza: Element): boolean {
  if (stanza.getName() !== "presence") return false;
  const from = tryParseJid(stanza.attrs.from ?? "");
  const to = tryParseJid(stanza.attrs.to ?? "");
  return !!from && !!to && presenceCut(ctx, from, to);
}

/** §3.3: "MUST NOT route the stanza ... MUST return a <not-acceptable/> error" with <blocked/>. */
function refuseOutbound(ctx: StanzaContext, session: BoundSession, stanza: Element): void {
  // errors are never answered (RFC 6120 §8.3.1 rule 8), nor IQ responses (§8.2.3 rule 4)
  const type = stanza.attrs.type;
  if (type === "error" || (stanza.getName() === "iq" && type === "result")) {
    dropError(ctx, session, stanza);
    return;
  }
  const reply = ctx.error(stanza, "not-acceptable");
  if (!blockedChildOmitted(ctx))
    reply.getChild("error")?.append(xml("blocked", { xmlns: NS_BLOCKING_ERRORS }));
  session.send(reply);
}

/**
 * §3.3's rules for a stanza from a JID `account` blocked: presence dropped without a word, messages
 * refused with <service-unavailable/>, IQ requests refused, IQ responses dropped. False: not blocked.
 */
function blockedInbound(
  ctx: StanzaContext,
  stanza: Element,
  to: Jid,
  from: Jid,
  session?: BoundSession,
): boolean {
  const account = to.bare();
  if (!ctx.exists(account) || !blocks(ctx, account, from)) return false;
  const name = stanza.getName();
  const type = stanza.attrs.type;
  const kind =
    name === "presence"
      ? "presence"
      : name === "message"
        ? "message"
        : type === "get" || type === "set"
          ? "request"
          : "response";
  const bent = inboundBent(ctx, kind);
  if (bent === "deliver") return false;
  if (bent) {
    bounce(ctx, session, stanza, bent);
    return true;
  }
  if (kind === "message" || kind === "request") bounce(ctx, session, stanza, "service-unavailable");
  return true;
}

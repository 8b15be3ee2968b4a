// Messages (RFC 6121 §5, and the delivery rules of §8.5 summarised in its Table 1).
//
// Where the RFC lets the server choose, this server:
// - bounces normal, chat and groupchat messages to an account that does not exist with
//   service-unavailable and ignores headline (§8.5.1, Table 1 "S/E" -> E, headline "S");
// - stores normal and chat messages for a bare JID without a non-negative available resource (O), and
//   chat messages for a full JID that matches no resource (§8.5.3.2.1: treated like the bare JID);
// - bounces normal and groupchat messages for an unmatched full JID, ignores headline (§8.5.3.2.1 S/E);
// - gives a bare-JID normal or chat message to every resource with the highest non-negative priority (M).
import type { Jid } from "../../jid.ts";
import type { Element } from "../../xml/element.ts";
import type { BoundSession } from "../types.ts";
import { copyReceived, copySent } from "./carbons.ts";
import type { StanzaContext } from "./context.ts";
import type { StanzaCondition } from "./errors.ts";
import { carbonBounceForwarded, forgedCarbonFrom } from "./fault-hooks-carbons.ts";
import {
  bareMessageDropped,
  bentMessage,
  chatMisrouted,
  fullJidMessageDropped,
  groupchatKept,
  headlineDropped,
  headlineStored,
  leakToBystanders,
  negativePriorityKept,
  noToDropped,
  readdressed,
  unknownAccountCondition,
  unmatchedCondition,
  untypedAsHeadline,
  wrongResourceChosen,
} from "./fault-hooks-messages.ts";
import { offlineRefusal } from "./fault-hooks-routing.ts";
import { archiveReceived, archiveSent } from "./mam-archiving.ts";
import { storeOffline } from "./offline.ts";
import { bounce, dropError, routeFromServer, routeRemote, type Target } from "./router.ts";

type MessageType = "normal" | "chat" | "groupchat" | "headline" | "error";

/** §5.2.2: no 'type', or one the server does not understand, means "normal". */
export function messageType(stanza: Element): MessageType {
  const t = stanza.attrs.type;
  return t === "chat" || t === "groupchat" || t === "headline" || t === "error" ? t : "normal";
}

/** A message from a local client. */
export function clientMessage(
  ctx: StanzaContext,
  session: BoundSession,
  stanza: Element,
  target: Target,
): void {
  const type = messageType(stanza);
  archiveSent(ctx, session, stanza, target); // XEP-0313 §6.1.1
  forgedCarbonFrom(ctx, stanza, target);
  carbonBounceForwarded(ctx, stanza);
  switch (target.kind) {
    case "none":
      // RFC 6120 §10.3.1: as if addressed to the sender's bare JID.
      if (noToDropped(ctx)) return;
      deliverMessage(ctx, stanza, session.jid.bare(), session);
      return;
    case "malformed":
      bounce(ctx, session, stanza, "jid-malformed", target);
      return;
    case "remote":
      if (type === "error") routeFromServer(ctx, stanza);
      else routeRemote(ctx, stanza, session);
      copySent(ctx, session, stanza); // XEP-0280 §8
      return;
    case "domain":
      // RFC 6120 §10.5.1-2: the server has no use for messages, so it returns an error (option b).
      if (type === "error") dropError(ctx, session, stanza);
      else bounce(ctx, session, stanza, "service-unavailable");
      return;
    case "user":
      deliverMessage(ctx, stanza, target.jid, session);
      copySent(ctx, session, stanza); // XEP-0280 §8
      return;
  }
}

/**
 * The resources a bare-JID message may go to (§8.5.2.1.1): `all` = every available resource with a
 * non-negative priority, `most` = those of them with the highest priority ("most available").
 */
function candidates(ctx: StanzaContext, account: Jid): { all: BoundSession[]; most: BoundSession[] } {
  const available = ctx.available(account);
  const chosen = wrongResourceChosen(ctx, available);
  if (chosen) return { all: chosen, most: chosen };
  const all = negativePriorityKept(ctx) ? available : available.filter((s) => s.priority >= 0);
  const top = Math.max(...all.map((s) => s.priority));
  return { all, most: all.filter((s) => s.priority === top) };
}

/** A message for `to`, a JID with a localpart at a served domain (RFC 6121 §8.5). */
export function deliverMessage(ctx: StanzaContext, stanza: Element, to: Jid, session?: BoundSession): void {
  const type = untypedAsHeadline(ctx, stanza) ? "headline" : messageType(stanza);
  const account = to.bare();
  if (!ctx.exists(account)) {
    // §8.5.1 and RFC 6120 §10.5.3.1: ignore or service-unavailable; headline and error are ignored.
    if (type === "error") {
      dropError(ctx, session, stanza);
      return;
    }
    const wrong = unknownAccountCondition(ctx);
    if (wrong) {
      bounce(ctx, session, stanza, wrong);
      return;
    }
    if (type === "headline") return;
    bounce(ctx, session, stanza, "service-unavailable");
    return;
  }
  if (!to.isBare) {
    // §8.5.3.1: a connected resource that matches gets the message, whatever its type or priority.
    const match = ctx.session(to);
    if (match) {
      if (!fullJidMessageDropped(ctx)) deliverTo(ctx, [match], stanza, account);
      return;
    }
    // §8.5.3.2.1: no match.
    if (type === "error") {
      dropError(ctx, session, stanza);
      return;
    }
    const wrong: StanzaCondition | undefined = unmatchedCondition(ctx, type);
    if (wrong) {
      bounce(ctx, session, stanza, wrong);
      return;
    }
    if (type === "headline") return;
    if (type !== "chat") {
      bounce(ctx, session, stanza, "service-unavailable");
      return;
    }
    if (chatMisrouted(ctx, account, stanza)) return;
    // chat continues as if sent to the bare JID.
  }
  // §8.5.2.1.1 / §8.5.2.2.1: errors to a bare JID are silently ignored ...
  if (type === "error") {
    dropError(ctx, session, stanza);
    return;
  }
  // ... groupchat to a bare JID MUST be bounced, never delivered.
  if (type === "groupchat" && !groupchatKept(ctx, account)) {
    bounce(ctx, session, stanza, "service-unavailable");
    return;
  }
  const { all, most } = candidates(ctx, account);
  if (type === "headline") {
    // §5.2.2 / §8.5.2.1.1: every non-negative resource; none: silently ignored (§8.5.2.2.1).
    if (all.length > 0) {
      if (!headlineDropped(ctx)) deliverTo(ctx, all, stanza, account);
    } else if (headlineStored(ctx)) storeOffline(ctx, account, stanza);
    return;
  }
  if (most.length > 0) {
    if (to.isBare && bareMessageDropped(ctx)) return;
    deliverTo(ctx, most, stanza, account);
    return;
  }
  // §8.5.2.1.1 first rule and §8.5.2.2.1: no non-negative available resource: offline storage, or an
  // error when the store is full. The 'to' is kept as addressed (§8.5.2.1.1: never rewritten).
  if (!storeOffline(ctx, account, archiveReceived(ctx, account, stanza, 1)))
    bounce(ctx, session, stanza, offlineRefusal(ctx) ?? "service-unavailable");
}

/** Hands copies to the chosen resources, the 'to' kept as addressed (§8.5.2.1.1). */
function deliverTo(ctx: StanzaContext, sessions: BoundSession[], original: Element, account: Jid): void {
  const stanza = archiveReceived(ctx, account, bentMessage(ctx, original), sessions.length);
  for (const s of sessions) ctx.sendMessage(s, readdressed(ctx, stanza, s));
  leakToBystanders(ctx, stanza, account);
  copyReceived(ctx, account, sessions, original); // XEP-0280 §7
}

// IQ (RFC 6120 §8.2.3, §10.3.3, §10.5; RFC 6121 §8.5.2.1.3, §8.5.3): every get/set gets exactly one
// result or error with the same 'id'; results and errors are never answered. The payloads the server
// understands are dispatched to small handlers; anything else is service-unavailable (§8.4).
import { type Jid, tryParseJid } from "../../jid.ts";
import { type Element, NS, xml } from "../../xml/element.ts";
import type { BoundSession } from "../types.ts";
import { BLOCKING_HANDLERS } from "./blocking.ts";
import { handleCarbons } from "./carbons.ts";
import { NS_CARBONS } from "./carbons-eligible.ts";
import type { StanzaContext } from "./context.ts";
import { handleDiscoInfo, handleDiscoItems } from "./disco.ts";
import { unknownAccountDisco } from "./disco-accounts.ts";
import type { StanzaCondition } from "./errors.ts";
import { listedButRefused } from "./fault-hooks-disco.ts";
import {
  badTypeAnswered,
  bareIqTakenOver,
  bentIqAnswers,
  domainResourceIqDropped,
  fullJidIqRefused,
  payloadCountUnchecked,
  presenceCheckSkipped,
  responseDropped,
  resultAnswered,
  unknownAccountAnswered,
  unknownPayloadAnswered,
  unmatchedIqCondition,
  unmatchedResponseTakenOver,
} from "./fault-hooks-iq.ts";
import { remoteCancelBent } from "./fault-hooks-register.ts";
import { handleMam, NS_MAM } from "./mam-query.ts";
import { handlePubsub, handlePubsubOwner } from "./pep.ts";
import { capsAnswered } from "./pep-caps.ts";
import { NS_PUBSUB, NS_PUBSUB_OWNER } from "./pep-store.ts";
import { handlePing } from "./ping.ts";
import { handleRegister } from "./register.ts";
import { handleRoster } from "./roster.ts";
import { bounce, dropError, routeFromServer, routeRemote, type Target } from "./router.ts";
import { handleTime, handleVersion, NS_TIME, NS_VERSION } from "./software.ts";
import { contactSubscribed } from "./subscription-states.ts";
import { childElements } from "./util.ts";
import { handleVcard, NS_VCARD, vcardForUnknownAccount, vcardSetTakenOver } from "./vcard.ts";

const IQ_TYPES = new Set(["get", "set", "result", "error"]);

/**
 * Whom the server answers for: "self" = the sender's own account (no 'to', or its own bare JID,
 * §10.3.3), "server" = the domain itself (§10.5.1), "other" = another account's bare JID (RFC 6121
 * §8.5.2.1.3: the server replies on that account's behalf).
 */
export type Scope = "self" | "server" | "other";

/** One IQ get/set the server answers itself. */
export interface IqCall {
  ctx: StanzaContext;
  iq: Element;
  payload: Element;
  scope: Scope;
  /** The requesting client, when the request came from a local session. */
  session?: BoundSession;
  result(payload?: Element): void;
  error(condition: StanzaCondition, text?: string): void;
  /** Any other answer (an error with extra children). */
  reply(answer: Element): void;
}

interface Handler {
  name: string;
  ns: string;
  scopes: readonly Scope[];
  handle(call: IqCall): void;
}

const HANDLERS: readonly Handler[] = [
  // jabber:iq:roster to another account's JID is answered (with forbidden, RFC 6121 §2.1.5).
  { name: "query", ns: NS.roster, scopes: ["self", "server", "other"], handle: handleRoster },
  // XEP-0199 to another account's bare JID is answered on its behalf (RFC 6121 §8.5.2.1.3).
  { name: "ping", ns: NS.ping, scopes: ["self", "server", "other"], handle: handlePing },
  { name: "query", ns: NS.discoInfo, scopes: ["self", "server", "other"], handle: handleDiscoInfo },
  { name: "query", ns: NS.discoItems, scopes: ["self", "server", "other"], handle: handleDiscoItems },
  { name: "query", ns: NS_VERSION, scopes: ["server"], handle: handleVersion },
  { name: "time", ns: NS_TIME, scopes: ["server"], handle: handleTime },
  { name: "query", ns: NS.register, scopes: ["self", "server"], handle: handleRegister },
  ...BLOCKING_HANDLERS, // XEP-0191
  { name: "enable", ns: NS_CARBONS, scopes: ["self", "server"], handle: handleCarbons }, // XEP-0280 §4
  { name: "disable", ns: NS_CARBONS, scopes: ["self", "server"], handle: handleCarbons }, // XEP-0280 §5
  { name: "vCard", ns: NS_VCARD, scopes: ["self", "server", "other"], handle: handleVcard }, // XEP-0054
  { name: "pubsub", ns: NS_PUBSUB, scopes: ["self", "other"], handle: handlePubsub }, // XEP-0163
  { name: "pubsub", ns: NS_PUBSUB_OWNER, scopes: ["self"], handle: handlePubsubOwner },
  // XEP-0313: the user's own archive; another user's is answered (forbidden, §8.1)
  { name: "query", ns: NS_MAM, scopes: ["self", "other"], handle: handleMam },
  { name: "prefs", ns: NS_MAM, scopes: ["self", "other"], handle: handleMam },
  { name: "metadata", ns: NS_MAM, scopes: ["self", "other"], handle: handleMam },
];

/** The namespaces the server itself answers (for disco#info). */
export const SERVER_IQ_NAMESPACES = HANDLERS.filter((h) => h.scopes.includes("server")).map((h) => h.ns);

/**
 * Answers an IQ get/set addressed to the server, to the sender's account or to another account's bare
 * JID. `reply` carries the one answer back.
 */
export function serveIq(
  ctx: StanzaContext,
  iq: Element,
  scope: Scope,
  reply: (answer: Element) => void,
  session?: BoundSession,
): void {
  const answer = (el: Element) => {
    for (const out of bentIqAnswers(ctx, el, scope, session)) reply(out);
  };
  const children = childElements(iq);
  const call: IqCall = {
    ctx,
    iq,
    payload: children[0],
    scope,
    session,
    result: (payload) =>
      answer(
        xml("iq", { type: "result", id: iq.attrs.id ?? "", to: iq.attrs.from, from: iq.attrs.to }, payload),
      ),
    error: (condition, text) => answer(ctx.error(iq, condition, { text })),
    reply: answer,
  };
  // RFC 6120 §8.2.3 rule 5: exactly one child element.
  if (children.length !== 1) {
    if (payloadCountUnchecked(ctx, () => call.result())) return;
    call.error("bad-request");
    return;
  }
  const payload = children[0];
  const handler = HANDLERS.find(
    (h) => h.name === payload.getName() && h.ns === payload.getNS() && h.scopes.includes(scope),
  );
  if (handler) {
    if (listedButRefused(call)) return;
    handler.handle(call);
    return;
  }
  // RFC 6120 §8.4 and §10.3.3 rule 2, RFC 6121 §8.5.2.1.3: a payload the server does not understand.
  if (unknownPayloadAnswered(ctx, () => call.result())) return;
  call.error("service-unavailable");
}

/** An IQ from a local client. */
export function clientIq(ctx: StanzaContext, session: BoundSession, iq: Element, target: Target): void {
  const type = iq.attrs.type;
  // RFC 6120 §8.2.3 rule 2: 'type' is required and one of four values, else bad-request.
  if (!IQ_TYPES.has(type ?? "")) {
    if (badTypeAnswered(ctx, session, iq)) return;
    bounce(ctx, session, iq, "bad-request", target);
    return;
  }
  if (type === "result" || type === "error") {
    clientResponse(ctx, session, iq, target);
    return;
  }
  // §8.2.3 rule 1: a request without 'id' cannot be answered properly; bad-request (with id="").
  if (iq.attrs.id === undefined) {
    bounce(ctx, session, iq, "bad-request", target);
    return;
  }
  const reply = (answer: Element) => session.send(answer);
  switch (target.kind) {
    case "none":
      serveIq(ctx, iq, "self", reply, session);
      return;
    case "malformed":
      bounce(ctx, session, iq, "jid-malformed", target);
      return;
    case "remote":
      routeRemote(ctx, remoteCancelBent(ctx, iq), session);
      return;
    case "domain":
      // §10.5.2: <domain/resource> names nothing here.
      if (!target.jid.isBare) {
        if (domainResourceIqDropped(ctx)) return;
        bounce(ctx, session, iq, "service-unavailable");
        return;
      }
      serveIq(ctx, iq, "server", reply, session);
      return;
    case "user":
      iqToUser(ctx, iq, target.jid, session.jid, reply, session);
      return;
  }
}

/** An IQ get/set for a JID with a localpart at a served domain (RFC 6121 §8.5). */
function iqToUser(
  ctx: StanzaContext,
  iq: Element,
  to: Jid,
  sender: Jid,
  reply: (answer: Element) => void,
  session?: BoundSession,
): void {
  const account = to.bare();
  // §8.5.1 / RFC 6120 §10.5.3.1: no such account.
  if (!ctx.exists(account)) {
    if (
      unknownAccountAnswered(ctx, iq, reply) ||
      unknownAccountDisco(ctx, iq, reply) ||
      vcardForUnknownAccount(ctx, iq, reply)
    )
      return;
    reply(ctx.error(iq, "service-unavailable"));
    return;
  }
  if (to.isBare) {
    // §8.5.2.1.3 / §8.5.2.2.3: the server answers for the account, never the resources.
    const own = !!session && account.equals(session.jid.bare());
    if (!own && bareIqTakenOver(ctx, iq, account, reply)) return;
    serveIq(ctx, iq, own ? "self" : "other", reply, session);
    return;
  }
  if (vcardSetTakenOver(ctx, iq, to, reply)) return;
  const match = ctx.session(to);
  // §8.5.3.2.3: no resource matches.
  if (!match) {
    reply(ctx.error(iq, unmatchedIqCondition(ctx)));
    return;
  }
  // §8.5.3.1: SHOULD NOT deliver to a resource that does not share presence with the requester.
  if (ctx.options.iqNeedsPresence && !sharesPresence(ctx, match, sender) && !presenceCheckSkipped(ctx)) {
    reply(ctx.error(iq, "service-unavailable"));
    return;
  }
  // RFC 6120 §10.5.4: a matching connected resource MUST get it.
  if (fullJidIqRefused(ctx)) {
    reply(ctx.error(iq, "service-unavailable"));
    return;
  }
  ctx.send(match, iq);
}

/** Does `recipient` share presence with `sender` (RFC 6121 §8.5.3.1)? */
function sharesPresence(ctx: StanzaContext, recipient: BoundSession, sender: Jid): boolean {
  const account = recipient.jid.bare();
  if (account.equals(sender.bare())) return true; // one's own resources (§4.2.2: implicitly subscribed)
  if (contactSubscribed(ctx.rosters.get(account.toString(), sender.bare().toString()))) return true;
  const directed = ctx.directed.get(recipient);
  return !!directed && (directed.has(sender.toString()) || directed.has(sender.bare().toString()));
}

/** An IQ result or error from a local client (RFC 6120 §8.2.3 rule 4, §10.3.3 rule 3). */
function clientResponse(ctx: StanzaContext, session: BoundSession, iq: Element, target: Target): void {
  const own = session.jid.bare();
  const toServer =
    target.kind === "none" ||
    (target.kind === "domain" && target.jid.isBare) ||
    (target.kind === "user" && target.jid.equals(own));
  if (toServer) {
    if (capsAnswered(ctx, session, iq)) return;
    // No request of the server is waiting for it (roster push replies land here, RFC 6121 §2.1.6).
    if (resultAnswered(ctx, session, iq)) return;
    if (iq.attrs.type === "error") dropError(ctx, session, iq);
    return;
  }
  if (target.kind === "remote") {
    routeFromServer(ctx, iq);
    return;
  }
  // §8.5.3.1: results and errors to a connected resource MUST be delivered; anything else is dropped.
  if (target.kind !== "user") return;
  const match = ctx.session(target.jid);
  if (match) {
    if (!responseDropped(ctx)) ctx.send(match, iq);
    return;
  }
  unmatchedResponseTakenOver(ctx, session, iq, target.jid);
}

/** An IQ relayed to a local user (from the s2s seam). */
export function deliverIq(ctx: StanzaContext, iq: Element, to: Jid): void {
  const type = iq.attrs.type;
  const reply = (answer: Element) => routeFromServer(ctx, answer);
  if (!IQ_TYPES.has(type ?? "")) {
    bounce(ctx, undefined, iq, "bad-request");
    return;
  }
  if (type === "result" || type === "error") {
    const match = ctx.session(to);
    if (match) ctx.send(match, iq);
    return;
  }
  if (iq.attrs.id === undefined) {
    bounce(ctx, undefined, iq, "bad-request");
    return;
  }
  const sender = tryParseJid(iq.attrs.from ?? "");
  if (!sender) return;
  iqToUser(ctx, iq, to, sender, reply);
}

// What the roster faults (faults/roster.ts, faults/stanza-*.ts) do to RFC 6121 §2, kept apart from
// roster.ts so the rule-abiding code there stays readable: each hook is called at one place, and without
// its fault it does what the RFC says.

import type { Jid } from "../../jid.ts";
import { tryParseJid } from "../../jid.ts";
import { type Element, NS, xml } from "../../xml/element.ts";
import type { BoundSession } from "../types.ts";
import type { StanzaContext } from "./context.ts";
import type { IqCall } from "./iq.ts";
import { ROSTER_GROUP_LIMIT, ROSTER_NAME_LIMIT } from "./roster.ts";
import type { Contact } from "./roster-store.ts";
import type { SubscriptionState } from "./subscription-states.ts";
import { childElements } from "./util.ts";

// ---- roster pushes (§2.1.6, §2.6.3) ----

/** no-roster-push: roster changes are made silently. */
export function pushesSuppressed(ctx: StanzaContext): boolean {
  return ctx.fault("no-roster-push");
}

/** roster-push-missing-interested: only the resource that caused the change gets the push. */
export function pushTargets(
  ctx: StanzaContext,
  targets: BoundSession[],
  origin?: BoundSession,
): BoundSession[] {
  if (!ctx.fault("roster-push-missing-interested")) return targets;
  return origin ? [origin] : [];
}

/** roster-push-from-domain, roster-push-no-ver, roster-ver-not-bumped, roster-push-malformed: the push sent. */
export function bentPush(ctx: StanzaContext, push: Element, account: Jid, item: Element): Element {
  const query = push.getChild("query", NS.roster);
  if (ctx.fault("roster-push-from-domain")) push.attrs.from = account.domain;
  if (query && ctx.fault("roster-push-no-ver")) delete query.attrs.ver;
  if (query?.attrs.ver !== undefined && ctx.fault("roster-ver-not-bumped")) query.attrs.ver = "1";
  if (ctx.fault("roster-push-malformed")) {
    delete push.attrs.id;
    push.append(xml("item", { jid: item.attrs.jid }));
  }
  return push;
}

/** roster-ver-not-advertised: roster versioning is in use but not advertised (§2.6.1). */
export function rosterVerHidden(ctx: StanzaContext): boolean {
  return ctx.fault("roster-ver-not-advertised");
}

// ---- roster get (§2.1.3, §2.6) ----

/** roster-set-other-user-allowed, roster-get-other-user-allowed: another account's roster is served. */
export function intrusionAllowed(ctx: StanzaContext, call: IqCall): boolean {
  if (call.scope !== "other") return false;
  const type = call.iq.attrs.type;
  return (
    (type === "set" && ctx.fault("roster-set-other-user-allowed")) ||
    (type === "get" && ctx.fault("roster-get-other-user-allowed"))
  );
}

/** roster-get-items-accepted: a get's items are stored as if it were a set. */
export function getItemsStored(ctx: StanzaContext, payload: Element, account: Jid): boolean {
  if (!ctx.fault("roster-get-items-accepted")) return false;
  for (const i of childElements(payload)) {
    const jid = tryParseJid(i.attrs.jid ?? "");
    if (jid) ctx.rosters.ensure(account.toString(), jid.toString()).inRoster = true;
  }
  return true;
}

/** roster-ver-stale-empty: any version the client names counts as current. */
export function staleVersionCurrent(ctx: StanzaContext, requested: string | undefined): boolean {
  return !!requested && ctx.fault("roster-ver-stale-empty");
}

/** roster-missing-query: an empty roster is an empty result without <query/>. */
export function emptyRosterBare(ctx: StanzaContext): boolean {
  return ctx.fault("roster-missing-query");
}

/** roster-ver-missing-in-result, roster-ver-echo: the version the result names. */
export function resultVersion(
  ctx: StanzaContext,
  ver: string | undefined,
  requested: string | undefined,
): string | undefined {
  const out = ctx.fault("roster-ver-missing-in-result") ? undefined : ver;
  return requested && ctx.fault("roster-ver-echo") ? requested : out;
}

// ---- roster set and remove (§2.1.5, §2.3, §2.4, §2.5) ----

/** roster-multi-item-accepted: a set of several <item/>s is taken (the first one counts). */
export function multiItemAccepted(ctx: StanzaContext, children: Element[]): boolean {
  return (
    children.length > 1 &&
    children.every((c) => c.getName() === "item") &&
    ctx.fault("roster-multi-item-accepted")
  );
}

/** roster-empty-set-accepted: a set without <item/> is answered with a result. */
export function emptySetAccepted(ctx: StanzaContext): boolean {
  return ctx.fault("roster-empty-set-accepted");
}

/** roster-missing-jid-accepted: an item without 'jid' is answered with a result. */
export function missingJidAccepted(ctx: StanzaContext): boolean {
  return ctx.fault("roster-missing-jid-accepted");
}

/** roster-malformed-jid-accepted: an item with a malformed 'jid' is answered with a result. */
export function malformedJidAccepted(ctx: StanzaContext): boolean {
  return ctx.fault("roster-malformed-jid-accepted");
}

/** roster-duplicate-group-accepted, roster-empty-group-accepted, roster-long-values-truncated: the groups kept. */
export function bentGroups(ctx: StanzaContext, groups: string[]): string[] {
  let out = groups;
  if (ctx.fault("roster-duplicate-group-accepted")) out = [...new Set(out)];
  if (ctx.fault("roster-empty-group-accepted")) out = out.map((g) => (g === "" ? " " : g));
  if (ctx.fault("roster-long-values-truncated")) out = out.map((g) => g.slice(0, ROSTER_GROUP_LIMIT));
  return out;
}

/** roster-long-values-truncated, roster-name-trimmed: the name kept. */
export function bentName(ctx: StanzaContext, name: string): string {
  let out = name;
  if (ctx.fault("roster-long-values-truncated")) out = out.slice(0, ROSTER_NAME_LIMIT);
  if (ctx.fault("roster-name-trimmed")) out = out.trim().replace(/\s+/g, " ");
  return out;
}

/** roster-update-merged: an update adds to the item's groups instead of replacing them. */
export function updateMerged(ctx: StanzaContext, c: Contact): boolean {
  return c.inRoster && ctx.fault("roster-update-merged");
}

/** roster-set-clears-ask: a roster set forgets a pending outbound request. */
export function setClearsAsk(ctx: StanzaContext): boolean {
  return ctx.fault("roster-set-clears-ask");
}

/** The states a client-supplied 'subscription' would claim. */
const GRANTED: Record<string, SubscriptionState | undefined> = {
  none: "None",
  to: "To",
  from: "From",
  both: "Both",
};

/** roster-subscription-attr-honoured: the state a client's 'subscription' claims is granted. */
export function grantedState(ctx: StanzaContext, claimed: string | undefined): SubscriptionState | undefined {
  const granted = GRANTED[claimed ?? ""];
  return granted && ctx.fault("roster-subscription-attr-honoured") ? granted : undefined;
}

/** roster-remove-unknown-ok: removing an item that does not exist is answered with a result. */
export function unknownRemoveAccepted(ctx: StanzaContext): boolean {
  return ctx.fault("roster-remove-unknown-ok");
}

/**
 * cancellation-always-delivered, roster-remove-no-unsubscribe, roster-remove-no-unsubscribed: which of
 * the subscription stanzas a removal owes (`owed`, as the RFC has it) are sent.
 */
export function removalStanzas(
  ctx: StanzaContext,
  owed: { unsubscribe: boolean; unsubscribed: boolean },
): { unsubscribe: boolean; unsubscribed: boolean } {
  if (ctx.fault("cancellation-always-delivered")) return { unsubscribe: true, unsubscribed: true };
  return {
    unsubscribe: owed.unsubscribe && !ctx.fault("roster-remove-no-unsubscribe"),
    unsubscribed: owed.unsubscribed && !ctx.fault("roster-remove-no-unsubscribed"),
  };
}

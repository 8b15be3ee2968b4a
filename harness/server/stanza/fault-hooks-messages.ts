// What the message faults (faults/stanza-*.ts, faults/delivery.ts, faults/presence.ts) do to message
// delivery, kept apart from messages.ts so the rule-abiding code there (RFC 6121 §5, §8.5) stays
// readable: each hook is called at one place, and without its fault it does what the RFC says.
import type { Jid } from "../../jid.ts";
import { tryParseJid } from "../../jid.ts";
import type { Element } from "../../xml/element.ts";
import type { BoundSession } from "../types.ts";
import type { StanzaContext } from "./context.ts";
import type { StanzaCondition } from "./errors.ts";
import { cloneElement, contentChildren } from "./util.ts";

/** message-no-to-dropped: a message without 'to' is dropped, not handled as if to the own bare JID. */
export function noToDropped(ctx: StanzaContext): boolean {
  return ctx.fault("message-no-to-dropped");
}

/** message-type-default-headline: no 'type' or an unknown one counts as headline. */
export function untypedAsHeadline(ctx: StanzaContext, stanza: Element): boolean {
  const known = ["chat", "groupchat", "headline", "error", "normal"];
  return ctx.fault("message-type-default-headline") && !known.includes(stanza.attrs.type ?? "");
}

/** bare-jid-wrong-resource: a bare-JID message goes to the lowest-priority resource only. */
export function wrongResourceChosen(
  ctx: StanzaContext,
  available: BoundSession[],
): BoundSession[] | undefined {
  if (!ctx.fault("bare-jid-wrong-resource")) return undefined;
  return [...available].sort((a, b) => a.priority - b.priority).slice(0, 1);
}

/** negative-priority-delivered: resources with a negative priority count as candidates. */
export function negativePriorityKept(ctx: StanzaContext): boolean {
  return ctx.fault("negative-priority-delivered");
}

/** unknown-account-message-wrong-error: a message to no account bounces with the wrong condition. */
export function unknownAccountCondition(ctx: StanzaContext): StanzaCondition | undefined {
  return ctx.fault("unknown-account-message-wrong-error") ? "item-not-found" : undefined;
}

/** full-jid-message-dropped: a message for a connected full JID is dropped. */
export function fullJidMessageDropped(ctx: StanzaContext): boolean {
  return ctx.fault("full-jid-message-dropped");
}

/**
 * unmatched-message-wrong-error, unmatched-resource-recipient-unavailable, unmatched-resource-bounced: the
 * condition a message for a full JID that matches no resource bounces with, where the RFC says otherwise.
 */
export function unmatchedCondition(ctx: StanzaContext, type: string): StanzaCondition | undefined {
  if (type !== "chat" && ctx.fault("unmatched-message-wrong-error")) return "item-not-found";
  if (type === "normal" && ctx.fault("unmatched-resource-recipient-unavailable"))
    return "recipient-unavailable";
  if (type === "chat" && ctx.fault("unmatched-resource-bounced")) return "service-unavailable";
  return undefined;
}

/** unmatched-chat-misrouted: such a chat message goes to the unavailable and negative resources instead. */
export function chatMisrouted(ctx: StanzaContext, account: Jid, stanza: Element): boolean {
  if (!ctx.fault("unmatched-chat-misrouted")) return false;
  for (const s of ctx.sessions(account)) if (!s.available || s.priority < 0) ctx.sendMessage(s, stanza);
  return true;
}

/** groupchat-to-bare-delivered, groupchat-offline-stored: a groupchat to a bare JID is not bounced. */
export function groupchatKept(ctx: StanzaContext, account: Jid): boolean {
  if (ctx.fault("groupchat-to-bare-delivered")) return true;
  return ctx.fault("groupchat-offline-stored") && ctx.available(account).length === 0;
}

/** bare-headline-dropped: a headline for a bare JID reaches no resource. */
export function headlineDropped(ctx: StanzaContext): boolean {
  return ctx.fault("bare-headline-dropped");
}

/** headline-stored-offline: a headline for an account with no resource is stored. */
export function headlineStored(ctx: StanzaContext): boolean {
  return ctx.fault("headline-stored-offline");
}

/** bare-jid-stanzas-dropped, bare-message-dropped: a message for a bare JID is dropped. */
export function bareMessageDropped(ctx: StanzaContext): boolean {
  return ctx.fault("bare-jid-stanzas-dropped") || ctx.fault("bare-message-dropped");
}

/** message-alternates-collapsed, thread-rewritten, from-uri-scheme: what a delivered message becomes. */
export function bentMessage(ctx: StanzaContext, stanza: Element): Element {
  const collapse = ctx.fault("message-alternates-collapsed");
  const thread = ctx.fault("thread-rewritten");
  const scheme = ctx.fault("from-uri-scheme");
  if (!collapse && !thread && !scheme) return stanza;
  const out = cloneElement(stanza);
  if (collapse) {
    const seen = new Set<string>();
    out.children = out.children.filter((c) => {
      if (typeof c === "string" || (c.name !== "body" && c.name !== "subject")) return true;
      if (seen.has(c.name)) return false;
      seen.add(c.name);
      return true;
    });
  }
  if (thread)
    for (const t of contentChildren(out, "thread")) {
      delete t.attrs.parent;
      t.children = [t.getText().toLowerCase()];
    }
  if (scheme && out.attrs.from) out.attrs.from = `xmpp:${out.attrs.from}`;
  return out;
}

/** rewrite-to-full-jid: the copy for resource `s` of a message to a bare JID names `s` in 'to'. */
export function readdressed(ctx: StanzaContext, stanza: Element, s: BoundSession): Element {
  const bare = stanza.attrs.to !== undefined && tryParseJid(stanza.attrs.to)?.isBare === true;
  if (!bare || !ctx.fault("rewrite-to-full-jid")) return stanza;
  const copy = cloneElement(stanza);
  copy.attrs.to = s.jid.toString();
  return copy;
}

/** leak-message: every delivered message also reaches every uninvolved session the server knows. */
export function leakToBystanders(ctx: StanzaContext, stanza: Element, account: Jid): void {
  if (!ctx.fault("leak-message")) return;
  const sender = tryParseJid(stanza.attrs.from ?? "")?.bare();
  // every bystander, so the leak shows whichever uninvolved session a check watches
  const bystanders = [...ctx.known].filter((s) => {
    const owner = s.jid.bare();
    return !owner.equals(account) && !(sender && owner.equals(sender));
  });
  for (const b of bystanders) ctx.sendMessage(b, stanza);
}

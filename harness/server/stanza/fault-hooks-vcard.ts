// What the XEP-0054 faults (faults/xep0054.ts) do to the vCard service, kept apart from vcard.ts: each
// hook is called at one place and, without its fault, does what XEP-0054 says.
import type { Jid } from "../../jid.ts";
import { type Element, xml } from "../../xml/element.ts";
import type { StanzaContext } from "./context.ts";
import type { StanzaCondition } from "./errors.ts";
import type { IqCall } from "./iq.ts";
import { childElements, cloneElement } from "./util.ts";

/** vcard-not-stored, vcard-update-merged: what a set leaves stored (without them: the new vCard, whole). */
export function storedCard(ctx: StanzaContext, old: Element | undefined, sent: Element): Element {
  if (ctx.fault("vcard-not-stored")) return xml("vCard", { xmlns: sent.attrs.xmlns });
  if (ctx.fault("vcard-update-merged") && old) {
    const names = new Set(childElements(sent).map((c) => c.name));
    for (const c of childElements(old)) if (!names.has(c.name)) sent.append(cloneElement(c));
  }
  return sent;
}

/** vcard-own-missing-empty-iq: one's own missing vCard gets a result without <vCard/>. */
export function ownMissingAnswered(ctx: StanzaContext, call: IqCall): boolean {
  if (!ctx.fault("vcard-own-missing-empty-iq")) return false;
  call.result();
  return true;
}

/** vcard-set-for-other-accepted: a set to another account's bare JID is stored as that account's. */
export function otherSetAccepted(ctx: StanzaContext): boolean {
  return ctx.fault("vcard-set-for-other-accepted");
}

/** The answer to a get of another account's missing vCard (without a fault: service-unavailable). */
export function otherMissingCondition(ctx: StanzaContext): StanzaCondition | "empty-result" {
  if (ctx.fault("vcard-missing-empty-result")) return "empty-result";
  if (ctx.fault("vcard-missing-item-not-found")) return "item-not-found";
  return "service-unavailable";
}

/**
 * vcard-get-relayed: a get of another account's vCard goes to its first available resource, or is refused
 * when it has none (true: taken over).
 */
export function otherGetRelayed(ctx: StanzaContext, call: IqCall, owner: Jid): boolean {
  if (!ctx.fault("vcard-get-relayed") || call.iq.attrs.type !== "get") return false;
  const [resource] = ctx.available(owner);
  if (resource) ctx.send(resource, call.iq);
  else call.error("service-unavailable");
  return true;
}

/** vcard-missing-empty-result: a vCard get for an account that does not exist gets an empty vCard. */
export function unknownAccountCard(
  ctx: StanzaContext,
  iq: Element,
  reply: (answer: Element) => void,
): boolean {
  const card = iq.getChild("vCard", "vcard-temp");
  if (!ctx.fault("vcard-missing-empty-result") || iq.attrs.type !== "get" || !card) return false;
  const attrs = { type: "result", id: iq.attrs.id ?? "", to: iq.attrs.from, from: iq.attrs.to };
  reply(xml("iq", attrs, xml("vCard", { xmlns: "vcard-temp" })));
  return true;
}

/** vcard-feature-hidden: the server's disco#info features without 'vcard-temp'. */
export function advertisedFeatures(ctx: StanzaContext, features: string[]): string[] {
  return ctx.fault("vcard-feature-hidden") ? features.filter((f) => f !== "vcard-temp") : features;
}

/** vcard-server-lowercase, vcard-server-flat-fields: the server's own vCard, bent. */
export function bentServerCard(ctx: StanzaContext, card: Element): Element {
  if (ctx.fault("vcard-server-lowercase"))
    for (const c of childElements(card))
      if (c.name === "FN" || c.name === "URL") c.name = c.name.toLowerCase();
  if (ctx.fault("vcard-server-flat-fields")) {
    for (const c of childElements(card)) {
      if (c.name !== "TEL" && c.name !== "EMAIL") continue;
      const inner = c.getChild("NUMBER") ?? c.getChild("USERID");
      c.children = inner?.getText() ? [inner.getText()] : [];
    }
  }
  return card;
}

/**
 * vcard-full-jid-set-stored: a vCard set to another account's full JID is taken as a set of that
 * account's vCard (stored, answered with a result) instead of going to the resource.
 */
export function fullJidSetStored(
  ctx: StanzaContext,
  iq: Element,
  to: Jid,
  store: (account: Jid, card: Element) => void,
  reply: (answer: Element) => void,
): boolean {
  const card = iq.getChild("vCard", "vcard-temp");
  if (!ctx.fault("vcard-full-jid-set-stored") || iq.attrs.type !== "set" || !card) return false;
  store(to.bare(), cloneElement(card));
  reply(xml("iq", { type: "result", id: iq.attrs.id ?? "", to: iq.attrs.from, from: iq.attrs.to }));
  return true;
}

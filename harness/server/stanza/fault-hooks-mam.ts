// What the XEP-0313 faults (faults/xep0313.ts) do to archiving and to archive queries, kept apart from the
// mam-*.ts modules so their rule-abiding code stays readable: each hook is called at one place, and
// without its fault it does what the XEP says.
import type { Element } from "../../xml/element.ts";
import type { StanzaContext } from "./context.ts";
import type { Archived } from "./mam-store.ts";

export const prefsIgnored = (ctx: StanzaContext) => ctx.fault("mam-ignores-never-pref");
export const sentSkipped = (ctx: StanzaContext) => ctx.fault("mam-sent-not-archived");
export const spoofKept = (ctx: StanzaContext) => ctx.fault("mam-stanza-id-spoofable");
export const stanzaIdOmitted = (ctx: StanzaContext) => ctx.fault("mam-no-stanza-id");
export const otherArchiveReadable = (ctx: StanzaContext) => ctx.fault("mam-other-archive-readable");
export const unknownIdAnswered = (ctx: StanzaContext) => ctx.fault("mam-unknown-id-answered");
export const withIgnored = (ctx: StanzaContext) => ctx.fault("mam-with-ignored");
export const timeIgnored = (ctx: StanzaContext) => ctx.fault("mam-time-ignored");
export const queryIdDropped = (ctx: StanzaContext) => ctx.fault("mam-queryid-dropped");
export const finFirst = (ctx: StanzaContext) => ctx.fault("mam-fin-first");
export const completeEarly = (ctx: StanzaContext) => ctx.fault("mam-complete-early");
export const unknownFieldAccepted = (ctx: StanzaContext) => ctx.fault("mam-unknown-field-accepted");
export const beforeIgnored = (ctx: StanzaContext) => ctx.fault("mam-before-ignored");
export const indexIgnored = (ctx: StanzaContext) => ctx.fault("mam-index-ignored");
export const fieldsRequired = (ctx: StanzaContext) => ctx.fault("mam-fields-required");
export const flipIgnored = (ctx: StanzaContext) => ctx.fault("mam-flip-ignored");

/** mam-copy-per-resource: one stored copy per resource the message goes to. */
export function copiesStored(ctx: StanzaContext, copies: number): number {
  return ctx.fault("mam-copy-per-resource") ? copies : 1;
}

/** mam-wrong-order: the archive read newest first. */
export function inQueryOrder(ctx: StanzaContext, items: Archived[]): Archived[] {
  return ctx.fault("mam-wrong-order") ? [...items].reverse() : items;
}

/** mam-page-skips-item: a page after an id starts one item late. */
export function afterSkip(ctx: StanzaContext): number {
  return ctx.fault("mam-page-skips-item") ? 1 : 0;
}

/** mam-set-bounds-wrong: <first/> and <last/> name the neighbours of the page's ends. */
export function setBounds(ctx: StanzaContext, set: Archived[], from: number, to: number): [number, number] {
  if (!ctx.fault("mam-set-bounds-wrong")) return [from, to];
  return [Math.max(0, from - 1), Math.min(set.length - 1, to + 1)];
}

/** mam-modifies-message: the body of a returned message is not the stored one. */
export function alterReturned(ctx: StanzaContext, message: Element): void {
  if (!ctx.fault("mam-modifies-message")) return;
  const body = message.getChild("body");
  if (body) body.children = [`${body.getText()} (archived)`];
}

/** mam-stamp-shifted: the <delay/> stamp an hour late. */
export function stampOf(ctx: StanzaContext, item: Archived): Date {
  return ctx.fault("mam-stamp-shifted") ? new Date(item.stamp.getTime() + 3_600_000) : item.stamp;
}

/** mam-ids-repeat: the id of the archive's n-th item. */
export function repeatedId(ctx: StanzaContext, n: number): string | undefined {
  return ctx.fault("mam-ids-repeat") ? `item-${n % 10}` : undefined;
}

export const senderIdLeaked = (ctx: StanzaContext) => ctx.fault("mam-stanza-id-sender-archive");
export const emptyPageBounds = (ctx: StanzaContext) => ctx.fault("mam-empty-page-bounds");
export const completeMissing = (ctx: StanzaContext) => ctx.fault("mam-complete-missing");
export const endExclusive = (ctx: StanzaContext) => ctx.fault("mam-end-exclusive");
export const extendedIgnored = (ctx: StanzaContext) => ctx.fault("mam-extended-ids-ignored");
export const formWrongTypes = (ctx: StanzaContext) => ctx.fault("mam-form-wrong-types");
export const maxIgnored = (ctx: StanzaContext) => ctx.fault("mam-max-ignored");
export const countMissing = (ctx: StanzaContext) => ctx.fault("mam-rsm-count-missing");
export const metadataWrong = (ctx: StanzaContext) => ctx.fault("mam-metadata-wrong");
export const bareQueryRefused = (ctx: StanzaContext) => ctx.fault("mam-bare-jid-query-refused");

// IQ responses for an id no request carried (RFC 6120 §8.2.3: "The response MUST preserve the 'id'
// attribute of the request"). Such a reply rules out the answer a case waits for, so the wait ends at once
// with this finding instead of timing out. The ids are the process's, not one stream's: a reply may come
// on another stream than its request (a resumed XEP-0198 session, a server-to-server stream pair).
import { Violation } from "../errors.ts";
import type { Element } from "../xml/element.ts";

/** Ids of IQs sent lately, oldest first: enough for every stream of a run's cases at once. */
const SENT_LIMIT = 50_000;
const sent = new Set<string>();

/** Remember the id of an IQ the harness sends (of any type: a result sent can be answered, wrongly). */
export function rememberIqId(el: Element): void {
  const id = el.attrs.id;
  if (el.name === "iq" && id !== undefined) remember(id);
}

function remember(id: string): void {
  sent.delete(id);
  sent.add(id);
  if (sent.size > SENT_LIMIT) {
    const oldest = sent.values().next();
    if (!oldest.done) sent.delete(oldest.value);
  }
}

/** Remember every id attribute in raw bytes the harness sends (a negative test's hand-written IQ, say). */
export function rememberRawIds(text: string): void {
  for (const m of text.matchAll(/\bid\s*=\s*(["'])(.*?)\1/gs)) remember(predefinedDecoded(m[2]));
}

/** The five predefined entities (RFC 6120 §11.1 allows no others), enough to compare with a parsed id. */
function predefinedDecoded(v: string): string {
  const named: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
  return v.replace(/&(amp|lt|gt|quot|apos);/g, (_, n: string) => named[n] ?? "");
}

/** Who stands for the server on a stream: its domain, and the account it answers for (RFC 6120 §10.3.3). */
export interface ServerSide {
  domain: string;
  account?: string;
}

/**
 * The violation `el` is when it is an IQ response from the server with an id no IQ of the harness carried.
 * A response with no or an empty id is not judged (§8.2.3 allows it when the request had none); one from any other entity is not
 * either: a party of the case may route any response it likes.
 */
export function strayReply(el: Element, server: ServerSide): Violation | undefined {
  if (el.name !== "iq" || (el.attrs.type !== "result" && el.attrs.type !== "error")) return undefined;
  const id = el.attrs.id;
  if (!id || sent.has(id)) return undefined;
  const from = el.attrs.from;
  if (from !== undefined && from !== server.domain && from !== server.account) return undefined;
  return new Violation(
    `RFC 6120 §8.2.3: "The response MUST preserve the 'id' attribute of the request", yet the target ` +
      `answered with an IQ ${el.attrs.type} whose id '${id}' no request carried: ${el.toString().slice(0, 300)}`,
  );
}

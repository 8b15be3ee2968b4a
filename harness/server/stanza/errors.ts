// Stanza errors (RFC 6120 §8.3): the error stanza is the original with 'from' and 'to' swapped,
// type='error', the 'id' mirrored, and an <error type='...'> holding one defined condition.

import { defaultErrorTypes, type ErrorType } from "../../error-conditions.ts";
import { type Element, NS, xml } from "../../xml/element.ts";
import { cloneElement } from "./util.ts";

export type { ErrorType };

/**
 * The names of the 22 defined stanza conditions (RFC 6120 §8.3.3), as a type so that a misspelt one does
 * not compile. What each one means for the server (its type) is read from fixtures/rfc/error-conditions.tsv
 * through harness/error-conditions.ts; a name that table lacks throws at its first use.
 */
export type StanzaCondition =
  | "bad-request"
  | "conflict"
  | "feature-not-implemented"
  | "forbidden"
  | "gone"
  | "internal-server-error"
  | "item-not-found"
  | "jid-malformed"
  | "not-acceptable"
  | "not-allowed"
  | "not-authorized"
  | "policy-violation"
  | "recipient-unavailable"
  | "redirect"
  | "registration-required"
  | "remote-server-not-found"
  | "remote-server-timeout"
  | "resource-constraint"
  | "service-unavailable"
  | "subscription-required"
  | "undefined-condition"
  | "unexpected-request";

/** The types the condition's definition says it SHOULD carry (every type for undefined-condition). */
function allowedTypes(condition: StanzaCondition): ErrorType[] {
  const types = defaultErrorTypes(condition);
  if (!types)
    throw new Error(`<${condition}/> is not a stanza condition of fixtures/rfc/error-conditions.tsv`);
  return types;
}

/**
 * The type the server gives a condition: the first its definition names (of "cancel/modify", "cancel");
 * undefined-condition, which allows any, gets "cancel".
 */
export function defaultErrorType(condition: StanzaCondition): ErrorType {
  return condition === "undefined-condition" ? "cancel" : allowedTypes(condition)[0];
}

/**
 * A type the condition's definition does not recommend (used by the wrong-error-type fault); undefined
 * for undefined-condition, whose definition allows every type.
 */
export function wrongErrorType(condition: StanzaCondition): ErrorType | undefined {
  const allowed = allowedTypes(condition);
  return (["wait", "auth", "cancel", "modify"] as const).find((t) => !allowed.includes(t));
}

export interface ErrorOptions {
  /** Defaults to the condition's default type. */
  type?: ErrorType;
  /** Human-readable text (never to be interpreted by programs, RFC 6120 §8.3.2). */
  text?: string;
  /**
   * The 'from' of the error when swapping is not possible or wise (§8.3.1 rule 2: a malformed 'to'
   * cannot become the error's 'from'). `null` leaves 'from' out.
   */
  from?: string | null;
}

/** Is this stanza itself an error? Errors are never answered with errors (RFC 6120 §8.3.1 rule 8). */
export function isError(stanza: Element): boolean {
  return stanza.attrs.type === "error";
}

/**
 * Builds the error reply to `original` (RFC 6120 §8.3.1-8.3.2). The original payload is included (rule 6
 * allows it) so the sender can inspect it; the 'id' is mirrored, and an IQ without one gets id="" (rule 3:
 * an IQ error MUST carry an 'id', "empty if the generated stanza did not include" one).
 */
export function errorStanza(original: Element, condition: StanzaCondition, opts: ErrorOptions = {}): Element {
  const reply = cloneElement(original);
  const from = opts.from === undefined ? original.attrs.to : (opts.from ?? undefined);
  const to = original.attrs.from;
  for (const k of ["from", "to", "type", "id"]) delete reply.attrs[k];
  if (from !== undefined) reply.attrs.from = from;
  if (to !== undefined) reply.attrs.to = to;
  reply.attrs.type = "error";
  if (original.attrs.id !== undefined) reply.attrs.id = original.attrs.id;
  else if (original.name === "iq") reply.attrs.id = "";
  // Only the payload goes back, never an <error/> the original might have carried (rule 7).
  reply.children = reply.children.filter((c) => typeof c === "string" || c.name !== "error");
  const error = xml(
    "error",
    { type: opts.type ?? defaultErrorType(condition) },
    xml(condition, { xmlns: NS.stanzas }),
    opts.text === undefined ? null : xml("text", { xmlns: NS.stanzas, "xml:lang": "en" }, opts.text),
  );
  reply.append(error);
  return reply;
}

// Stanza errors (RFC 6120 §8.3): the error stanza is the original with 'from' and 'to' swapped,
// type='error', the 'id' mirrored, and an <error type='...'> holding one defined condition.
import { type Element, NS, xml } from "../../xml/element.ts";
import { cloneElement } from "./util.ts";

export type ErrorType = "auth" | "cancel" | "continue" | "modify" | "wait";

/**
 * The 22 defined stanza conditions (RFC 6120 §8.3.3) with the type each definition says it SHOULD carry
 * (fixtures/rfc/error-conditions.tsv). Where the RFC offers two ("cancel/modify") the first is used;
 * undefined-condition allows any type and gets "cancel".
 */
export const DEFAULT_ERROR_TYPE = {
  "bad-request": "modify",
  conflict: "cancel",
  "feature-not-implemented": "cancel",
  forbidden: "auth",
  gone: "cancel",
  "internal-server-error": "cancel",
  "item-not-found": "cancel",
  "jid-malformed": "modify",
  "not-acceptable": "modify",
  "not-allowed": "cancel",
  "not-authorized": "auth",
  "policy-violation": "modify",
  "recipient-unavailable": "wait",
  redirect: "modify",
  "registration-required": "auth",
  "remote-server-not-found": "cancel",
  "remote-server-timeout": "wait",
  "resource-constraint": "wait",
  "service-unavailable": "cancel",
  "subscription-required": "auth",
  "undefined-condition": "cancel",
  "unexpected-request": "wait",
} as const satisfies Record<string, ErrorType>;

export type StanzaCondition = keyof typeof DEFAULT_ERROR_TYPE;

/** Conditions whose definition allows a second type besides DEFAULT_ERROR_TYPE (RFC 6120 §8.3.3). */
const ALSO_ALLOWED: Partial<Record<StanzaCondition, ErrorType>> = {
  "feature-not-implemented": "modify",
  "policy-violation": "wait",
  "unexpected-request": "modify",
};

/** A type the condition's definition does not recommend (used by the wrong-error-type fault). */
export function wrongErrorType(condition: StanzaCondition): ErrorType {
  const allowed = [DEFAULT_ERROR_TYPE[condition], ALSO_ALLOWED[condition]];
  return (["wait", "auth", "cancel", "modify"] as const).find((t) => !allowed.includes(t))!;
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
    { type: opts.type ?? DEFAULT_ERROR_TYPE[condition] },
    xml(condition, { xmlns: NS.stanzas }),
    opts.text === undefined ? null : xml("text", { xmlns: NS.stanzas, "xml:lang": "en" }, opts.text),
  );
  reply.append(error);
  return reply;
}

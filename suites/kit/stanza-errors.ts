// Stanza error replies (RFC 6120 §8.3) checked as the RFC requires, with the conditions and their
// default types from fixtures/rfc/error-conditions.tsv (never a hand-typed copy).
import { defaultErrorTypes, ERROR_TYPES } from "../../harness/error-conditions.ts";
import { Violation } from "../../harness/errors.ts";
import { stanzaError } from "../../harness/match.ts";
import { clip, type Element } from "./stanzas.ts";

/**
 * Check an error reply as RFC 6120 §8.3 requires: type='error', the id of the request, an <error/>
 * with a defined type and exactly one defined condition, which must be one of `allowed`. Returns it.
 */
export function assertStanzaError(reply: Element, allowed: string[], requestId?: string): string {
  if (reply.attrs.type !== "error") {
    throw new Violation(
      `expected an error (${allowed.join(" or ")}), got type='${reply.attrs.type ?? ""}': ${clip(reply)}`,
    );
  }
  if (requestId !== undefined && reply.attrs.id !== requestId) {
    throw new Violation(`the error carries id '${reply.attrs.id ?? ""}', not the request's '${requestId}'`);
  }
  const e = stanzaError(reply);
  if (!e) throw new Violation(`the error stanza has no <error/> child: ${clip(reply)}`);
  if (!e.type || !(ERROR_TYPES as readonly string[]).includes(e.type))
    throw new Violation(`the <error/> type '${e.type ?? ""}' is not a defined type`);
  const [condition, ...more] = e.conditions;
  if (condition === undefined || more.length) {
    throw new Violation(
      `the <error/> must carry exactly one defined condition, found ${e.conditions.length}`,
    );
  }
  if (!allowed.includes(condition)) {
    throw new Violation(`expected <${allowed.join("/> or <")}/>, got <${condition}/>`);
  }
  return condition;
}

/** Does the error carry the type its condition SHOULD carry (RFC 6120 §8.3.3)? Undefined: not an error. */
export function defaultTypeMiss(reply: Element): string | undefined {
  const e = stanzaError(reply);
  const want = e?.condition ? defaultErrorTypes(e.condition) : undefined;
  if (!e || !want || want.some((t) => t === e.type)) return undefined;
  return `<${e.condition}/> should carry type '${want.join("' or '")}', got '${e.type}'`;
}

/** The error type a condition SHOULD carry, as a WARN-level Violation (for SHOULD cases). */
export function assertDefaultErrorType(reply: Element): void {
  const miss = defaultTypeMiss(reply);
  if (miss) throw new Violation(miss);
}

/** The defined condition of an error reply (undefined when it carries none). */
export function stanzaErrorCondition(reply: Element): string | undefined {
  return stanzaError(reply)?.condition;
}

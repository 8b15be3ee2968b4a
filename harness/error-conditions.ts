// The defined error conditions of RFC 6120 (§4.9.3 stream, §8.3.3 stanza, §6.5 SASL), read once from
// fixtures/rfc/error-conditions.tsv: the suites, the fuzzer's oracles and the reference server share it.
import { fixture, readTsv } from "./fixtures/tsv.ts";

export type ConditionKind = "stream" | "stanza" | "sasl";

export interface ErrorCondition {
  kind: ConditionKind;
  condition: string;
  section: string;
  /** The type(s) the definition says a stanza error SHOULD carry; every type for undefined-condition. */
  defaultTypes: ErrorType[];
}

export const ERROR_TYPES = ["auth", "cancel", "continue", "modify", "wait"] as const;

/** A stanza error's type (RFC 6120 §8.3.2). */
export type ErrorType = (typeof ERROR_TYPES)[number];

let rows: ErrorCondition[] | undefined;

export function errorConditions(): ErrorCondition[] {
  rows ??= readTsv(fixture("rfc/error-conditions.tsv")).map((r) => ({
    kind: r.get("kind") as ConditionKind,
    condition: r.get("condition"),
    section: r.get("section"),
    defaultTypes:
      r.get("default_type") === "any"
        ? [...ERROR_TYPES]
        : (r.get("default_type").split("/").filter(Boolean) as ErrorType[]),
  }));
  return rows;
}

/** The conditions of one kind, by name. */
export function conditionsOf(kind: ConditionKind): string[] {
  return errorConditions()
    .filter((c) => c.kind === kind)
    .map((c) => c.condition);
}

/** The stanza error types a condition SHOULD carry (RFC 6120 §8.3.3), or undefined for an unknown one. */
export function defaultErrorTypes(condition: string): ErrorType[] | undefined {
  return errorConditions().find((c) => c.kind === "stanza" && c.condition === condition)?.defaultTypes;
}

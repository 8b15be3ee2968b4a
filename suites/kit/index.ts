// The case kit: everything a case needs beyond its own scenario. Cases import from here only (and
// the harness's case model), so a helper has one home and one meaning.
export type { CaseSpec, Need } from "../../harness/runner/case.ts";
export { section } from "../../harness/runner/case.ts";
export type { CaseContext } from "../../harness/runner/context.ts";
export type { Client, Users } from "../../harness/runner/users.ts";
export type { Opened, Session } from "../../harness/session.ts";
export * from "./bad-bytes.ts";
export * from "./matchers.ts";
export * from "./order.ts";
export * from "./roster.ts";
export * from "./stanza-errors.ts";
export * from "./stanzas.ts";
export * from "./stream-errors.ts";
export * from "./subscriptions.ts";

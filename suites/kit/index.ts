// The case kit: everything a case needs beyond its own scenario. Cases import from here only (and
// the harness's case model), so a helper has one home and one meaning.
export type { CaseSpec, Need } from "../../harness/runner/case.ts";
export { section } from "../../harness/runner/case.ts";
export type { CaseContext } from "../../harness/runner/context.ts";
export type { Client, Users } from "../../harness/runner/users.ts";
export type { Opened, Session } from "../../harness/session.ts";
export * from "./addresses.ts";
export * from "./arrivals.ts";
export * from "./bad-bytes.ts";
export * from "./binding.ts";
export * from "./matchers.ts";
export * from "./order.ts";
export * from "./presence.ts";
export * from "./raw-headers.ts";
export * from "./roster.ts";
export * from "./roster-cases.ts";
export * from "./sasl.ts";
export * from "./sasl-families.ts";
export * from "./stanza-errors.ts";
export * from "./stanza-probes.ts";
export * from "./stanzas.ts";
export * from "./stream-bytes.ts";
export * from "./stream-errors.ts";
export * from "./subscriptions.ts";
export * from "./tables.ts";
export * from "./transports.ts";
export * from "./wire-window.ts";
export * from "./xml-relay.ts";

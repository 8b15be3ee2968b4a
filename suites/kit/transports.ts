// The same case over every client transport the target offers: the main endpoint (TCP with STARTTLS),
// direct TLS (XEP-0368) and WebSocket (RFC 7395). A family that differs only in the transport is one
// table over these rows and one scenario.
import type { Need } from "../../harness/runner/case.ts";
import type { CaseContext, OpenOptions } from "../../harness/runner/context.ts";
import type { Opened } from "../../harness/session.ts";

export type TransportKind = "main" | "direct-tls" | "websocket";

export interface TransportRow {
  kind: TransportKind;
  /** How a title names it: "over direct TLS". */
  label: string;
  /** What the target must offer for the row to apply. */
  needs: Need[];
}

/** The main endpoint: TCP with STARTTLS as the run's policy says (or whatever the target's main one is). */
export const MAIN: TransportRow = { kind: "main", label: "TCP", needs: [] };
export const DIRECT_TLS: TransportRow = { kind: "direct-tls", label: "direct TLS", needs: ["direct-tls"] };
export const WEBSOCKET: TransportRow = { kind: "websocket", label: "WebSocket", needs: ["websocket"] };

/** Where to connect for a row (the main endpoint when the target names no other). */
export function endpointFor(ctx: CaseContext, kind: TransportKind): OpenOptions {
  const e =
    kind === "direct-tls" ? ctx.target.directTls : kind === "websocket" ? ctx.target.websocket : undefined;
  return { endpoint: e ?? ctx.target.endpoint };
}

/**
 * An open stream ready for SASL: on the main endpoint after STARTTLS as the run's policy says; on direct
 * TLS and WebSocket as opened (TLS is already in place, or the transport has none to negotiate).
 */
export function openForSasl(ctx: CaseContext, kind: TransportKind): Promise<Opened> {
  return kind === "main" ? ctx.openSecured() : ctx.open(endpointFor(ctx, kind));
}

// XML written by hand, and stream-level refusals (RFC 6120 §4.8, §4.9, §11): bytes a target must
// answer with a stream error before anyone logs in, either as the opening of the stream (an odd
// prolog or header) or on a stream that is open and secured but not authenticated. One scenario;
// each row is data. (Bytes sent by a logged-in user are the bad-bytes family, kit/bad-bytes.ts.)
import type { CaseSpec } from "../../harness/runner/case.ts";
import type { Session } from "../../harness/session.ts";
import { NS } from "./stanzas.ts";
import { assertResponseHeader, expectStreamError } from "./stream-errors.ts";
import { type Row, tableCases } from "./tables.ts";

/** A prolog and stream header by hand: `attrs` go in as they are (what openStream() never sends). */
export function rawHeader(attrs: string, decl = "<?xml version='1.0'?>"): string {
  return `${decl}<stream:stream ${attrs}>`;
}

/** The header attributes of a client stream to `domain` (RFC 6120 §4.7, §4.8), then `rest`. */
export const clientHeaderAttrs = (domain: string, rest = "version='1.0'") =>
  `xmlns='${NS.client}' xmlns:stream='${NS.stream}' to='${domain}' ${rest}`;

/** A chat message written by hand, so `inner` and `attrs` can hold what a serializer never writes. */
export function rawMessage(to: string, id: string, inner: string, attrs = ""): string {
  return `<message to='${to}' id='${id}' type='chat'${attrs}>${inner}</message>`;
}

/**
 * Did the stream survive what was just sent on it? True when a barrier is answered (the target took
 * or ignored the data), false when the stream ended first (a case then grades the stream error).
 */
export function stillOpen(s: Session): Promise<boolean> {
  return s.barrier().then(
    () => true,
    () => false,
  );
}

export interface StreamBytesRow extends Row {
  /**
   * Where the bytes go: "start" (they open the connection: prolog and header) or "open" (after the
   * target's features on a secured stream nobody has authenticated on).
   */
  on: "start" | "open";
  /** The offending bytes, built for the target's domain. */
  bytes: (domain: string) => string | Buffer;
  /** The rows of fixtures/rfc/condition-grades.tsv that grade the stream error (the cited sentences). */
  gradedBy: string[];
  /** The bytes are a header to the target's own domain: the error comes after a response header (§4.9.1.2). */
  headerFirst?: boolean;
}

/** The rows as cases: send the bytes, and the stream must end with a stream error graded per row. */
export function streamBytesCases(rows: StreamBytesRow[]): CaseSpec[] {
  return tableCases(rows, {
    users: [],
    needs: ["tcp"],
    async run(row, ctx) {
      const s = row.on === "start" ? await ctx.connect() : await ctx.openSecured();
      await expectStreamError(ctx, s, row.gradedBy, row.bytes(ctx.domain));
      if (row.headerFirst) assertResponseHeader(s);
    },
  });
}

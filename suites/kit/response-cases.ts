// The cases that read what a plain client open gets back (RFC 6120 §4.3.2, §4.7, §4.8.1, §5.4.1): the
// response header and the first features. One scenario, the open; each row checks one thing of it.
import type { CaseSpec } from "../../harness/runner/case.ts";
import type { CaseContext } from "../../harness/runner/context.ts";
import type { Opened } from "../../harness/session.ts";
import { type Row, tableCases } from "./tables.ts";

export interface ResponseRow extends Row {
  /** What must hold of the response: a failed ctx.expect or a thrown Violation when it does not. */
  check: (ctx: CaseContext, s: Opened) => void;
}

/** The rows as cases: connect, open a stream and read its first features, then the row's check. */
export function responseCases(rows: ResponseRow[]): CaseSpec[] {
  return tableCases(rows, {
    users: [],
    async run(row, ctx) {
      row.check(ctx, await ctx.open());
    },
  });
}

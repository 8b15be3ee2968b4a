// The same case over several client transports (kit/transports.ts rows): a family whose title and
// scenario depend only on the transport, built on tableCases.
import type { CaseSpec } from "../../harness/runner/case.ts";
import type { CaseContext } from "../../harness/runner/context.ts";
import type { UserSpec, Users } from "../../harness/runner/users.ts";
import { tableCases } from "./tables.ts";
import type { TransportRow } from "./transports.ts";

/** A row of a per-transport family: its id, its transport, and its requirements where they vary by row. */
export interface TransportCaseRow {
  id: string;
  via: TransportRow;
  requirements?: string[];
}

/** One case per row: the title and the scenario written once, given the row's transport. */
export function transportCases(
  rows: TransportCaseRow[],
  family: {
    title: (via: TransportRow) => string;
    requirements?: string[];
    users?: UserSpec[];
    run: (ctx: CaseContext, via: TransportRow, users: Users) => Promise<void>;
  },
): CaseSpec[] {
  const named = rows.map((row) => ({
    ...row,
    title: family.title(row.via),
    requirements: row.requirements ?? family.requirements ?? [],
    needs: row.via.needs,
  }));
  return tableCases(named, {
    users: family.users ?? [],
    run: (row, ctx, users) => family.run(ctx, row.via, users),
  });
}

// A family of cases that differ only in data: one row each, one scenario for all.
import type { CaseSpec } from "../../harness/runner/case.ts";
import type { CaseContext } from "../../harness/runner/context.ts";
import type { UserSpec, Users } from "../../harness/runner/users.ts";

/** What every row names: the case it becomes. */
export interface CaseRow {
  id: string;
  title: string;
  requirements: string[];
}

/** The rows as cases: the users each row declares (or all share), run through the one scenario. */
export function tableCases<R extends CaseRow>(
  rows: R[],
  users: UserSpec[] | ((row: R) => UserSpec[]),
  scenario: (ctx: CaseContext, users: Users, row: R) => Promise<void>,
): CaseSpec[] {
  return rows.map((row) => ({
    id: row.id,
    title: row.title,
    requirements: row.requirements,
    users: typeof users === "function" ? users(row) : users,
    run: (ctx, u) => scenario(ctx, u, row),
  }));
}

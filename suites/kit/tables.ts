// Families that differ only in data (DESIGN: "one table and one scenario"): a row names the case and
// carries its data; the scenario, written once, runs each row.
import type { CaseSpec, Need } from "../../harness/runner/case.ts";
import type { CaseContext } from "../../harness/runner/context.ts";
import type { UserSpec, Users } from "../../harness/runner/users.ts";

/** What every row names: the case it becomes. A row may set its own users or needs. */
export interface Row {
  id: string;
  title: string;
  requirements: string[];
  users?: UserSpec[];
  needs?: Need[];
}

export interface Scenario<R extends Row> {
  /** The users of every row that does not name its own. */
  users: UserSpec[];
  needs?: Need[];
  run(row: R, ctx: CaseContext, users: Users): Promise<void>;
}

/** One case per row, each running the scenario on its row. */
export function tableCases<R extends Row>(rows: R[], scenario: Scenario<R>): CaseSpec[] {
  return rows.map((row) => ({
    id: row.id,
    title: row.title,
    requirements: row.requirements,
    users: row.users ?? scenario.users,
    ...((row.needs ?? scenario.needs) ? { needs: row.needs ?? scenario.needs } : {}),
    run: (ctx, users) => scenario.run(row, ctx, users),
  }));
}

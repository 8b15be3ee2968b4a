// A case written in a test (not in the registry): a MUST case of the "test" suite with these users.
import type { Case } from "../../harness/runner/case.ts";

export function testCase(id: string, users: string[], run: Case["run"]): Case {
  return {
    id,
    title: id,
    requirements: [],
    users,
    run,
    level: "MUST",
    suite: "test",
    section: "1",
    sectionTitle: "t",
  };
}

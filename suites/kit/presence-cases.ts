// The set-up most RFC 6121 §4 cases start from, named once: alice and bob online, bob subscribed to
// alice's presence (her roster: bob 'from', his: alice 'to'), the pushes seen and nothing more.
import type { CaseSpec } from "../../harness/runner/case.ts";
import type { CaseContext } from "../../harness/runner/context.ts";
import type { Users } from "../../harness/runner/users.ts";
import { subscribe } from "./subscriptions.ts";

/** A case that runs once bob (online) is subscribed to alice's (online) presence. */
export function withSubscriber(
  spec: Omit<CaseSpec, "users" | "run"> & { run: (ctx: CaseContext, users: Users) => Promise<void> },
): CaseSpec {
  const { run, ...rest } = spec;
  return {
    ...rest,
    users: ["alice:online", "bob:online"],
    async run(ctx, users) {
      await subscribe(users.bob, users.alice, { settle: false });
      await run(ctx, users);
    },
  };
}

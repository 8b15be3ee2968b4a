// The set-ups many RFC 6121 cases start from, each named once (startingFrom): alice and bob online, then
// either bob subscribed to alice's presence (§4: her roster has bob 'from', the pushes seen and nothing
// more) or alice's subscription request pending at bob (§3.1: delivered, not yet answered).
import type { CaseSpec } from "../../harness/runner/case.ts";
import type { CaseContext } from "../../harness/runner/context.ts";
import type { UserSpec, Users } from "../../harness/runner/users.ts";
import { requestSubscription } from "./roster-cases.ts";
import { subscribe } from "./subscriptions.ts";

type SetUpCase = Omit<CaseSpec, "users" | "run"> & { run: (ctx: CaseContext, users: Users) => Promise<void> };

/**
 * Cases with these users that run once `setUp` has put them in a starting state. The starting state is a
 * set-up step named `step`: a server that cannot reach it gets ERROR ("not exercised"), not a FAIL.
 */
export function startingFrom(
  users: UserSpec[],
  step: string,
  setUp: (users: Users) => Promise<unknown>,
): (spec: SetUpCase) => CaseSpec {
  return ({ run, ...rest }) => ({
    ...rest,
    users,
    async run(ctx, users) {
      await ctx.setUp(step, () => setUp(users));
      await run(ctx, users);
    },
  });
}

const PAIR: UserSpec[] = ["alice:online", "bob:online"];

/** A case that runs once bob is subscribed to alice's presence. */
export const withSubscriber = startingFrom(PAIR, "bob subscribes to alice's presence", ({ alice, bob }) =>
  subscribe(bob, alice, { settle: false }),
);

/** A case that runs once alice's request to subscribe to bob has reached him, unanswered. */
export const withPendingRequest = startingFrom(
  PAIR,
  "alice's subscription request reaches bob",
  ({ alice, bob }) => requestSubscription(alice, bob),
);

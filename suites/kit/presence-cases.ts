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
 * Cases with these users that run once `setUp` has put them in a starting state. With a `step` name the
 * starting state is a set-up step (a server that cannot reach it gets ERROR "not exercised", not a FAIL);
 * without one, reaching it is part of what the cases check.
 */
export function startingFrom(
  users: UserSpec[],
  step: string | undefined,
  setUp: (users: Users) => Promise<unknown>,
): (spec: SetUpCase) => CaseSpec {
  return ({ run, ...rest }) => ({
    ...rest,
    users,
    async run(ctx, users) {
      await (step ? ctx.setUp(step, () => setUp(users)) : setUp(users));
      await run(ctx, users);
    },
  });
}

const PAIR: UserSpec[] = ["alice:online", "bob:online"];

/** A case that runs once bob is subscribed to alice's presence. */
export const withSubscriber = startingFrom(PAIR, "bob subscribes to alice's presence", ({ alice, bob }) =>
  subscribe(bob, alice, { settle: false }),
);

/**
 * A case that runs once alice's request to subscribe to bob has reached him, unanswered. Not a set-up step:
 * its cases (§3.1.3, §3.1.5) check the contact's server's handling of that very request (not approving it
 * on its own, say), which shows while the request is delivered.
 */
export const withPendingRequest = startingFrom(PAIR, undefined, ({ alice, bob }) =>
  requestSubscription(alice, bob),
);

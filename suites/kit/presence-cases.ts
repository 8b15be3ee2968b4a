// The set-ups many RFC 6121 cases start from, named once: alice and bob online, then either bob
// subscribed to alice's presence (§4: her roster has bob 'from', the pushes seen and nothing more) or
// alice's subscription request pending at bob (§3.1: delivered, not yet answered).
import type { CaseSpec } from "../../harness/runner/case.ts";
import type { CaseContext } from "../../harness/runner/context.ts";
import type { Users } from "../../harness/runner/users.ts";
import { requestSubscription } from "./roster-cases.ts";
import { subscribe } from "./subscriptions.ts";

type PairCase = Omit<CaseSpec, "users" | "run"> & { run: (ctx: CaseContext, users: Users) => Promise<void> };

/** Cases with alice and bob online that run once `setUp` has put them in a starting state. */
function startingFrom(setUp: (users: Users) => Promise<unknown>): (spec: PairCase) => CaseSpec {
  return ({ run, ...rest }) => ({
    ...rest,
    users: ["alice:online", "bob:online"],
    async run(ctx, users) {
      await setUp(users);
      await run(ctx, users);
    },
  });
}

/** A case that runs once bob is subscribed to alice's presence. */
export const withSubscriber = startingFrom(({ alice, bob }) => subscribe(bob, alice, { settle: false }));

/** A case that runs once alice's request to subscribe to bob has reached him, unanswered. */
export const withPendingRequest = startingFrom(({ alice, bob }) => requestSubscription(alice, bob));

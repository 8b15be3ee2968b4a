// The session level keeps its users logged in across model runs: each run starts from the model's initial
// state (no roster items, no subscriptions, no stored offline messages) whatever the previous run left,
// a failed run gives the next one new users, and a fault is still found on kept users.
import { expect } from "chai";
import { sessionLevel } from "../harness/fuzz/levels/session.ts";
import { type CommandSpec, commandOf } from "../harness/fuzz/levels/session-commands.ts";
import { keptSessionUsers } from "../harness/fuzz/levels/session-parties.ts";
import type { Rig } from "../harness/fuzz/rig.ts";
import { runCase } from "../harness/fuzz/run-case.ts";
import { openRig } from "../harness/fuzz/setup.ts";
import { OracleFailure } from "../harness/fuzz/types.ts";

const BASE = { tls: "optional", insecure: false, account: [] as string[] };
const run = (rig: Rig, specs: CommandSpec[]) => runCase(rig, sessionLevel, specs.map(commandOf));

/** Mutual subscriptions and a message stored for the offline user: everything the model's start excludes. */
const LEAVES_STATE: CommandSpec[] = [
  { op: "subscribe", who: "a" },
  { op: "approve", who: "b" },
  { op: "subscribe", who: "b" },
  { op: "offline", who: "a", body: "left over" },
];
/** Passes only from the initial state: empty rosters, no presence to a non-subscriber, nothing stored. */
const CHECKS_START: CommandSpec[] = [
  { op: "roster", who: "a" },
  { op: "roster", who: "b" },
  { op: "broadcast", who: "a" },
  { op: "broadcast", who: "b" },
  { op: "offline-login" },
];

describe("the session level reuses its users across model runs", function () {
  this.timeout(60_000);

  it("resets what a run left (subscriptions, pending requests, offline messages) on the same sessions", async () => {
    const o = await openRig({ ...BASE, fault: [] }, 3000);
    try {
      await run(o.rig, LEAVES_STATE);
      const first = keptSessionUsers(o.rig);
      expect(first?.runs).to.equal(0);
      await run(o.rig, CHECKS_START);
      const second = keptSessionUsers(o.rig);
      // the same users, reset, not new ones (a failure there would have been retried on new users)
      expect(second).to.equal(first);
      expect(second?.runs).to.equal(1);
      expect(second?.users.a.closed).to.equal(false);
    } finally {
      await o.close();
    }
  });

  it("finds a fault on kept users, and gives the run after a failure new users", async () => {
    const o = await openRig({ ...BASE, fault: ["offline-alter"] }, 3000);
    try {
      await run(o.rig, [{ op: "roster", who: "a" }]);
      const before = keptSessionUsers(o.rig);
      const err = await run(o.rig, [
        { op: "offline", who: "a", body: "stored" },
        { op: "offline-login" },
      ]).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).to.be.instanceOf(OracleFailure);
      expect((err as OracleFailure).oracle).to.equal("payload");
      await run(o.rig, [{ op: "roster", who: "b" }]);
      const after = keptSessionUsers(o.rig);
      expect(after).to.not.equal(before);
      expect(after?.runs).to.equal(0);
    } finally {
      await o.close();
    }
  });
});

// The stream-management level's parties across model runs (./kept-parties.ts): both accounts, and bob's
// session, are kept. alice logs in anew for every run: XEP-0198 §3 enables stream management once per
// stream, and each run starts from a stream on which it was never enabled. Message ids number on across
// the runs, so nothing a server still delivers from an earlier run can pass for this run's.
import type { Account } from "../../runner/accounts.ts";
import type { Session } from "../../session.ts";
import type { Rig } from "../rig.ts";
import { type KeptBase, KeptParties } from "./kept-parties.ts";

export interface SmParties extends KeptBase {
  aliceAccount: Account;
  bob: Session;
  /** Numbers message ids across the runs these parties serve. */
  serial: { n: number };
}

async function login(rig: Rig): Promise<SmParties> {
  const [a, b] = await rig.freshAccounts(2);
  const bob = await rig.loginKept(b, "bob", false);
  return {
    aliceAccount: a,
    bob,
    serial: { n: 0 },
    sessions: [bob],
    accountList: [a, b],
    restarts: rig.restarts,
    runs: 0,
  };
}

/** bob only sends: what an earlier run left him (alice's messages, bounces) is read and forgotten. */
async function reset(_rig: Rig, u: SmParties): Promise<boolean> {
  u.bob.inbox.splice(0, u.bob.inbox.length);
  return true;
}

/** The stream-management level's parties, per rig. */
export const smParties = new KeptParties<SmParties>({ login, reset });

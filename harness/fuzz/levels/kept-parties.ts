// Parties a model level keeps logged in across its model runs (a login costs a real server a SCRAM
// derivation, an account a registration). Each level says how its parties log in and how they get back to
// the state its model starts from, the RFC or XEP way; parties that cannot get there are dropped and new
// ones log in. A run that failed on kept parties is decided again on new ones: what a server kept of them
// past the reset must not become a finding, and a finding then replays, on new parties, as it was found.
import { bounded } from "../../bounded.ts";
import type { Account } from "../../runner/accounts.ts";
import type { Session } from "../../session.ts";
import type { Rig } from "../rig.ts";

/** What every level's kept parties carry. */
export interface KeptBase {
  /** The sessions kept logged in (rig.loginKept). */
  sessions: Session[];
  /** The accounts to give back when the parties are dropped. */
  accountList: Account[];
  /** The rig's restart count when these logged in: a restarted embedded server knows none of them. */
  restarts: number;
  /** Model runs these parties have served before this one (0: new parties). */
  runs: number;
}

export interface KeptSpec<U extends KeptBase> {
  /** New parties (fresh accounts, kept logins). */
  login(rig: Rig): Promise<U>;
  /** Back to the model's initial state; false when the target would not get there. */
  reset(rig: Rig, u: U): Promise<boolean>;
}

/** A drop waits this long for the sessions' close handshakes, then goes on without them. */
const DROP_MS = 2000;

export class KeptParties<U extends KeptBase> {
  readonly #kept = new WeakMap<Rig, U>();

  constructor(private readonly spec: KeptSpec<U>) {}

  /** The parties for the next run, in the model's initial state: the kept ones reset, or new ones. */
  async get(rig: Rig): Promise<U> {
    const u = this.#kept.get(rig);
    if (
      u &&
      u.restarts === rig.restarts &&
      !u.sessions.some((s) => s.closed || s.streamEnded) &&
      (await this.spec.reset(rig, u).catch(() => false))
    ) {
      u.runs += 1;
      return u;
    }
    if (u) await this.drop(rig, u);
    const fresh = await this.spec.login(rig);
    this.#kept.set(rig, fresh);
    return fresh;
  }

  /** Log the parties out and give their accounts back (after a failed run, or when the reset failed). */
  async drop(rig: Rig, u: U): Promise<void> {
    if (this.#kept.get(rig) === u) this.#kept.delete(rig);
    for (const s of u.sessions) rig.releaseKept(s);
    await Promise.all(u.sessions.map((s) => s.close(500).catch(() => s.destroy())));
    if (rig.target.provisioner.kind !== "embedded") void rig.releaseAccounts(u.accountList);
    else await rig.releaseAccounts(u.accountList);
  }

  /** The parties kept for the rig's next run, if any (for tests). */
  current(rig: Rig): U | undefined {
    return this.#kept.get(rig);
  }

  /**
   * `run` on the kept parties; a failure there is decided again on new ones (when the kept ones had served
   * earlier runs). Parties a run failed on are dropped: the state they are left in is nobody's to know.
   */
  async run(rig: Rig, run: (u: U) => Promise<void>): Promise<void> {
    const u = await this.get(rig);
    try {
      await this.#dropOnFailure(rig, u, run);
    } catch (err) {
      if (u.runs === 0) throw err;
      await this.#dropOnFailure(rig, await this.get(rig), run);
    }
  }

  async #dropOnFailure(rig: Rig, u: U, run: (u: U) => Promise<void>): Promise<void> {
    try {
      await run(u);
    } catch (err) {
      await bounded(this.drop(rig, u), DROP_MS, () => undefined);
      throw err;
    }
  }
}

// Existing accounts (--account user:password), leased one case at a time and reset before each case.
import { Skip } from "../errors.ts";
import type { Session } from "../session.ts";
import { resetAccount } from "./account-reset.ts";
import { type Account, type AccountProvisioner, account } from "./accounts.ts";

/** "user:password" or "user@domain:password" as an Account; `flag` names the option in the error. */
export function parseAccountSpec(spec: string, domain: string, flag = "--account"): Account {
  const i = spec.indexOf(":");
  if (i <= 0 || i === spec.length - 1) throw new Error(`${flag} wants user:password, got '${spec}'`);
  const user = spec.slice(0, i);
  const at = user.indexOf("@");
  return at < 0
    ? account(user, spec.slice(i + 1), domain)
    : account(user.slice(0, at), spec.slice(i + 1), user.slice(at + 1));
}

export class PoolProvisioner implements AccountProvisioner {
  readonly kind = "pool";
  private free: Account[];
  private waiting: (() => void)[] = [];

  constructor(
    readonly accounts: Account[],
    domain: string,
  ) {
    this.free = accounts.map((a) => ({ ...a, domain: a.domain || domain }));
  }

  /** The --account specs; two accounts sharing a password are refused (a case logs in with another's). */
  static parse(specs: string[], domain: string): Account[] {
    const accounts = specs.map((spec) => parseAccountSpec(spec, domain));
    accounts.forEach((a, i) => {
      const twin = accounts.slice(0, i).find((b) => b.password === a.password);
      if (twin) {
        throw new Error(
          `--account: ${twin.jid} and ${a.jid} share a password; give each its own (rfc6120/6.4.5 checks that one account's password does not open another)`,
        );
      }
    });
    return accounts;
  }

  /** Lease `count` accounts and reset each; a case needing more than the pool holds is SKIP. */
  async acquire(count: number, open: () => Promise<Session>): Promise<Account[]> {
    if (count > this.accounts.length) {
      throw new Skip(
        `the case needs ${count} accounts; the pool has ${this.accounts.length} (give ${count} --account)`,
      );
    }
    while (this.free.length < count) await new Promise<void>((r) => this.waiting.push(r));
    const leased = this.free.splice(0, count);
    try {
      // one after another: two leased accounts may have each other in their rosters
      for (const a of leased) await resetAccount(a, open);
    } catch (err) {
      await this.release(leased);
      throw err;
    }
    return leased;
  }

  async release(accounts: Account[]): Promise<void> {
    this.free.push(...accounts);
    const w = this.waiting;
    this.waiting = [];
    for (const r of w) r();
  }
}

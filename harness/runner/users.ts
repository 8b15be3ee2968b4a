// The people of a case: `users: ["alice", "bob:online"]` names who takes part and in what state, so a
// case starts from its scenario instead of a login prelude. Each user is one fresh account.
import { HarnessError } from "../errors.ts";
import type { Bound } from "../session.ts";
import type { Account } from "./accounts.ts";

/**
 * How far a user is set up before the case runs:
 * - account: the account exists; nobody is logged in (SASL and registration cases log in themselves);
 * - bound: logged in with a bound resource (the default);
 * - interested: bound and has requested the roster (RFC 6121 §2.1.6 "interested resource");
 * - available: bound and has sent initial presence (RFC 6121 §4.2 "available resource");
 * - online: both interested and available.
 */
export type UserState = "account" | "bound" | "interested" | "available" | "online";
export const USER_STATES: readonly UserState[] = ["account", "bound", "interested", "available", "online"];

/** "alice" or "alice:online". */
export type UserSpec = string;

/** A logged-in session of a case's user: its JID is always there. */
export type Client = Bound & {
  readonly account: Account;
  /** The bare JID, as the server bound it. */
  readonly bare: string;
  /** The full JID, as the server bound it. */
  readonly full: string;
};

/** The case's users by name; a user declared `:account` has no session (use ctx.account(name)). */
export type Users = Record<string, Client>;

export interface ParsedUser {
  name: string;
  state: UserState;
}

/** "bob:online" -> { name: "bob", state: "online" }; an unknown state is the case author's error. */
export function parseUser(spec: UserSpec): ParsedUser {
  const [name, state = "bound", extra] = spec.split(":");
  if (!/^[a-z][a-z0-9]*$/.test(name) || extra !== undefined || !USER_STATES.includes(state as UserState)) {
    throw new Error(`user '${spec}' is not name[:${USER_STATES.join("|")}]`);
  }
  return { name, state: state as UserState };
}

/** The session as a Client of `account`: `bare` and `full` read the bound JID. */
export function asClient(s: Bound, account: Account): Client {
  return Object.defineProperties(s, {
    account: { value: account, configurable: true },
    bare: { get: () => s.jid.bare().toString(), configurable: true },
    full: { get: () => s.jid.toString(), configurable: true },
  }) as Client;
}

/** users.name for a user that was declared but has no session: a clear error, not an undefined. */
export function usersView(clients: Map<string, Client>, declared: ParsedUser[]): Users {
  return new Proxy({} as Users, {
    get(_, key) {
      // "then": the view passes through await (Promise resolution looks for a thenable)
      if (typeof key !== "string" || key === "then") return undefined;
      const c = clients.get(key);
      if (c) return c;
      const d = declared.find((u) => u.name === key);
      throw new HarnessError(
        d ? `user ${key} is declared '${d.state}': use ctx.account("${key}")` : `no user ${key} in this case`,
      );
    },
    ownKeys: () => [...clients.keys()],
    getOwnPropertyDescriptor: (_, key) =>
      typeof key === "string" && clients.has(key)
        ? { value: clients.get(key), enumerable: true, configurable: true }
        : undefined,
  });
}

// Accounts made and deleted by a shell command (`prosodyctl register {user} {domain} {password}`,
// `ejabberdctl register ...`): for servers with in-band registration off, run where the server is.
import { execFile } from "node:child_process";
import { availableParallelism } from "node:os";
import { HarnessError } from "../errors.ts";
import { type Account, type AccountProvisioner, account, freshName, freshPassword } from "./accounts.ts";

/** The placeholders a template may use. */
export const COMMAND_PLACEHOLDERS = ["user", "domain", "password", "jid"] as const;

/** Single-quoted for sh: the values are ours (fresh names, random passwords), quoted all the same. */
function quote(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

/** The template with its placeholders filled; an unknown {name} is refused. */
export function fillCommand(template: string, a: Account): string {
  const values: Record<string, string> = {
    user: a.username,
    domain: a.domain,
    password: a.password,
    jid: a.jid,
  };
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    if (!(name in values))
      throw new Error(
        `unknown placeholder ${whole} (use ${COMMAND_PLACEHOLDERS.map((p) => `{${p}}`).join(" ")})`,
      );
    return quote(values[name]);
  });
}

function run(template: string, a: Account, timeoutMs: number): Promise<void> {
  const command = fillCommand(template, a);
  return new Promise((resolve, reject) => {
    execFile("/bin/sh", ["-c", command], { timeout: timeoutMs }, (err, _out, stderr) => {
      if (!err) return resolve();
      const said = `${stderr}`.trim().split("\n").at(-1)?.replaceAll(a.password, "***") ?? "";
      const how = err.killed ? `timed out after ${timeoutMs} ms` : `exit ${err.code}`;
      reject(new HarnessError(`account command for ${a.jid} failed (${how})${said ? `: ${said}` : ""}`));
    });
  });
}

/**
 * Commands running at once, at most one a core: a server's control tool is often a whole runtime per call
 * (ejabberdctl starts an Erlang node and asks ejabberd over RPC; with two dozen at once on 2 cores, some gave
 * up with exit 3, "badrpc"), and concurrent cases would otherwise start one per account all together.
 */
class CommandGate {
  #running = 0;
  readonly #waiting: (() => void)[] = [];
  constructor(private readonly atOnce: number) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.#running < this.atOnce) this.#running += 1;
    else await new Promise<void>((resolve) => this.#waiting.push(resolve));
    try {
      return await work();
    } finally {
      // the slot passes straight to the next in line, so no newcomer slips in between
      const next = this.#waiting.shift();
      if (next) next();
      else this.#running -= 1;
    }
  }
}

export class CommandProvisioner implements AccountProvisioner {
  readonly kind = "command";
  readonly #gate: CommandGate;
  constructor(
    private readonly domain: string,
    private readonly create: string,
    /** Without one, the accounts stay behind. */
    private readonly remove: string | undefined,
    private readonly timeoutMs = 30_000,
    atOnce = availableParallelism(),
  ) {
    this.#gate = new CommandGate(Math.max(1, atOnce));
    // a template mistake is the user's, said once before the run
    fillCommand(create, account("u", "p", domain));
    if (remove) fillCommand(remove, account("u", "p", domain));
  }

  async acquire(count: number): Promise<Account[]> {
    const made = Array.from({ length: count }, () => account(freshName(), freshPassword(), this.domain));
    await Promise.all(made.map((a) => this.#gate.run(() => run(this.create, a, this.timeoutMs))));
    return made;
  }

  async release(accounts: Account[]): Promise<void> {
    const remove = this.remove;
    if (remove) await Promise.all(accounts.map((a) => this.#gate.run(() => run(remove, a, this.timeoutMs))));
  }
}

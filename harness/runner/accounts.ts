// Account provisioning: fresh accounts per case so cases run in parallel and leave nothing behind.
import { randomBytes } from "node:crypto";
import { HarnessError, StreamClosed } from "../errors.ts";
import type { Session } from "../session.ts";
import type { Transcript } from "../transcript.ts";
import { type Element, NS, xml } from "../xml/element.ts";

export interface Account {
  username: string;
  password: string;
  domain: string;
  /** username@domain */
  jid: string;
}

/**
 * Opens a negotiated stream to the target for provisioning, recorded in the case's transcript unless
 * the provisioner passes one of its own (a stream that outlives the case).
 */
export type ProvisioningOpener = (transcript?: Transcript) => Promise<Session>;

export interface AccountProvisioner {
  readonly kind: "embedded" | "in-band" | "pool" | "admin" | "command";
  /** Fresh accounts (or leased pool accounts); `open` opens a stream when the provisioner needs one. */
  acquire(count: number, open: ProvisioningOpener): Promise<Account[]>;
  release(accounts: Account[], open: ProvisioningOpener): Promise<void>;
  /** Close what the provisioner keeps open between cases; it opens again when used again. */
  end?(): Promise<void>;
}

export function freshName(prefix = "xs"): string {
  return `${prefix}${randomBytes(5).toString("hex")}`;
}

export function freshPassword(): string {
  return randomBytes(12).toString("base64url");
}

/**
 * The reference server's provisioning API: its MemoryAccountStore in this thread, or the same store behind
 * a worker thread (WorkerServer), whose answers come back asynchronously.
 */
export interface EmbeddedAccounts {
  /** False if the account exists already. */
  create(bareJid: string, password: string): boolean | Promise<boolean>;
  remove(bareJid: string): boolean | Promise<boolean>;
}

/** Accounts made through the reference server's own API. */
export class EmbeddedProvisioner implements AccountProvisioner {
  readonly kind = "embedded";
  constructor(
    private readonly store: EmbeddedAccounts,
    private readonly domain: string,
  ) {}

  async acquire(count: number): Promise<Account[]> {
    const made = Array.from({ length: count }, () => account(freshName(), freshPassword(), this.domain));
    // all at once: with a worker each create is a round trip, and the case waits on the slowest only
    await Promise.all(made.map((a) => this.store.create(a.jid, a.password)));
    return made;
  }

  async release(accounts: Account[]): Promise<void> {
    await Promise.all(accounts.map((a) => this.store.remove(a.jid)));
  }
}

export function account(username: string, password: string, domain: string): Account {
  return { username, password, domain, jid: `${username}@${domain}` };
}

/** XEP-0077 §3.1: the registration of `a` (sent to its domain before authentication). */
export function registerIq(a: Account): Element {
  return xml(
    "iq",
    { type: "set", to: a.domain },
    xml("query", { xmlns: NS.register }, xml("username", {}, a.username), xml("password", {}, a.password)),
  );
}

/** XEP-0077 §3.2: cancel the registration of the account the stream is logged in as. */
export function cancelRegistrationIq(): Element {
  return xml("iq", { type: "set" }, xml("query", { xmlns: NS.register }, xml("remove")));
}

/** The target answered a registration with an error. */
class Refused extends HarnessError {}

/** XEP-0077 in-band registration, and cancellation afterwards (best effort). */
export class InBandProvisioner implements AccountProvisioner {
  readonly kind = "in-band";
  constructor(private readonly domain: string) {}

  /**
   * A case's accounts are registered one after another on one stream: a TLS handshake costs a Lua or Erlang
   * server about as much as the registration itself. A registration refused on a stream that already
   * registered one goes again on a fresh stream (a server may take one per stream); only a fresh stream's
   * refusal fails the set-up.
   */
  async acquire(count: number, open: () => Promise<Session>): Promise<Account[]> {
    const made: Account[] = [];
    let s: Session | undefined;
    let registeredHere = 0;
    try {
      while (made.length < count) {
        // more tries when the stream broke: the jabberd2 stale routing error of release() below can hit a new
        // connection's registration just as well, once for every account another run has just removed
        for (let attempt = 1; ; attempt++) {
          if (!s || s.closed) {
            s = await open();
            registeredHere = 0;
          }
          try {
            made.push(await this.register(s));
            registeredHere++;
            break;
          } catch (err) {
            const retry =
              err instanceof StreamClosed ? attempt < 4 : err instanceof Refused && registeredHere > 0;
            if (!retry) throw err;
            await s.close().catch(() => {});
            s = undefined;
          }
        }
      }
    } finally {
      await s?.close().catch(() => {});
    }
    return made;
  }

  private async register(s: Session): Promise<Account> {
    const a = account(freshName(), freshPassword(), this.domain);
    s.opts.transcript.secret(a.password);
    const el = registerIq(a);
    el.attrs.id = `reg-${a.username}`;
    const reply = s.expect({ name: "iq", id: el.attrs.id });
    await s.send(el, { redact: true });
    const r = await reply;
    if (r.attrs.type !== "result") {
      const cond = r.getChild("error")?.getChildElements()[0]?.name ?? "no condition";
      throw new Refused(`in-band registration of a test account failed: <${cond}/>`);
    }
    return a;
  }

  async release(accounts: Account[], open: () => Promise<Session>): Promise<void> {
    for (const a of accounts) {
      // a second try: jabberd2 2.7 may hand a just-removed account's stale routing error to this
      // new connection (<internal-server-error/>); it does so only once per removal
      for (let attempt = 0; attempt < 2 && !(await this.cancel(a, open)); attempt++);
    }
  }

  /** Cancel one registration; false when the stream broke before the server answered. */
  private async cancel(a: Account, open: () => Promise<Session>): Promise<boolean> {
    const s = await open().catch(() => undefined);
    if (!s) return false;
    try {
      await s.negotiate({ auth: { username: a.username, password: a.password }, bind: true });
      await s.iq(cancelRegistrationIq());
      return true;
    } catch (err) {
      // cleanup is best effort: a case may have broken the account on purpose (no retry then)
      return !(err instanceof StreamClosed);
    } finally {
      await s.close().catch(() => {});
    }
  }
}

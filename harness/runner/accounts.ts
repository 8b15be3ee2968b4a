// Account provisioning: fresh accounts per case so cases run in parallel and leave nothing behind.
import { randomBytes } from "node:crypto";
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

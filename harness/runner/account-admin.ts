// Accounts made and deleted by an admin through XEP-0133 service administration (ad-hoc commands,
// XEP-0050): for servers with in-band registration off. prosody (mod_admin_adhoc) and ejabberd
// (mod_configure) both offer "add user" and "delete user".
import { HarnessError, StreamClosed } from "../errors.ts";
import type { Session } from "../session.ts";
import { Transcript } from "../transcript.ts";
import { type Element, xml } from "../xml/element.ts";
import {
  type Account,
  type AccountProvisioner,
  account,
  freshName,
  freshPassword,
  type ProvisioningOpener,
} from "./accounts.ts";

export const NS_COMMANDS = "http://jabber.org/protocol/commands";
const NS_DATA = "jabber:x:data";
const NS_ADMIN = "http://jabber.org/protocol/admin";

function field(name: string, values: string[]): Element {
  return xml("field", { var: name }, ...values.map((v) => xml("value", {}, v)));
}

function failure(reply: Element): string | undefined {
  if (reply.attrs.type === "error") {
    return `<${reply.getChild("error")?.getChildElements()[0]?.name ?? "no condition"}/>`;
  }
  const note = reply.getChild("command", NS_COMMANDS)?.getChild("note");
  return note?.attrs.type === "error" ? note.text() || "an error note" : undefined;
}

export class AdminProvisioner implements AccountProvisioner {
  readonly kind = "admin";
  constructor(
    private readonly admin: Account,
    private readonly domain: string,
  ) {}

  /** Run one admin command: execute, then submit its form with `fields`. */
  private async command(s: Session, node: string, fields: Record<string, string[]>): Promise<void> {
    const to = this.domain;
    const started = await s.iq(
      xml("iq", { type: "set", to }, xml("command", { xmlns: NS_COMMANDS, node, action: "execute" })),
    );
    const why = failure(started);
    if (why) throw new HarnessError(`the admin command ${node} was refused: ${why}`);
    const sessionid = started.getChild("command", NS_COMMANDS)?.attrs.sessionid;
    const form = xml(
      "x",
      { xmlns: NS_DATA, type: "submit" },
      field("FORM_TYPE", [NS_ADMIN]),
      ...Object.entries(fields).map(([k, v]) => field(k, v)),
    );
    const submit = xml(
      "iq",
      { type: "set", to },
      xml("command", { xmlns: NS_COMMANDS, node, sessionid }, form),
    );
    const done = await s.iq(submit);
    const failed = failure(done);
    if (failed) throw new HarnessError(`the admin command ${node} failed: ${failed}`);
  }

  /**
   * One admin stream for every case of a run: a server limits an account's concurrent sessions
   * (ejabberd's default max_user_sessions is 10, and it ends the oldest with <conflict/>), and a
   * login per case would cost a SCRAM derivation each. Commands of concurrent cases share it: each
   * ad-hoc command carries its own sessionid.
   */
  private shared: Promise<Session> | undefined;

  private session(open: ProvisioningOpener): Promise<Session> {
    if (!this.shared) {
      const opening = (async () => {
        // its own transcript, keeping nothing: it outlives every case, and carries every password it sets
        const s = await open(new Transcript(0));
        try {
          const { username, password } = this.admin;
          await s.negotiate({ auth: { username, password }, bind: true });
          return s;
        } catch (err) {
          s.destroy();
          throw err;
        }
      })();
      this.shared = opening;
      opening.catch(() => this.forget(opening));
    }
    return this.shared;
  }

  private forget(session: Promise<Session>): void {
    if (this.shared === session) this.shared = undefined;
  }

  /** `work` on the shared admin stream; once more on a new one if the target ended it (an idle timeout). */
  private async asAdmin<T>(open: ProvisioningOpener, work: (s: Session) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const session = this.session(open);
      const s = await session;
      try {
        return await work(s);
      } catch (err) {
        if (!(err instanceof StreamClosed)) throw err;
        this.forget(session);
        s.destroy();
        if (attempt >= 2) throw err;
      }
    }
  }

  async acquire(count: number, open: ProvisioningOpener): Promise<Account[]> {
    if (!count) return [];
    const made: Account[] = [];
    await this.asAdmin(open, async (s) => {
      // the adds confirmed before a stream ended are kept; the one it cut off gets a new name, since it
      // may have happened
      while (made.length < count) {
        const a = account(freshName(), freshPassword(), this.domain);
        const fields = { accountjid: [a.jid], password: [a.password], "password-verify": [a.password] };
        await this.command(s, `${NS_ADMIN}#add-user`, fields);
        made.push(a);
      }
    });
    return made;
  }

  async release(accounts: Account[], open: ProvisioningOpener): Promise<void> {
    if (!accounts.length) return;
    await this.asAdmin(open, (s) =>
      this.command(s, `${NS_ADMIN}#delete-user`, { accountjids: accounts.map((a) => a.jid) }),
    );
  }

  async end(): Promise<void> {
    const session = this.shared;
    this.shared = undefined;
    const s = await session?.catch(() => undefined);
    await s?.close().catch(() => s.destroy());
  }
}

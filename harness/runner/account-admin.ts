// Accounts made and deleted by an admin through XEP-0133 service administration (ad-hoc commands,
// XEP-0050): for servers with in-band registration off. prosody (mod_admin_adhoc) and ejabberd
// (mod_configure) both offer "add user" and "delete user".
import { HarnessError } from "../errors.ts";
import type { Session } from "../session.ts";
import { type Element, xml } from "../xml/element.ts";
import { type Account, type AccountProvisioner, account, freshName, freshPassword } from "./accounts.ts";

const NS_COMMANDS = "http://jabber.org/protocol/commands";
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

  private async asAdmin<T>(open: () => Promise<Session>, work: (s: Session) => Promise<T>): Promise<T> {
    const s = await open();
    try {
      s.opts.transcript.secret(this.admin.password);
      const { username, password } = this.admin;
      await s.negotiate({ auth: { username, password }, bind: true });
      return await work(s);
    } finally {
      await s.close().catch(() => s.destroy());
    }
  }

  async acquire(count: number, open: () => Promise<Session>): Promise<Account[]> {
    if (!count) return [];
    const made = Array.from({ length: count }, () => account(freshName(), freshPassword(), this.domain));
    await this.asAdmin(open, async (s) => {
      for (const a of made) {
        s.opts.transcript.secret(a.password);
        const fields = { accountjid: [a.jid], password: [a.password], "password-verify": [a.password] };
        await this.command(s, `${NS_ADMIN}#add-user`, fields);
      }
    });
    return made;
  }

  async release(accounts: Account[], open: () => Promise<Session>): Promise<void> {
    if (!accounts.length) return;
    await this.asAdmin(open, (s) =>
      this.command(s, `${NS_ADMIN}#delete-user`, { accountjids: accounts.map((a) => a.jid) }),
    );
  }
}

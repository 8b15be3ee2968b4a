// --provision admin (XEP-0133 over XEP-0050): one admin stream serves every case of a run, because a
// server limits an account's concurrent sessions (ejabberd's default of 10 ended the oldest admin stream
// with <conflict/> when eight cases each logged the admin in), and a stream the target ends is replaced.
import { expect } from "chai";
import { HarnessError, StreamClosed } from "../harness/errors.ts";
import { AdminProvisioner, NS_COMMANDS } from "../harness/runner/account-admin.ts";
import { account } from "../harness/runner/accounts.ts";
import type { Session } from "../harness/session.ts";
import { type Element, xml } from "../harness/xml/element.ts";

/** What a stand-in admin server saw: logins, sessions open at once, and the accounts each command named. */
interface Seen {
  logins: number;
  open: number;
  mostOpen: number;
  added: string[];
  deleted: string[];
}

/**
 * A stand-in for the target's admin stream: it answers execute with a form and a submit with
 * "completed", like prosody and ejabberd; at command `failAt` (counted over every stream) it ends the
 * stream instead of answering.
 */
function adminServer(o: { failAt?: number; refuse?: string } = {}) {
  const seen: Seen = { logins: 0, open: 0, mostOpen: 0, added: [], deleted: [] };
  let commands = 0;
  const open = async (): Promise<Session> => {
    let ended = false;
    const end = () => {
      if (!ended) seen.open--;
      ended = true;
    };
    const s = {
      negotiate: async () => {
        seen.logins++;
        seen.open++;
        seen.mostOpen = Math.max(seen.mostOpen, seen.open);
      },
      iq: async (el: Element): Promise<Element> => {
        await new Promise((r) => setTimeout(r, 2));
        if (ended || ++commands === o.failAt) {
          end();
          throw new StreamClosed("the target ended the stream with <conflict/>", "conflict");
        }
        const cmd = el.getChild("command", NS_COMMANDS);
        if (o.refuse) return xml("iq", { type: "error" }, xml("error", {}, xml(o.refuse)));
        const x = cmd?.getChild("x", "jabber:x:data");
        if (!x) return xml("iq", { type: "result" }, xml("command", { xmlns: NS_COMMANDS, sessionid: "s1" }));
        const values = (name: string) =>
          x
            .getChildren("field")
            .filter((f) => f.attrs.var === name)
            .flatMap((f) => f.getChildren("value").map((v) => v.text()));
        if (cmd?.attrs.node.endsWith("#add-user")) seen.added.push(...values("accountjid"));
        else seen.deleted.push(...values("accountjids"));
        return xml("iq", { type: "result" }, xml("command", { xmlns: NS_COMMANDS, status: "completed" }));
      },
      close: async () => end(),
      destroy: end,
    };
    return s as unknown as Session;
  };
  return { seen, open };
}

const admin = () => new AdminProvisioner(account("admin", "secret", "localhost"), "localhost");

describe("--provision admin", () => {
  it("gives eight concurrent cases their accounts over one admin stream, and closes it at the end", async () => {
    const { seen, open } = adminServer();
    const p = admin();
    const got = await Promise.all(Array.from({ length: 8 }, () => p.acquire(2, open)));
    await Promise.all(got.map((a) => p.release(a, open)));
    expect(seen.logins).to.equal(1);
    expect(seen.mostOpen).to.equal(1);
    const jids = got.flat().map((a) => a.jid);
    expect(new Set(jids).size).to.equal(16);
    expect([...seen.added].sort()).to.deep.equal([...jids].sort());
    expect([...seen.deleted].sort()).to.deep.equal([...jids].sort());
    await p.end();
    expect(seen.open).to.equal(0);
    // used again after the end: a new stream
    await p.acquire(1, open);
    expect(seen.logins).to.equal(2);
  });

  it("replaces a stream the target ended, keeping the adds it confirmed", async () => {
    // the stream ends at the second account's submit: that add may or may not have happened
    const { seen, open } = adminServer({ failAt: 4 });
    const p = admin();
    const made = await p.acquire(2, open);
    const [c] = await p.acquire(1, open);
    expect(seen.logins).to.equal(2);
    expect(seen.added).to.deep.equal([...made, c].map((a) => a.jid));
  });

  it("says which command the target refused, without retrying", async () => {
    const { seen, open } = adminServer({ refuse: "forbidden" });
    const err = await admin()
      .acquire(1, open)
      .catch((e: Error) => e);
    expect(err).to.be.instanceOf(HarnessError);
    expect((err as Error).message).to.equal(
      "the admin command http://jabber.org/protocol/admin#add-user was refused: <forbidden/>",
    );
    expect(seen.logins).to.equal(1);
  });
});

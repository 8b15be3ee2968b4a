// jabber:iq:register after login, and account removal (harness/server/stanza/register.ts).
import { expect } from "chai";
import { NS, xml } from "../../../harness/xml/element.ts";
import { D, iq, msg, presences, stanzaError, World } from "../../support/stanza-world.ts";

describe("stanza layer: jabber:iq:register after login, account removal", () => {
  it("get says registered; a password change; remove ends sessions and unsubscribes contacts", () => {
    const w = new World();
    const u = w.account("user");
    const c = w.account("contact");
    w.subscribe(u, c, "Both");
    const c1 = w.login(c, "c1", { roster: true, presence: true });
    const s = w.login(u, "r1", { presence: true });
    c1.take();
    w.send(s, iq("get", {}, xml("query", { xmlns: NS.register })));
    const q = s.take()[0].getChild("query", NS.register)!;
    expect(q.getChild("registered")).to.not.equal(undefined);
    expect(q.getChildText("username")).to.equal("user");
    w.send(
      s,
      iq(
        "set",
        {},
        xml(
          "query",
          { xmlns: NS.register },
          xml("username", {}, "user"),
          xml("password", {}, "new-password"),
        ),
      ),
    );
    expect(s.take()[0].attrs.type).to.equal("result");
    expect(w.host.accounts.password(u)).to.equal("new-password");
    w.send(s, iq("set", {}, xml("query", { xmlns: NS.register }, xml("password", {}, ""))));
    expect(stanzaError(s.take()[0]).condition).to.equal("bad-request");
    w.send(s, iq("set", { to: D }, xml("query", { xmlns: NS.register }, xml("remove"))));
    expect(s.take()[0].attrs.type).to.equal("result");
    expect(s.streamErrors).to.deep.equal(["not-authorized"]);
    expect(w.host.accounts.has(u)).to.equal(false);
    expect(w.layer.subscription(c, u)).to.equal("None");
    expect(presences(c1.take(), "unavailable")).to.have.length(1);
  });

  it("accountRemoved forgets roster and offline messages and unsubscribes the contacts", () => {
    const w = new World();
    const u = w.account("user");
    const c = w.account("contact");
    w.subscribe(u, c, "Both");
    const c1 = w.login(c, "c1");
    w.send(c1, msg(u, "stored"));
    expect(w.layer.offlineCount(u)).to.equal(1);
    w.host.accounts.remove(u);
    w.layer.accountRemoved(u);
    expect(w.layer.offlineCount(u)).to.equal(0);
    expect(w.layer.roster(u)).to.have.length(0);
    expect(w.layer.subscription(c, u)).to.equal("None");
  });
});

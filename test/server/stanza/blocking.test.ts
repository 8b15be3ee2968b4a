// The reference server's blocking command (harness/server/stanza/blocking*.ts, XEP-0191): the list, the
// pushes, the §6 matching and what a block stops, in each direction, and what it never stops (§5).
import { expect } from "chai";
import { parseJid } from "../../../harness/jid.ts";
import { itemMatches } from "../../../harness/server/stanza/blocking-store.ts";
import { type Element, xml } from "../../../harness/xml/element.ts";
import {
  type FakeSession,
  iq,
  msg,
  of,
  pres,
  REMOTE,
  stanzaError,
  World,
} from "../../support/stanza-world.ts";

const NS_BLOCKING = "urn:xmpp:blocking";
const command = (kind: string, ...jids: string[]) =>
  iq("set", { id: kind }, xml(kind, { xmlns: NS_BLOCKING }, ...jids.map((jid) => xml("item", { jid }))));
const listed = (result: Element) =>
  (result.getChild("blocklist", NS_BLOCKING)?.getChildren("item") ?? []).map((i) => i.attrs.jid);

describe("stanza layer: the blocking command (XEP-0191)", () => {
  let w: World;
  let alice: string;
  let bob: string;
  let a: FakeSession;
  let b: FakeSession;
  beforeEach(() => {
    w = new World();
    alice = w.account("alice");
    bob = w.account("bob");
    a = w.login(alice, "r1", { presence: true });
    b = w.login(bob, "r1", { presence: true });
  });

  function list(s: FakeSession): string[] {
    w.send(s, iq("get", { id: "list" }, xml("blocklist", { xmlns: NS_BLOCKING })));
    return listed(s.take()[0]);
  }

  it("keeps the list per account, pushes every change to the resources that asked for it only", () => {
    const asked = w.login(alice, "r2");
    const silent = w.login(alice, "r3");
    expect(list(asked)).to.deep.equal([]);
    w.send(a, command("block", bob, `x@${REMOTE}`));
    expect(of(a.take(), "iq", "result")).to.have.length(1);
    const [push] = of(asked.take(), "iq", "set");
    expect(
      push
        .getChild("block", NS_BLOCKING)
        ?.getChildren("item")
        .map((i) => i.attrs.jid),
    ).to.deep.equal([bob, `x@${REMOTE}`]);
    expect(of(silent.take(), "iq")).to.have.length(0);
    expect(list(silent)).to.deep.equal([bob, `x@${REMOTE}`]);
    w.send(a, command("unblock"));
    expect(
      of(asked.take(), "iq", "set")[0].getChild("unblock", NS_BLOCKING)?.getChildElements(),
    ).to.have.length(0);
    expect(list(a)).to.deep.equal([]);
  });

  it("refuses an empty <block/> (bad-request) and a non-JID item (jid-malformed), changing nothing", () => {
    w.send(a, command("block"));
    expect(stanzaError(a.take()[0]).condition).to.equal("bad-request");
    w.send(a, command("block", bob, "bad@@jid@"));
    expect(stanzaError(a.take()[0]).condition).to.equal("jid-malformed");
    expect(list(a)).to.deep.equal([]);
  });

  it("matches items as §6 orders: full JID, bare JID, domain/resource, domain", () => {
    const m = (item: string, jid: string) => itemMatches(parseJid(item), parseJid(jid));
    expect([m("u@d/r", "u@d/r"), m("u@d/r", "u@d/s"), m("u@d/r", "u@d")]).to.deep.equal([true, false, false]);
    expect([m("u@d", "u@d/r"), m("u@d", "u@d"), m("u@d", "v@d/r")]).to.deep.equal([true, true, false]);
    expect([m("d/r", "d/r"), m("d/r", "u@d/r"), m("d", "u@d/r"), m("d", "d"), m("d", "u@e")]).to.deep.equal([
      true,
      false,
      true,
      true,
      false,
    ]);
  });

  it("stops a blocked JID's stanzas: message and IQ request refused, presence and IQ response dropped", () => {
    w.send(a, command("block", bob));
    a.take();
    b.take();
    w.send(b, msg(alice, "hi", "chat"));
    w.send(b, iq("get", { to: a.jid.toString(), id: "q" }, xml("query", { xmlns: "urn:example" })));
    w.send(b, iq("result", { to: a.jid.toString(), id: "r" }));
    w.send(b, pres({ to: a.jid.toString() }));
    expect(a.take()).to.have.length(0);
    const errors = b.take();
    expect(errors.map((e) => [e.name, stanzaError(e).condition])).to.deep.equal([
      ["message", "service-unavailable"],
      ["iq", "service-unavailable"],
    ]);
  });

  it("refuses the user's own stanzas to the blocked JID with <not-acceptable/> and <blocked/>", () => {
    w.send(a, command("block", bob));
    a.take();
    w.send(a, msg(b.jid.toString(), "hi", "chat"));
    const [refusal] = a.take();
    expect(stanzaError(refusal).condition).to.equal("not-acceptable");
    expect(refusal.getChild("error")?.getChild("blocked", "urn:xmpp:blocking:errors")).to.not.equal(
      undefined,
    );
    expect(b.take()).to.have.length(0);
  });

  it("never blocks the user's own resources (§5), even with the own JID on the list", () => {
    const other = w.login(alice, "r2", { presence: true });
    w.send(a, command("block", alice));
    a.take();
    w.send(a, msg(other.jid.toString(), "to myself", "chat"));
    expect(of(other.take(), "message").map((m) => m.getChildText("body"))).to.deep.equal(["to myself"]);
  });

  it("cuts presence both ways: unavailable on block, current presence on unblock", () => {
    w.subscribe(alice, bob, "Both");
    w.send(a, command("block", bob));
    expect(of(b.take(), "presence", "unavailable").map((p) => p.attrs.from)).to.deep.equal([
      a.jid.toString(),
    ]);
    w.send(a, pres());
    w.send(b, pres());
    expect(of(b.take(), "presence").filter((p) => p.attrs.from?.startsWith(alice))).to.have.length(0);
    expect(of(a.take(), "presence").filter((p) => p.attrs.from?.startsWith(bob))).to.have.length(0);
    w.send(a, command("unblock", bob));
    expect(of(b.take(), "presence").map((p) => [p.attrs.from, p.attrs.type])).to.deep.equal([
      [a.jid.toString(), undefined],
    ]);
  });
});

// XEP-0280 carbons in the stanza layer (harness/server/stanza/carbons.ts): the per-session switch and the
// <received/> and <sent/> copies in the delivery path.
import { expect } from "chai";
import { NS_CARBONS, NS_FORWARD } from "../../../harness/server/stanza/carbons-eligible.ts";
import { type Element, xml } from "../../../harness/xml/element.ts";
import { type FakeSession, iq, msg, of, World } from "../../support/stanza-world.ts";

const carbons = (els: Element[], kind: "received" | "sent") =>
  of(els, "message").filter((m) => m.getChild(kind, NS_CARBONS));
const inner = (wrapper: Element, kind: "received" | "sent") =>
  wrapper.getChild(kind, NS_CARBONS)?.getChild("forwarded", NS_FORWARD)?.getChild("message");

describe("stanza layer: XEP-0280 message carbons", () => {
  let w: World;
  let alice: string;
  let bob: string;
  let a1: FakeSession;
  let a2: FakeSession;
  let b: FakeSession;
  const enable = (s: FakeSession, what = "enable") => {
    w.send(s, iq("set", {}, xml(what, { xmlns: NS_CARBONS })));
    return s.take()[0];
  };
  beforeEach(() => {
    w = new World();
    alice = w.account("alice");
    bob = w.account("bob");
    a1 = w.login(alice, "one", { presence: 1 });
    a2 = w.login(alice, "two", { presence: 0 });
    b = w.login(bob, "r", { presence: 0 });
    for (const s of [a1, a2, b]) s.take();
  });

  it("answers <enable/> and <disable/> with results, any number of times", () => {
    for (const what of ["enable", "enable", "disable", "disable", "enable"])
      expect(enable(a2, what).attrs.type, what).to.equal("result");
  });

  it("copies an inbound chat message to the other enabled resource, wrapped and from the bare JID", () => {
    enable(a2);
    const m = msg(a1.jid.toString(), "hi", "chat");
    w.send(b, m);
    expect(of(a1.take(), "message")).to.have.length(1);
    const [c] = carbons(a2.take(), "received");
    expect(c.attrs).to.include({ from: alice, to: a2.jid.toString(), type: "chat" });
    expect(inner(c, "received")?.attrs).to.include({
      from: b.jid.toString(),
      to: a1.jid.toString(),
      id: m.attrs.id,
    });
  });

  it("copies what a resource sends to the other enabled ones, not to itself, nor to resources that did not enable", () => {
    enable(a1);
    enable(a2);
    w.send(a2, msg(bob, "out", "chat"));
    expect(carbons(a1.take(), "sent")).to.have.length(1);
    expect(carbons(a2.take(), "sent")).to.have.length(0);
    enable(a1, "disable");
    w.send(b, msg(a2.jid.toString(), "in", "chat"));
    w.send(a2, msg(bob, "again", "chat"));
    expect(carbons(a1.take(), "sent")).to.have.length(0);
  });

  it("makes no copies of <private/> messages, groupchat or headline", () => {
    enable(a2);
    const priv = msg(a1.jid.toString(), "p", "chat");
    priv.append(xml("private", { xmlns: NS_CARBONS }));
    priv.append(xml("no-copy", { xmlns: "urn:xmpp:hints" }));
    w.send(b, priv);
    w.send(b, msg(a1.jid.toString(), "g", "groupchat"));
    w.send(b, msg(a1.jid.toString(), "h", "headline"));
    expect(carbons(a2.take(), "received")).to.have.length(0);
  });
});

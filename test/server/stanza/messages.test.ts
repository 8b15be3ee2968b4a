// Message delivery (harness/server/stanza/messages.ts, RFC 6121 §5 and §8.5, Table 1).
import { expect } from "chai";
import { NS, xml } from "../../../harness/xml/element.ts";
import {
  bodies,
  D,
  type FakeSession,
  msg,
  NOW,
  NOWHERE,
  of,
  pres,
  REMOTE,
  stanzaError,
  World,
} from "../../support/stanza-world.ts";

describe("stanza layer: message delivery (RFC 6121 §8.5, Table 1)", () => {
  let w: World;
  let a: string;
  let b: string;
  let a1: FakeSession;
  beforeEach(() => {
    w = new World();
    a = w.account("alice");
    b = w.account("bob");
    a1 = w.login(a, "a1", { presence: true });
  });

  it("bare JID, one resource: delivered with 'to' untouched and extensions unmodified", () => {
    const b1 = w.login(b, "b1", { presence: true });
    const m = msg(b, "hi", "chat");
    m.append(xml("x", { xmlns: "urn:example:ext", a: "1" }, xml("y", {}, "z")));
    w.send(a1, m);
    const [got] = of(b1.take(), "message");
    expect(got.attrs).to.include({ to: b, from: a1.jid.toString(), type: "chat" });
    expect(got.getChild("x", "urn:example:ext")!.toString()).to.equal(
      '<x xmlns="urn:example:ext" a="1"><y>z</y></x>',
    );
  });

  it("bare JID: the highest non-negative priority resources get it, the others do not", () => {
    const hi1 = w.login(b, "hi1", { presence: 5 });
    const hi2 = w.login(b, "hi2", { presence: 5 });
    const lo = w.login(b, "lo", { presence: 1 });
    const neg = w.login(b, "neg", { presence: -1 });
    w.send(a1, msg(b, "x"));
    expect(bodies(hi1.take())).to.deep.equal(["x"]);
    expect(bodies(hi2.take())).to.deep.equal(["x"]);
    expect(bodies(lo.take())).to.deep.equal([]);
    expect(bodies(neg.take())).to.deep.equal([]);
  });

  it("headline to a bare JID: every non-negative resource; with none it is dropped, not stored", () => {
    const p1 = w.login(b, "p1", { presence: 5 });
    const p2 = w.login(b, "p2", { presence: 0 });
    const n = w.login(b, "n", { presence: -5 });
    w.send(a1, msg(b, "news", "headline"));
    expect(bodies(p1.take())).to.deep.equal(["news"]);
    expect(bodies(p2.take())).to.deep.equal(["news"]);
    expect(bodies(n.take())).to.deep.equal([]);
    const c = w.account("carol");
    w.send(a1, msg(c, "news", "headline"));
    expect(w.layer.offlineCount(c)).to.equal(0);
    expect(a1.take()).to.have.length(0);
  });

  it("groupchat to a bare JID is bounced with service-unavailable, never delivered", () => {
    const b1 = w.login(b, "b1", { presence: true });
    w.send(a1, msg(b, "g", "groupchat"));
    expect(of(b1.take(), "message")).to.have.length(0);
    expect(stanzaError(a1.take()[0])).to.deep.equal({ type: "cancel", condition: "service-unavailable" });
  });

  it("error messages to a bare JID are dropped and never answered", () => {
    const b1 = w.login(b, "b1", { presence: true });
    w.send(a1, msg(b, "e", "error"));
    w.send(a1, msg(`ghost@${D}`, "e", "error"));
    expect(of(b1.take(), "message")).to.have.length(0);
    expect(a1.take()).to.have.length(0);
  });

  it("no available resource: stored, then delivered at the next available presence with <delay/>", () => {
    const conn = w.login(b, "conn"); // connected, not available: not a candidate
    w.send(a1, msg(b, "one"));
    w.send(a1, msg(`${b}/gone`, "two", "chat"));
    expect(of(conn.take(), "message")).to.have.length(0);
    expect(w.layer.offlineCount(b)).to.equal(2);
    const b1 = w.login(b, "b1");
    w.send(b1, pres());
    const got = of(b1.take(), "message");
    expect(got.map((m) => m.getChildText("body"))).to.deep.equal(["one", "two"]);
    expect(got[0].attrs.to).to.equal(b);
    expect(got[1].attrs.to).to.equal(`${b}/gone`);
    expect(got[0].getChild("delay", NS.delay)!.attrs).to.include({ from: D, stamp: NOW.toISOString() });
    expect(w.layer.offlineCount(b)).to.equal(0);
  });

  it("only negative resources: stored, and delivered once a resource is non-negative", () => {
    const n = w.login(b, "n", { presence: -1 });
    w.send(a1, msg(b, "later", "chat"));
    expect(of(n.take(), "message")).to.have.length(0);
    w.send(n, pres({}, xml("priority", {}, "0")));
    expect(bodies(n.take())).to.deep.equal(["later"]);
  });

  it("full JID that matches: delivered whatever the priority or availability", () => {
    const n = w.login(b, "n", { presence: -10 });
    const c = w.login(b, "c");
    w.send(a1, msg(n.jid.toString(), "1", "headline"));
    w.send(a1, msg(c.jid.toString(), "2", "groupchat"));
    expect(bodies(n.take())).to.deep.equal(["1"]);
    expect(bodies(c.take())).to.deep.equal(["2"]);
  });

  it("full JID that matches nothing: chat as if bare; normal and groupchat bounce; headline dropped", () => {
    const b1 = w.login(b, "b1", { presence: true });
    w.send(a1, msg(`${b}/x`, "c", "chat"));
    expect(bodies(b1.take())).to.deep.equal(["c"]);
    w.send(a1, msg(`${b}/x`, "n"));
    w.send(a1, msg(`${b}/x`, "g", "groupchat"));
    w.send(a1, msg(`${b}/x`, "h", "headline"));
    expect(a1.take().map((e) => stanzaError(e).condition)).to.deep.equal([
      "service-unavailable",
      "service-unavailable",
    ]);
    expect(of(b1.take(), "message")).to.have.length(0);
  });

  it("an account that does not exist: normal, chat and groupchat bounce; headline is dropped", () => {
    for (const type of [undefined, "chat", "groupchat"]) w.send(a1, msg(`ghost@${D}`, "x", type));
    w.send(a1, msg(`ghost@${D}`, "x", "headline"));
    const got = a1.take();
    expect(got.map((e) => stanzaError(e).condition)).to.deep.equal([
      "service-unavailable",
      "service-unavailable",
      "service-unavailable",
    ]);
    expect(got[0].attrs).to.include({ from: `ghost@${D}`, to: a1.jid.toString() });
  });

  it("no 'to': as if to the sender's bare JID (RFC 6120 §10.3.1)", () => {
    const a2 = w.login(a, "a2", { presence: 3 });
    w.send(a1, msg(undefined, "note"));
    expect(bodies(a2.take())).to.deep.equal(["note"]);
  });

  it("an unknown message type is handled as normal and relayed unmodified", () => {
    const b1 = w.login(b, "b1", { presence: true });
    w.send(a1, msg(b, "x", "weird"));
    expect(of(b1.take(), "message")[0].attrs.type).to.equal("weird");
  });

  it("to the domain: service-unavailable; to an unreachable domain: remote-server-not-found", () => {
    w.send(a1, msg(D, "x"));
    w.send(a1, msg(`x@${NOWHERE}`, "x"));
    w.send(a1, msg(`x@${REMOTE}`, "x"));
    expect(a1.take().map((e) => stanzaError(e).condition)).to.deep.equal([
      "service-unavailable",
      "remote-server-not-found",
    ]);
    expect(of(w.remote, "message")).to.have.length(1);
  });

  it("a full offline store bounces further messages", () => {
    w = new World({ options: { offlineLimit: 1 } });
    a = w.account("alice");
    b = w.account("bob");
    a1 = w.login(a, "a1");
    w.send(a1, msg(b, "1"));
    w.send(a1, msg(b, "2"));
    expect(a1.take().map((e) => stanzaError(e).condition)).to.deep.equal(["service-unavailable"]);
  });

  it("messages from another server are delivered like local ones", () => {
    const b1 = w.login(b, "b1", { presence: true });
    w.layer.fromRemote(msg(b, "far"));
    expect(bodies(b1.take())).to.deep.equal([]); // no 'from': refused at the seam
    const m = msg(b, "far");
    m.attrs.from = `x@${REMOTE}/r`;
    w.layer.fromRemote(m);
    expect(bodies(b1.take())).to.deep.equal(["far"]);
  });
});

// Presence (harness/server/stanza/presence.ts, RFC 6121 §4).
import { expect } from "chai";
import { NS, xml } from "../../../harness/xml/element.ts";
import { D, NOW, NOWHERE, pres, presences, REMOTE, stanzaError, World } from "../../support/stanza-world.ts";

describe("stanza layer: presence (RFC 6121 §4)", () => {
  let w: World;
  let u: string;
  let friend: string;
  let fan: string;
  let idol: string;
  let stranger: string;
  beforeEach(() => {
    w = new World();
    u = w.account("user");
    friend = w.account("friend"); // both
    fan = w.account("fan"); // subscribed to the user (user: From)
    idol = w.account("idol"); // the user is subscribed to (user: To)
    stranger = w.account("stranger");
    w.subscribe(u, friend, "Both");
    w.subscribe(u, fan, "From");
    w.subscribe(u, idol, "To");
  });

  it("initial presence goes to from/both contacts and to the user's own resources, from the full JID", () => {
    const f = w.login(friend, "f", { presence: true });
    const fa = w.login(fan, "f", { presence: true });
    const i = w.login(idol, "i", { presence: true });
    const st = w.login(stranger, "s", { presence: true });
    const other = w.login(u, "other", { presence: true });
    for (const x of [f, fa, i, st]) x.take();
    const s = w.login(u, "r1");
    w.send(s, pres({ id: "p1" }, xml("show", {}, "away")));
    for (const got of [f.take(), fa.take()]) {
      const [p] = presences(got);
      expect(p.attrs).to.include({ from: s.jid.toString(), id: "p1" });
      expect(p.getChildText("show")).to.equal("away");
    }
    expect(presences(i.take())).to.have.length(0);
    expect(presences(st.take())).to.have.length(0);
    expect(presences(other.take()).map((p) => p.attrs.from)).to.deep.equal([s.jid.toString()]);
    expect(presences(s.inbox).filter((p) => p.attrs.from === s.jid.toString())).to.have.length(1);
  });

  it("the new session learns its contacts' presence (probe answers) and its other resources'", () => {
    const f = w.login(friend, "f");
    w.send(f, pres({ id: "fp" }, xml("status", {}, "here")));
    w.login(fan, "f", { presence: true });
    const other = w.login(u, "other", { presence: true });
    const s = w.login(u, "r1");
    w.send(s, pres());
    const got = s.take();
    const from = (j: string) => got.filter((e) => e.name === "presence" && e.attrs.from?.startsWith(j));
    // friend (both): the full XML of its last presence, id preserved (§4.3.2 rule 4, §4.3.2.1).
    const [fp] = from(friend);
    expect(fp.attrs).to.include({ id: "fp", from: f.jid.toString(), to: u });
    expect(fp.getChildText("status")).to.equal("here");
    // idol (to), offline: unavailable from the bare JID (rule 3).
    const [ip] = from(idol);
    expect(ip.attrs).to.include({ type: "unavailable", from: idol });
    // fan (from only): the user is not subscribed to fan, so nothing.
    expect(from(fan)).to.have.length(0);
    // the user's other available resource (implicit self-subscription, §4.2.2)
    expect(from(other.jid.toString())).to.have.length(1);
  });

  it("an offline contact's unavailable answer carries a <delay/> when the server saw it leave", () => {
    const i = w.login(idol, "i", { presence: true });
    w.logout(i);
    const s = w.login(u, "r1");
    w.send(s, pres());
    const [ip] = s.take().filter((e) => e.attrs.from === idol);
    expect(ip.getChild("delay", NS.delay)!.attrs.stamp).to.equal(NOW.toISOString());
  });

  it("subsequent presence is broadcast again; priority is recorded", () => {
    const f = w.login(friend, "f", { presence: true });
    const s = w.login(u, "r1", { presence: true });
    f.take();
    w.send(s, pres({}, xml("priority", {}, "7"), xml("show", {}, "dnd")));
    expect(presences(f.take())).to.have.length(1);
    expect(s.priority).to.equal(7);
    expect(s.lastPresence!.getChildText("show")).to.equal("dnd");
  });

  it("bad priority or show values are bad-request", () => {
    const s = w.login(u, "r1");
    for (const child of [xml("priority", {}, "200"), xml("priority", {}, "x"), xml("show", {}, "sleeping")]) {
      w.send(s, pres({}, child));
      expect(stanzaError(s.take()[0]).condition).to.equal("bad-request");
    }
    w.send(s, pres({}, xml("priority", {}, "1"), xml("priority", {}, "2")));
    expect(stanzaError(s.take()[0]).condition).to.equal("bad-request");
    expect(s.available).to.equal(false);
  });

  it("an unknown presence type is bad-request", () => {
    const s = w.login(u, "r1");
    w.send(s, pres({ to: friend, type: "available" }));
    expect(stanzaError(s.take()[0]).condition).to.equal("bad-request");
  });

  it("unavailable presence goes to contacts and own resources, the sender included", () => {
    const f = w.login(friend, "f", { presence: true });
    const other = w.login(u, "other", { presence: true });
    const s = w.login(u, "r1", { presence: true });
    f.take();
    other.take();
    w.send(s, pres({ type: "unavailable" }, xml("status", {}, "bye")));
    const [fp] = presences(f.take(), "unavailable");
    expect(fp.getChildText("status")).to.equal("bye");
    expect(presences(other.take(), "unavailable")).to.have.length(1);
    expect(presences(s.take(), "unavailable")).to.have.length(1);
    expect(s.available).to.equal(false);
  });

  it("a session that ends without unavailable presence is announced as unavailable (§4.5.2)", () => {
    const f = w.login(friend, "f", { presence: true });
    const other = w.login(u, "other", { presence: true });
    const s = w.login(u, "r1", { presence: true });
    f.take();
    other.take();
    w.logout(s);
    expect(presences(f.take(), "unavailable").map((p) => p.attrs.from)).to.deep.equal([s.jid.toString()]);
    expect(presences(other.take(), "unavailable")).to.have.length(1);
  });

  it("presence to a bare JID reaches the available resources only; to a full JID, that connected resource", () => {
    const f1 = w.login(friend, "f1", { presence: true });
    const f2 = w.login(friend, "f2"); // connected, not available
    const st = w.login(stranger, "s");
    w.send(st, pres({ to: friend }));
    expect(presences(f1.take())).to.have.length(1);
    expect(presences(f2.take())).to.have.length(0);
    w.send(st, pres({ to: f2.jid.toString() }));
    expect(presences(f2.take())).to.have.length(1);
    w.send(st, pres({ to: `${friend}/gone` }));
    expect(f1.take().concat(f2.take())).to.have.length(0);
  });

  it("directed presence: delivered; not part of later broadcasts; told about going offline", () => {
    const st = w.login(stranger, "s", { presence: true });
    const s = w.login(u, "r1", { presence: true });
    w.send(s, pres({ to: stranger }));
    expect(presences(st.take())).to.have.length(1);
    w.send(s, pres({}, xml("show", {}, "away"))); // a broadcast: the stranger is not a subscriber
    expect(presences(st.take())).to.have.length(0);
    w.send(s, pres({ type: "unavailable" }));
    expect(presences(st.take(), "unavailable")).to.have.length(1);
  });

  it("directed unavailable removes the entity from the list; a closed session tells the rest", () => {
    const st = w.login(stranger, "s", { presence: true });
    const s = w.login(u, "r1", { presence: true });
    const other = w.account("other");
    const o = w.login(other, "o", { presence: true });
    w.send(s, pres({ to: stranger }));
    w.send(s, pres({ to: other }));
    w.send(s, pres({ to: stranger, type: "unavailable" }));
    st.take();
    o.take();
    w.logout(s);
    expect(presences(st.take(), "unavailable")).to.have.length(0);
    expect(presences(o.take(), "unavailable")).to.have.length(1);
  });

  it("probes from clients: a subscriber gets presence, others get nothing but the server's unsubscribed", () => {
    const s = w.login(u, "r1", { presence: true });
    const f = w.login(friend, "f", { presence: true });
    const st = w.login(stranger, "s", { presence: true });
    w.send(f, pres({ to: u, type: "probe", id: "pr" }));
    expect(presences(f.take()).map((p) => p.attrs.from)).to.deep.equal([s.jid.toString()]);
    w.send(st, pres({ to: u, type: "probe", id: "pr2" }));
    expect(st.take()).to.have.length(0); // the "unsubscribed" reply changes nothing for a stranger
    w.send(st, pres({ to: `ghost@${D}`, type: "probe" }));
    expect(st.take()).to.have.length(0);
  });

  it("a probe to a full JID answers for that resource only, without details", () => {
    const s = w.login(u, "r1");
    w.send(s, pres({ id: "x" }, xml("status", {}, "secret")));
    w.login(u, "r2", { presence: true });
    const f = w.login(friend, "f");
    w.send(f, pres({ to: s.jid.toString(), type: "probe" }));
    const got = presences(f.take());
    expect(got).to.have.length(1);
    expect(got[0].attrs.from).to.equal(s.jid.toString());
    expect(got[0].getChildElements()).to.have.length(0);
  });

  it("a probe from a directed-presence recipient gets mere presence of that resource (§4.6.6)", () => {
    const s = w.login(u, "r1", { presence: true });
    w.login(u, "r2", { presence: true });
    const st = w.login(stranger, "s");
    w.send(s, pres({ to: st.jid.toString() }, xml("status", {}, "hi")));
    st.take();
    w.send(st, pres({ to: u, type: "probe" }));
    const got = presences(st.take());
    expect(got.map((p) => p.attrs.from)).to.deep.equal([s.jid.toString()]);
    expect(got[0].getChildElements()).to.have.length(0);
  });

  it("remote: broadcast and probes go through the s2s seam; unreachable directed presence bounces", () => {
    const rc = `peer@${REMOTE}`;
    w.layer.setSubscription(u, rc, "Both");
    const s = w.login(u, "r1", { presence: true });
    expect(presences(w.remote).map((p) => p.attrs.to)).to.deep.equal([rc]);
    expect(presences(w.remote, "probe")[0].attrs).to.include({ from: u, to: rc });
    w.layer.fromRemote(pres({ from: rc, to: u, type: "probe", id: "rp" }));
    expect(presences(w.remote).filter((p) => p.attrs.to === rc)).to.have.length(2);
    w.send(s, pres({ to: `x@${NOWHERE}` }));
    expect(stanzaError(s.take()[0]).condition).to.equal("remote-server-not-found");
  });

  it("presence errors are routed and never answered", () => {
    const f = w.login(friend, "f", { presence: true });
    const s = w.login(u, "r1", { presence: true });
    f.take();
    w.send(s, pres({ to: f.jid.toString(), type: "error" }, xml("error", { type: "cancel" })));
    expect(presences(f.take(), "error")).to.have.length(1);
    w.send(s, pres({ to: `x@${NOWHERE}`, type: "error" }, xml("error", { type: "cancel" })));
    expect(s.take()).to.have.length(0);
  });
});

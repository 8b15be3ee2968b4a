// The roster (harness/server/stanza/roster.ts, RFC 6121 §2).
import { expect } from "chai";
import { defaultErrorType, type StanzaCondition } from "../../../harness/server/stanza/index.ts";
import { type Element, NS, xml } from "../../../harness/xml/element.ts";
import {
  D,
  type FakeSession,
  iq,
  pres,
  pushedItem,
  pushes,
  rosterQuery,
  stanzaError,
  World,
} from "../../support/stanza-world.ts";

describe("stanza layer: roster (RFC 6121 §2)", () => {
  let w: World;
  let u: string;
  let s1: FakeSession;
  let s2: FakeSession;
  let s3: FakeSession;
  beforeEach(() => {
    w = new World();
    u = w.account("user");
    s1 = w.login(u, "r1", { roster: true });
    s2 = w.login(u, "r2", { roster: true });
    s3 = w.login(u, "r3"); // connected, never asked for the roster
  });

  const set = (s: FakeSession, ...items: Element[]) => {
    const req = iq("set", {}, rosterQuery(...items));
    w.send(s, req);
    return req;
  };

  it("an empty roster is a result with an empty <query/>, with a version; the resource becomes interested", () => {
    const s4 = w.login(u, "r4");
    w.send(s4, iq("get", {}, rosterQuery()));
    const [r] = s4.take();
    expect(r.attrs.type).to.equal("result");
    const q = r.getChild("query", NS.roster)!;
    expect(q.getChildElements()).to.have.length(0);
    expect(q.attrs.ver).to.be.a("string");
    expect(s4.interested).to.equal(true);
  });

  it("a roster set: result to the sender, a push to every interested resource, the item in the roster", () => {
    const req = set(s1, xml("item", { jid: `nurse@${D}`, name: "Nurse" }, xml("group", {}, "Servants")));
    const got1 = s1.take();
    expect(got1[0].attrs).to.include({ type: "result", id: req.attrs.id });
    for (const s of [s1, s2]) {
      const p = pushes(s === s1 ? got1 : s.take());
      expect(p).to.have.length(1);
      expect(p[0].attrs.from).to.equal(u);
      expect(p[0].attrs.to).to.equal(s.jid.toString());
      const item = pushedItem(p[0]);
      expect(item.attrs).to.include({ jid: `nurse@${D}`, name: "Nurse", subscription: "none" });
      expect(item.getChildText("group")).to.equal("Servants");
    }
    expect(pushes(s3.take())).to.have.length(0);
    expect(w.layer.roster(u).map((i) => i.attrs.jid)).to.deep.equal([`nurse@${D}`]);
  });

  it("the resource that sent the set gets the push even if it never asked for the roster", () => {
    set(s3, xml("item", { jid: `x@${D}` }));
    expect(pushes(s3.take())).to.have.length(1);
  });

  it("an update replaces the item exactly as provided", () => {
    set(s1, xml("item", { jid: `r@${D}`, name: "R" }, xml("group", {}, "A"), xml("group", {}, "B")));
    set(s1, xml("item", { jid: `r@${D}` }, xml("group", {}, "B")));
    const [item] = w.layer.roster(u);
    expect(item.attrs.name).to.equal(undefined);
    expect(item.getChildren("group").map((g) => g.getText())).to.deep.equal(["B"]);
  });

  it("a 'subscription' other than remove is ignored in a set", () => {
    set(s1, xml("item", { jid: `r@${D}`, subscription: "both" }));
    expect(w.layer.roster(u)[0].attrs.subscription).to.equal("none");
  });

  it("error cases of a set (§2.3.3, §2.1.5)", () => {
    const cases: [Element[], string][] = [
      [[xml("item", { jid: `a@${D}` }), xml("item", { jid: `b@${D}` })], "bad-request"],
      [[], "bad-request"],
      [[xml("item", { jid: `a@${D}` }, xml("group", {}, "G"), xml("group", {}, "G"))], "bad-request"],
      [[xml("item", { jid: `a@${D}` }, xml("group", {}, ""))], "not-acceptable"],
      [[xml("item", { jid: `a@${D}`, name: "n".repeat(5000) })], "not-acceptable"],
      [[xml("item", { jid: `a@${D}` }, xml("group", {}, "g".repeat(5000)))], "not-acceptable"],
      [[xml("item", {})], "bad-request"],
      [[xml("item", { jid: "@bad" })], "jid-malformed"],
    ];
    for (const [items, condition] of cases) {
      set(s1, ...items);
      const got = s1.take();
      expect(got, condition).to.have.length(1);
      expect(stanzaError(got[0]).condition).to.equal(condition);
      expect(stanzaError(got[0]).type).to.equal(defaultErrorType(condition as StanzaCondition));
    }
    expect(w.layer.roster(u)).to.have.length(0);
    expect(pushes(s2.take())).to.have.length(0);
  });

  it("a roster get with items is bad-request", () => {
    w.send(s1, iq("get", {}, rosterQuery(xml("item", { jid: `a@${D}` }))));
    expect(stanzaError(s1.take()[0]).condition).to.equal("bad-request");
  });

  it("remove: result, a push with subscription='remove'; an unknown item is item-not-found", () => {
    set(s1, xml("item", { jid: `a@${D}` }));
    s1.take();
    s2.take();
    set(s1, xml("item", { jid: `a@${D}`, subscription: "remove" }));
    const got = s1.take();
    expect(got[0].attrs.type).to.equal("result");
    expect(pushedItem(pushes(got)[0]).attrs).to.include({ jid: `a@${D}`, subscription: "remove" });
    expect(pushedItem(pushes(s2.take())[0]).attrs.subscription).to.equal("remove");
    expect(w.layer.roster(u)).to.have.length(0);
    set(s1, xml("item", { jid: `a@${D}`, subscription: "remove" }));
    expect(stanzaError(s1.take()[0])).to.deep.equal({ type: "cancel", condition: "item-not-found" });
  });

  it("remove of a mutual contact: unavailable, then unsubscribe and unsubscribed to the contact (§2.5.2)", () => {
    const c = w.account("contact");
    const c1 = w.login(c, "c1", { roster: true, presence: true });
    w.subscribe(u, c, "Both");
    w.send(s1, pres()); // s1 available, so the contact first hears it go away
    c1.take();
    set(s1, xml("item", { jid: c, subscription: "remove" }));
    const got = c1.take();
    expect(got.filter((e) => e.name === "presence").map((e) => e.attrs.type)).to.deep.equal([
      "unavailable",
      "unsubscribe",
      "unsubscribed",
    ]);
    expect(w.layer.subscription(c, u)).to.equal("None");
    expect(pushes(got).map((p) => pushedItem(p).attrs.subscription)).to.include("none");
  });

  it("versioning: every push carries a new version; a get with the current version is an empty result", () => {
    set(s1, xml("item", { jid: `a@${D}` }));
    set(s1, xml("item", { jid: `b@${D}` }));
    const vers = pushes(s2.take()).map((p) => p.getChild("query", NS.roster)!.attrs.ver);
    expect(vers).to.have.length(2);
    expect(new Set(vers).size).to.equal(2);
    w.send(s1, iq("get", {}, xml("query", { xmlns: NS.roster, ver: vers[1] })));
    const [same] = s1.take().filter((e) => e.attrs.type === "result");
    expect(same.getChildElements()).to.have.length(0);
    w.send(s1, iq("get", {}, xml("query", { xmlns: NS.roster, ver: vers[0] })));
    const [full] = s1.take().filter((e) => e.attrs.type === "result");
    expect(full.getChild("query", NS.roster)!.getChildren("item")).to.have.length(2);
    expect(full.getChild("query", NS.roster)!.attrs.ver).to.equal(vers[1]);
  });

  it("without versioning, no 'ver' anywhere; stream features follow the options", () => {
    expect(w.layer.streamFeatures().map((f) => f.getNS())).to.deep.equal([
      "urn:xmpp:features:rosterver",
      "urn:xmpp:features:pre-approval",
      "http://jabber.org/protocol/caps",
    ]);
    w = new World({ options: { rosterVersioning: false, preApproval: false } });
    u = w.account("user");
    s1 = w.login(u, "r1", { roster: true });
    set(s1, xml("item", { jid: `a@${D}` }));
    w.send(s1, iq("get", {}, rosterQuery()));
    for (const e of s1.take()) expect(e.getChild("query", NS.roster)?.attrs.ver).to.equal(undefined);
    // only the caps feature (XEP-0115 §6.3), which no roster option turns off
    expect(w.layer.streamFeatures().map((f) => f.getNS())).to.deep.equal(["http://jabber.org/protocol/caps"]);
  });
});

// IQ semantics and routing in the stanza layer (harness/server/stanza/iq.ts): IQs to the server
// (RFC 6120 §8.2.3, §10.3.3, §10.5) and to accounts and resources (RFC 6121 §8.5).
import { expect } from "chai";
import { type StanzaCondition, wrongErrorType } from "../../../harness/server/stanza/errors.ts";
import { defaultErrorType } from "../../../harness/server/stanza/index.ts";
import { NS, xml } from "../../../harness/xml/element.ts";
import {
  D,
  type FakeSession,
  iq,
  NOWHERE,
  of,
  ping,
  pres,
  REMOTE,
  readTsv,
  rosterQuery,
  stanzaError,
  World,
} from "../../support/stanza-world.ts";

describe("stanza layer: IQs to the server (RFC 6120 §8.2.3, §10.3.3, §10.5)", () => {
  let w: World;
  let u: string;
  let s: FakeSession;
  beforeEach(() => {
    w = new World();
    u = w.account("user");
    s = w.login(u, "r1");
  });

  it("answers a ping to the domain with one result, same id, from the domain", () => {
    const req = iq("get", { to: D }, ping());
    w.send(s, req);
    const got = s.take();
    expect(got).to.have.length(1);
    expect(got[0].attrs).to.include({ type: "result", id: req.attrs.id, from: D, to: s.jid.toString() });
  });

  it("answers a ping without 'to' on behalf of the account (no 'from'), and one to the own bare JID", () => {
    const a = iq("get", {}, ping());
    w.send(s, a);
    const [r1] = s.take();
    expect(r1.attrs.type).to.equal("result");
    expect(r1.attrs.id).to.equal(a.attrs.id);
    expect(r1.attrs.from).to.equal(undefined);
    const b = iq("get", { to: u }, ping());
    w.send(s, b);
    const [r2] = s.take();
    expect(r2.attrs).to.include({ type: "result", id: b.attrs.id, from: u });
  });

  it("disco#info on the domain: identity server/im and exactly the implemented features", () => {
    w.send(s, iq("get", { to: D }, xml("query", { xmlns: NS.discoInfo })));
    const q = s.take()[0].getChild("query", NS.discoInfo)!;
    expect(q.getChild("identity")!.attrs).to.include({ category: "server", type: "im" });
    const features = q.getChildren("feature").map((f) => f.attrs.var);
    expect(features).to.have.members([
      NS.discoInfo,
      NS.discoItems,
      NS.ping,
      NS.roster,
      NS.register,
      NS.delay,
      "msgoffline",
      "urn:xmpp:blocking", // XEP-0191
      "urn:xmpp:carbons:2", // XEP-0280, with its §6.1 rules (§6.2)
      "urn:xmpp:carbons:rules:0",
      "http://jabber.org/protocol/caps",
      "jabber:iq:version",
      "urn:xmpp:time",
      "urn:xmpp:sid:0", // XEP-0359 stanza ids (XEP-0313 §3)
      "vcard-temp",
    ]);
  });

  it("disco#items lists the server's own node; a disco node it does not publish is item-not-found", () => {
    w.send(s, iq("get", { to: D }, xml("query", { xmlns: NS.discoItems })));
    const [items] = s.take();
    expect(items.attrs.type).to.equal("result");
    const listed = items.getChild("query", NS.discoItems)!.getChildElements();
    expect(listed.map((i) => i.attrs)).to.deep.equal([
      { jid: D, node: "urn:xmppspec:reference:about", name: "About this server" },
    ]);
    w.send(s, iq("get", { to: D }, xml("query", { xmlns: NS.discoInfo, node: "x" })));
    expect(stanzaError(s.take()[0])).to.deep.equal({ type: "cancel", condition: "item-not-found" });
  });

  it("an unknown payload gets service-unavailable (cancel), addresses swapped, id kept, payload echoed", () => {
    const req = iq("get", { to: D }, xml("query", { xmlns: "urn:example:nothing" }));
    w.send(s, req);
    const got = s.take();
    expect(got).to.have.length(1);
    expect(got[0].attrs).to.include({ type: "error", id: req.attrs.id, from: D, to: s.jid.toString() });
    expect(stanzaError(got[0])).to.deep.equal({ type: "cancel", condition: "service-unavailable" });
    expect(got[0].getChild("query", "urn:example:nothing")).to.not.equal(undefined);
    w.send(s, iq("set", {}, xml("query", { xmlns: "urn:example:nothing" })));
    expect(stanzaError(s.take()[0]).condition).to.equal("service-unavailable");
  });

  it("a get/set with no child or two children is bad-request (modify)", () => {
    w.send(s, iq("get", { to: D }));
    w.send(s, iq("get", { to: D }, ping(), ping()));
    const got = s.take();
    expect(got.map(stanzaError)).to.deep.equal([
      { type: "modify", condition: "bad-request" },
      { type: "modify", condition: "bad-request" },
    ]);
  });

  it("an unknown or missing 'type' is bad-request; a missing 'id' is bad-request with id=''", () => {
    w.send(s, iq("fetch", { to: D }, ping()));
    const noType = xml("iq", { id: "nt", to: D }, ping());
    w.send(s, noType);
    w.send(s, xml("iq", { type: "get", to: D }, ping()));
    const got = s.take();
    expect(got.map((g) => stanzaError(g).condition)).to.deep.equal([
      "bad-request",
      "bad-request",
      "bad-request",
    ]);
    expect(got[1].attrs.id).to.equal("nt");
    expect(got[2].attrs.id).to.equal("");
  });

  it("never answers IQ results or errors sent to the server or the account", () => {
    w.send(s, xml("iq", { type: "result", id: "r1", to: D }));
    w.send(s, xml("iq", { type: "result", id: "r2" }));
    w.send(s, xml("iq", { type: "error", id: "r3", to: u }, xml("error", { type: "cancel" })));
    expect(s.take()).to.have.length(0);
  });

  it("a non-served domain gives remote-server-not-found (cancel); a reachable one is routed", () => {
    const req = iq("get", { to: `x@${NOWHERE}` }, ping());
    w.send(s, req);
    const [e] = s.take();
    expect(e.attrs).to.include({ type: "error", id: req.attrs.id, from: `x@${NOWHERE}` });
    expect(stanzaError(e)).to.deep.equal({ type: "cancel", condition: "remote-server-not-found" });
    w.send(s, iq("get", { to: `x@${REMOTE}` }, ping()));
    expect(s.take()).to.have.length(0);
    expect(w.remote).to.have.length(1);
  });

  it("a malformed 'to' gives jid-malformed (modify) from the domain", () => {
    for (const to of [`@${D}`, "a@b@", `${D}/`]) {
      w.send(s, iq("get", { to }, ping()));
      const [e] = s.take();
      expect(stanzaError(e), to).to.deep.equal({ type: "modify", condition: "jid-malformed" });
      expect(e.attrs.from).to.equal(D);
    }
  });

  it("<domain/resource> is service-unavailable", () => {
    w.send(s, iq("get", { to: `${D}/x` }, ping()));
    expect(stanzaError(s.take()[0]).condition).to.equal("service-unavailable");
  });

  it("answers IQs relayed from another server through the s2s seam", () => {
    w.layer.fromRemote(iq("get", { from: `peer@${REMOTE}/r`, to: D }, ping()));
    expect(w.remote).to.have.length(1);
    expect(w.remote[0].attrs).to.include({ type: "result", to: `peer@${REMOTE}/r`, from: D });
  });

  it("the wrong-error-type fault never picks a type the condition's definition allows", () => {
    const rows = readTsv("fixtures/rfc/error-conditions.tsv").filter((r) => r.kind === "stanza");
    const w2 = new World({ faults: ["wrong-error-type"] });
    const s2 = w2.login(w2.account("u"), "r");
    w2.send(s2, iq("get", { to: D }));
    expect(stanzaError(s2.take()[0])).to.deep.equal({ type: "wait", condition: "bad-request" });
    expect(wrongErrorType("feature-not-implemented")).to.not.be.oneOf(["cancel", "modify"]);
    expect(wrongErrorType("policy-violation")).to.not.be.oneOf(["modify", "wait"]);
    expect(wrongErrorType("unexpected-request")).to.not.be.oneOf(["wait", "modify"]);
    for (const r of rows.filter((x) => x.default_type !== "any")) {
      const c = r.condition as StanzaCondition;
      expect(wrongErrorType(c), c).to.be.a("string");
      expect(r.default_type.split("/"), c).to.not.include(wrongErrorType(c));
    }
    // undefined-condition allows every type: the fault has no wrong one to give it
    expect(wrongErrorType("undefined-condition")).to.equal(undefined);
  });

  it("defaultErrorType is read from fixtures/rfc/error-conditions.tsv", () => {
    const rows = readTsv("fixtures/rfc/error-conditions.tsv").filter((r) => r.kind === "stanza");
    expect(rows).to.have.length(22);
    for (const r of rows) {
      const first = r.default_type === "any" ? "cancel" : r.default_type.split("/")[0];
      expect(defaultErrorType(r.condition as StanzaCondition), r.condition).to.equal(first);
    }
    expect(() => defaultErrorType("no-such-condition" as StanzaCondition)).to.throw(/not a stanza condition/);
  });
});

describe("stanza layer: IQs to accounts and resources (RFC 6121 §8.5)", () => {
  let w: World;
  let a: string;
  let b: string;
  let a1: FakeSession;
  let b1: FakeSession;
  beforeEach(() => {
    w = new World();
    a = w.account("alice");
    b = w.account("bob");
    a1 = w.login(a, "a1", { presence: true });
    b1 = w.login(b, "b1", { presence: true });
  });

  it("to another account's bare JID: answered by the server, never delivered", () => {
    w.send(a1, iq("get", { to: b }, xml("query", { xmlns: "urn:example:x" })));
    expect(stanzaError(a1.take()[0])).to.deep.equal({ type: "cancel", condition: "service-unavailable" });
    w.send(a1, iq("set", { to: b }, rosterQuery(xml("item", { jid: `z@${D}` }))));
    expect(stanzaError(a1.take()[0])).to.deep.equal({ type: "auth", condition: "forbidden" });
    w.send(a1, iq("get", { to: b }, rosterQuery()));
    expect(stanzaError(a1.take()[0]).condition).to.equal("forbidden");
    expect(b1.take()).to.have.length(0);
  });

  it("to an account that does not exist: service-unavailable, bare or full", () => {
    w.send(a1, iq("get", { to: `ghost@${D}` }, ping()));
    w.send(a1, iq("get", { to: `ghost@${D}/r` }, ping()));
    expect(a1.take().map((e) => stanzaError(e).condition)).to.deep.equal([
      "service-unavailable",
      "service-unavailable",
    ]);
  });

  it("to one's own other resource: delivered unchanged", () => {
    const a2 = w.login(a, "a2");
    const req = iq("get", { to: a2.jid.toString() }, xml("query", { xmlns: "urn:example:x" }));
    w.send(a1, req);
    const got = a2.take();
    expect(got).to.have.length(1);
    expect(got[0].attrs).to.include({ id: req.attrs.id, from: a1.jid.toString(), to: a2.jid.toString() });
  });

  it("to another user's resource without shared presence: service-unavailable (§8.5.3.1)", () => {
    w.send(a1, iq("get", { to: b1.jid.toString() }, ping()));
    expect(stanzaError(a1.take()[0]).condition).to.equal("service-unavailable");
    expect(b1.take()).to.have.length(0);
  });

  it("to another user's resource that sent directed presence, or with a subscription: delivered", () => {
    w.send(b1, pres({ to: a }));
    w.send(a1, iq("get", { to: b1.jid.toString() }, ping()));
    expect(of(b1.take(), "iq")).to.have.length(1);
    const c = w.account("carol");
    const c1 = w.login(c, "c1");
    w.subscribe(b, c, "From"); // carol is subscribed to bob's presence
    w.send(c1, iq("get", { to: b1.jid.toString() }, ping()));
    expect(of(b1.take(), "iq")).to.have.length(1);
  });

  it("with iqNeedsPresence off, any full JID that matches gets the IQ", () => {
    w = new World({ options: { iqNeedsPresence: false } });
    a = w.account("alice");
    b = w.account("bob");
    a1 = w.login(a, "a1");
    b1 = w.login(b, "b1");
    w.send(a1, iq("get", { to: b1.jid.toString() }, ping()));
    expect(of(b1.take(), "iq")).to.have.length(1);
  });

  it("a full JID that matches no resource: service-unavailable for get/set, results dropped", () => {
    w.send(a1, iq("get", { to: `${b}/nope` }, ping()));
    expect(stanzaError(a1.take()[0]).condition).to.equal("service-unavailable");
    w.send(a1, xml("iq", { type: "result", id: "x", to: `${b}/nope` }));
    expect(a1.take()).to.have.length(0);
  });

  it("results and errors to a connected resource are delivered (§8.5.3.1)", () => {
    w.send(a1, xml("iq", { type: "result", id: "x1", to: b1.jid.toString() }));
    w.send(
      a1,
      xml("iq", { type: "error", id: "x2", to: b1.jid.toString() }, xml("error", { type: "cancel" })),
    );
    expect(b1.take().map((e) => e.attrs.id)).to.deep.equal(["x1", "x2"]);
  });
});

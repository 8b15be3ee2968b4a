// The reference server's vCard store (harness/server/stanza/vcard.ts, XEP-0054) and PEP service
// (pep*.ts, XEP-0163): what a client sees, driven through the stanza layer.
import { expect } from "chai";
import { NS, xml } from "../../../harness/xml/element.ts";
import { D, type FakeSession, iq, of, pres, stanzaError, World } from "../../support/stanza-world.ts";

const card = (fn: string) => xml("vCard", { xmlns: "vcard-temp" }, xml("FN", {}, fn));
const CAPS = "http://jabber.org/protocol/caps";
const NODE = "urn:example:tune";

/** Answers the server's caps query on `s` with `features`, as a client does. */
function answerCaps(w: World, s: FakeSession, features: string[]): void {
  const [q] = of(s.take(), "iq", "get");
  expect(q.getChild("query", NS.discoInfo)?.attrs.node).to.equal("n#v1");
  const answer = iq("result", { to: q.attrs.from, id: q.attrs.id }, xml("query", { xmlns: NS.discoInfo }));
  for (const f of features) answer.getChild("query")?.append(xml("feature", { var: f }));
  w.send(s, answer);
}

describe("stanza layer: vCards (XEP-0054)", () => {
  it("stores a vCard whole, returns it to the owner and to others, and refuses sets for another", () => {
    const w = new World();
    const a = w.login(w.account("alice"), "r", { presence: true });
    const b = w.login(w.account("bob"), "r", { presence: true });
    w.send(a, iq("set", {}, card("Alice")));
    expect(a.take()[0].attrs.type).to.equal("result");
    w.send(b, iq("get", { to: "alice@example.test" }, xml("vCard", { xmlns: "vcard-temp" })));
    const [got] = b.take();
    expect(got.getChild("vCard", "vcard-temp")?.getChildText("FN")).to.equal("Alice");
    expect(a.take(), "the owner's resource never sees it").to.have.length(0);
    w.send(b, iq("set", { to: "alice@example.test" }, card("Mallory")));
    expect(stanzaError(b.take()[0]).condition).to.equal("forbidden");
  });

  it("answers a missing vCard of another and a missing account alike: service-unavailable", () => {
    const w = new World();
    w.account("bob");
    const a = w.login(w.account("alice"), "r");
    w.send(a, iq("get", { to: "bob@example.test" }, xml("vCard", { xmlns: "vcard-temp" })));
    w.send(a, iq("get", { to: "nobody@example.test" }, xml("vCard", { xmlns: "vcard-temp" })));
    const conditions = a.take().map((r) => stanzaError(r).condition);
    expect(conditions).to.deep.equal(["service-unavailable", "service-unavailable"]);
    w.send(a, iq("get", { to: D }, xml("vCard", { xmlns: "vcard-temp" })));
    expect(a.take()[0].getChild("vCard", "vcard-temp")?.getChild("TEL")?.getChild("NUMBER")).to.not.equal(
      undefined,
    );
  });
});

describe("stanza layer: PEP (XEP-0163)", () => {
  it("learns +notify from caps by asking the resource, then notifies it from the owner's bare JID", () => {
    const w = new World();
    const alice = w.account("alice");
    const bob = w.account("bob");
    w.subscribe(alice, bob, "Both");
    const a = w.login(alice, "r", { presence: true });
    const b = w.login(bob, "r");
    w.send(b, pres({}, xml("c", { xmlns: CAPS, hash: "sha-1", node: "n", ver: "v1" })));
    answerCaps(w, b, [`${NODE}+notify`]);
    const publish = xml("publish", { node: NODE }, xml("item", { id: "1" }, xml("tune", { xmlns: NODE })));
    w.send(a, iq("set", {}, xml("pubsub", { xmlns: "http://jabber.org/protocol/pubsub" }, publish)));
    const [event] = of(b.take(), "message");
    expect(event.attrs).to.include({ from: alice, to: b.jid.toString(), type: "headline" });
    expect(event.getChild("event")?.getChild("items")?.attrs.node).to.equal(NODE);
  });

  it("sends the last item on initial presence, and not again on a later one", () => {
    const w = new World();
    const alice = w.account("alice");
    const bob = w.account("bob");
    w.subscribe(alice, bob, "Both");
    const a = w.login(alice, "r", { presence: true });
    const publish = xml("publish", { node: NODE }, xml("item", { id: "1" }, xml("tune", { xmlns: NODE })));
    w.send(a, iq("set", {}, xml("pubsub", { xmlns: "http://jabber.org/protocol/pubsub" }, publish)));
    const b = w.login(bob, "r");
    const caps = () => xml("c", { xmlns: CAPS, hash: "sha-1", node: "n", ver: "v1" });
    w.send(b, pres({}, caps()));
    answerCaps(w, b, [`${NODE}+notify`]);
    expect(of(b.take(), "message")).to.have.length(1);
    w.send(b, pres({}, caps(), xml("status", {}, "later")));
    expect(of(b.take(), "message")).to.have.length(0);
  });
});

// Subscriptions between two local accounts (harness/server/stanza/subscriptions.ts, RFC 6121 §3).
import { expect } from "chai";
import { NS, xml } from "../../../harness/xml/element.ts";
import {
  D,
  type FakeSession,
  iq,
  NOWHERE,
  pres,
  presences,
  pushedItem,
  pushes,
  REMOTE,
  rosterQuery,
  stanzaError,
  World,
} from "../../support/stanza-world.ts";

describe("stanza layer: subscriptions (RFC 6121 §3)", () => {
  let w: World;
  let romeo: string;
  let juliet: string;
  let r1: FakeSession;
  let j1: FakeSession;
  beforeEach(() => {
    w = new World();
    romeo = w.account("romeo");
    juliet = w.account("juliet");
    r1 = w.login(romeo, "orchard", { roster: true, presence: true });
    j1 = w.login(juliet, "balcony", { roster: true, presence: true });
  });

  it("the full handshake to a mutual subscription, with pushes, deliveries and presence", () => {
    w.send(r1, pres({ to: juliet, type: "subscribe", id: "s1" }));
    // §3.1.2: Romeo's roster shows none + ask; the request reaches Juliet from Romeo's bare JID.
    expect(pushedItem(pushes(r1.take())[0]).attrs).to.include({
      jid: juliet,
      subscription: "none",
      ask: "subscribe",
    });
    const [req] = presences(j1.take(), "subscribe");
    expect(req.attrs).to.include({ from: romeo, to: juliet, id: "s1" });
    // §3.1.5: Juliet approves.
    w.send(j1, pres({ to: romeo, type: "subscribed", id: "s2" }));
    expect(pushedItem(pushes(j1.take())[0]).attrs).to.include({ jid: romeo, subscription: "from" });
    const got = r1.take();
    // §3.1.6: the approval first, then the push, then Juliet's presence.
    const order = got.map((e) => (e.name === "iq" ? "push" : (e.attrs.type ?? "available")));
    expect(order).to.deep.equal(["subscribed", "push", "available"]);
    expect(got[0].attrs).to.include({ from: juliet, to: romeo });
    expect(pushedItem(got[1]).attrs).to.include({ subscription: "to" });
    expect(got[1].getChild("query", NS.roster)!.getChild("item")!.attrs.ask).to.equal(undefined);
    expect(got[2].attrs.from).to.equal(j1.jid.toString());
    expect(w.layer.subscription(romeo, juliet)).to.equal("To");
    expect(w.layer.subscription(juliet, romeo)).to.equal("From");
    // And back.
    w.send(j1, pres({ to: romeo, type: "subscribe" }));
    w.send(r1, pres({ to: juliet, type: "subscribed" }));
    expect(w.layer.subscription(romeo, juliet)).to.equal("Both");
    expect(w.layer.subscription(juliet, romeo)).to.equal("Both");
  });

  it("stamps the bare JID and treats a full 'to' as the bare JID (§3.1.2)", () => {
    w.send(r1, pres({ to: j1.jid.toString(), type: "subscribe" }));
    const [req] = presences(j1.take(), "subscribe");
    expect(req.attrs.from).to.equal(romeo);
    expect(req.attrs.to).to.equal(juliet);
    expect(w.layer.subscription(romeo, juliet)).to.equal("None + Pending Out");
  });

  it("a request to an offline contact is stored and delivered at each new presence session until answered", () => {
    w.logout(j1);
    w.send(r1, pres({ to: juliet, type: "subscribe", id: "first" }));
    w.send(r1, pres({ to: juliet, type: "subscribe", id: "second" }));
    const j2 = w.login(juliet, "j2", { roster: true });
    w.send(j2, pres());
    expect(presences(j2.take(), "subscribe").map((p) => p.attrs.id)).to.deep.equal(["first"]);
    w.logout(j2);
    const j3 = w.login(juliet, "j3");
    w.send(j3, pres());
    expect(presences(j3.take(), "subscribe")).to.have.length(1);
    w.send(j3, pres({ to: romeo, type: "unsubscribed" })); // denied
    w.logout(j3);
    const j4 = w.login(juliet, "j4");
    w.send(j4, pres());
    expect(presences(j4.take(), "subscribe")).to.have.length(0);
    expect(w.layer.subscription(romeo, juliet)).to.equal("None");
  });

  it("a subscribe to a user whose contact is already subscribed is answered for her (§3.1.3 rule 2)", () => {
    w.subscribe(romeo, juliet, "To");
    w.send(r1, pres({ to: juliet, type: "subscribe" }));
    expect(presences(j1.take(), "subscribe")).to.have.length(0);
    expect(w.layer.subscription(romeo, juliet)).to.equal("To");
  });

  it("pre-approval (§3.4): recorded and pushed, not routed; the later request is approved automatically", () => {
    w.send(j1, pres({ to: romeo, type: "subscribed" }));
    expect(pushedItem(pushes(j1.take())[0]).attrs).to.include({
      jid: romeo,
      subscription: "none",
      approved: "true",
    });
    expect(r1.take()).to.have.length(0);
    w.send(r1, pres({ to: juliet, type: "subscribe" }));
    expect(presences(j1.take(), "subscribe")).to.have.length(0);
    expect(w.layer.subscription(juliet, romeo)).to.equal("From");
    expect(w.layer.subscription(romeo, juliet)).to.equal("To");
    expect(presences(r1.take(), "subscribed")).to.have.length(1);
  });

  it("unsubscribed cancels a pre-approval without routing anything", () => {
    w.send(j1, pres({ to: romeo, type: "subscribed" }));
    j1.take();
    w.send(j1, pres({ to: romeo, type: "unsubscribed" }));
    const p = pushes(j1.take());
    expect(p).to.have.length(1);
    expect(pushedItem(p[0]).attrs.approved).to.equal(undefined);
    expect(r1.take()).to.have.length(0);
  });

  it("without pre-approval support, an early subscribed changes nothing", () => {
    w = new World({ options: { preApproval: false } });
    romeo = w.account("romeo");
    juliet = w.account("juliet");
    j1 = w.login(juliet, "balcony", { roster: true, presence: true });
    w.send(j1, pres({ to: romeo, type: "subscribed" }));
    expect(j1.take()).to.have.length(0);
    expect(w.layer.roster(juliet)).to.have.length(0);
  });

  it("cancelling a subscription: unavailable from each available resource first, then unsubscribed (§3.2.2)", () => {
    w.subscribe(romeo, juliet, "To");
    w.send(j1, pres({ to: romeo, type: "unsubscribed" }));
    const got = r1.take().filter((e) => e.name === "presence");
    expect(got.map((e) => [e.attrs.type, e.attrs.from])).to.deep.equal([
      ["unavailable", j1.jid.toString()],
      ["unsubscribed", juliet],
    ]);
    expect(w.layer.subscription(romeo, juliet)).to.equal("None");
  });

  it("unsubscribing: the contact's resources send unavailable to the user (§3.3.3)", () => {
    w.subscribe(romeo, juliet, "To");
    w.send(r1, pres({ to: juliet, type: "unsubscribe" }));
    expect(w.layer.subscription(romeo, juliet)).to.equal("None");
    expect(w.layer.subscription(juliet, romeo)).to.equal("None");
    const got = r1.take().filter((e) => e.name === "presence");
    expect(got.map((e) => e.attrs.type)).to.include("unavailable");
    expect(presences(j1.take(), "unsubscribe")).to.have.length(1);
  });

  it("a subscription to a non-existent local account changes only the user's side; nothing leaks", () => {
    w.send(r1, pres({ to: `ghost@${D}`, type: "subscribe" }));
    const got = r1.take();
    expect(got.filter((e) => e.name !== "iq")).to.have.length(0);
    expect(w.layer.subscription(romeo, `ghost@${D}`)).to.equal("None + Pending Out");
  });

  it("a subscription to an unreachable domain bounces and changes nothing", () => {
    w.send(r1, pres({ to: `x@${NOWHERE}`, type: "subscribe", id: "z" }));
    const got = r1.take();
    expect(got).to.have.length(1);
    expect(got[0].attrs).to.include({ type: "error", id: "z" });
    expect(stanzaError(got[0]).condition).to.equal("remote-server-not-found");
    expect(w.layer.subscription(romeo, `x@${NOWHERE}`)).to.equal("None");
  });

  it("an inbound request to a full JID is treated as one to the bare JID (§3.1.3)", () => {
    w.layer.fromRemote(pres({ from: `x@${REMOTE}/r`, to: `${juliet}/nowhere`, type: "subscribe" }));
    const [req] = presences(j1.take(), "subscribe");
    expect(req.attrs).to.include({ to: juliet, from: `x@${REMOTE}/r` });
    expect(w.layer.subscription(juliet, `x@${REMOTE}`)).to.equal("None + Pending In");
    // subscribed/unsubscribe/unsubscribed to an unmatched full JID are ignored (§8.5.3.2.2)
    w.layer.setSubscription(juliet, `y@${REMOTE}`, "None + Pending Out");
    w.layer.fromRemote(pres({ from: `y@${REMOTE}`, to: `${juliet}/nowhere`, type: "subscribed" }));
    expect(w.layer.subscription(juliet, `y@${REMOTE}`)).to.equal("None + Pending Out");
  });

  it("'ask' and 'approved' in a roster set are the server's, not the client's (§2.1.2.1-2)", () => {
    w.send(
      r1,
      iq("set", {}, rosterQuery(xml("item", { jid: `n@${D}`, ask: "subscribe", approved: "true" }))),
    );
    const [item] = w.layer.roster(romeo);
    expect(item.attrs.ask).to.equal(undefined);
    expect(item.attrs.approved).to.equal(undefined);
    expect(w.layer.subscription(romeo, `n@${D}`)).to.equal("None");
  });

  it("subscription stanzas to an unknown account from elsewhere are ignored (§8.5.1)", () => {
    w.layer.fromRemote(pres({ from: `x@${REMOTE}`, to: `ghost@${D}`, type: "subscribe" }));
    expect(w.remote).to.have.length(0);
  });
});

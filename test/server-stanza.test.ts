// The reference server's stanza layer, driven directly through a fake ServerHost whose fake sessions
// record what they receive (no sockets). RFC 6120 §8/§10, RFC 6121 §2-§5, §8 and Appendix A, and the faults.
import { readFileSync } from "node:fs";
import { expect } from "chai";
import { type Jid, parseJid } from "../harness/jid.ts";
import { MemoryAccountStore } from "../harness/server/accounts.ts";
import { wrongErrorType } from "../harness/server/stanza/errors.ts";
import {
  createStanzaLayer,
  DEFAULT_ERROR_TYPE,
  INBOUND,
  OUTBOUND,
  type ReferenceStanzaLayer,
  STANZA_FAULTS,
  type StanzaLayerOptions,
  SUBSCRIPTION_STATES,
  type SubscriptionState,
} from "../harness/server/stanza/index.ts";
import type { BoundSession, ServerHost } from "../harness/server/types.ts";
import { type Element, NS, xml } from "../harness/xml/element.ts";

const D = "example.test";
const REMOTE = "remote.test"; // reachable through the fake s2s seam
const NOWHERE = "unreachable.test"; // not reachable
const NOW = new Date("2024-01-02T03:04:05.000Z");

// --- fakes ---------------------------------------------------------------------------------------------

class FakeSession implements BoundSession {
  available = false;
  priority = 0;
  lastPresence?: Element;
  interested = false;
  inbox: Element[] = [];
  streamErrors: string[] = [];
  readonly jid: Jid;
  constructor(
    readonly id: string,
    jid: string,
  ) {
    this.jid = parseJid(jid);
  }
  send(stanza: Element): void {
    // What the connection layer would do: serialise now (so later mutations cannot hide), keep the element.
    stanza.toString();
    this.inbox.push(stanza);
  }
  streamError(condition: string): void {
    this.streamErrors.push(condition);
  }
  /** Everything received since the last take(). */
  take(): Element[] {
    const got = this.inbox;
    this.inbox = [];
    return got;
  }
}

class FakeHost implements ServerHost {
  readonly domains = new Set([D]);
  readonly accounts = new MemoryAccountStore();
  readonly faults = new Set<string>();
  readonly bound = new Map<string, FakeSession[]>();
  sessionsOf(bareJid: string): BoundSession[] {
    return [...(this.bound.get(bareJid) ?? [])];
  }
  fault(name: string): boolean {
    return this.faults.has(name);
  }
}

interface LoginOptions {
  roster?: boolean;
  /** true: initial presence with no priority; a number: with that priority. */
  presence?: boolean | number;
}

class World {
  readonly host = new FakeHost();
  readonly layer: ReferenceStanzaLayer;
  /** Stanzas handed to the s2s seam for remote.test. */
  readonly remote: Element[] = [];
  #n = 0;

  constructor(opts: { faults?: string[]; options?: StanzaLayerOptions } = {}) {
    for (const f of opts.faults ?? []) this.host.faults.add(f);
    this.layer = createStanzaLayer(this.host, {
      now: () => NOW,
      routeRemote: (s) => {
        if (!parseJid(s.attrs.to).domain.endsWith(REMOTE)) return false;
        this.remote.push(s);
        return true;
      },
      ...opts.options,
    });
  }

  account(name: string): string {
    const bare = `${name}@${D}`;
    this.host.accounts.create(bare, "pw");
    return bare;
  }

  login(bare: string, resource: string, opts: LoginOptions = {}): FakeSession {
    const s = new FakeSession(`s${++this.#n}`, `${bare}/${resource}`);
    const list = this.host.bound.get(bare) ?? [];
    list.push(s);
    this.host.bound.set(bare, list);
    if (opts.roster) this.send(s, iq("get", {}, xml("query", { xmlns: NS.roster })));
    if (opts.presence !== undefined && opts.presence !== false) {
      const prio = typeof opts.presence === "number" ? xml("priority", {}, String(opts.presence)) : null;
      this.send(s, xml("presence", {}, prio));
    }
    s.take();
    return s;
  }

  /** As the connection layer does: stamp the full JID, then hand over. */
  send(s: FakeSession, stanza: Element): void {
    stanza.attrs.from = s.jid.toString();
    this.layer.fromClient(s, stanza);
  }

  logout(s: FakeSession): void {
    const bare = s.jid.bare().toString();
    this.host.bound.set(
      bare,
      (this.host.bound.get(bare) ?? []).filter((x) => x !== s),
    );
    this.layer.sessionEnded(s);
  }

  /** Both sides of a local subscription, consistently. */
  subscribe(user: string, contact: string, state: "To" | "From" | "Both"): void {
    const mirror = { To: "From", From: "To", Both: "Both" } as const;
    this.layer.setSubscription(user, contact, state);
    this.layer.setSubscription(contact, user, mirror[state]);
  }
}

// --- stanza builders and readers ----------------------------------------------------------------------------

let ids = 0;
function iq(type: string, attrs: Record<string, string | undefined>, ...children: Element[]): Element {
  return xml("iq", { type, id: `q${++ids}`, ...attrs }, ...children);
}
function msg(to: string | undefined, body: string, type?: string): Element {
  return xml("message", { to, type, id: `m${++ids}` }, xml("body", {}, body));
}
function pres(attrs: Record<string, string | undefined> = {}, ...children: Element[]): Element {
  return xml("presence", attrs, ...children);
}
const ping = () => xml("ping", { xmlns: NS.ping });
const rosterQuery = (...items: Element[]) => xml("query", { xmlns: NS.roster }, ...items);

function stanzaError(el: Element | undefined): { type?: string; condition?: string } {
  const error = el?.getChild("error");
  const condition = error?.getChildElements().find((c) => c.getNS() === NS.stanzas && c.name !== "text");
  return { type: error?.attrs.type, condition: condition?.name };
}

const of = (els: Element[], name: string, type?: string) =>
  els.filter((e) => e.name === name && (type === undefined ? true : e.attrs.type === type));
const presences = (els: Element[], type?: string) =>
  els.filter((e) => e.name === "presence" && e.attrs.type === type);
const pushes = (els: Element[]) =>
  els.filter((e) => e.name === "iq" && e.attrs.type === "set" && e.getChild("query", NS.roster));
const pushedItem = (push: Element) => push.getChild("query", NS.roster)!.getChild("item")!;
const bodies = (els: Element[]) => of(els, "message").map((m) => m.getChildText("body"));

function readTsv(path: string): Record<string, string>[] {
  const [head, ...rows] = readFileSync(new URL(`../${path}`, import.meta.url), "utf8")
    .trimEnd()
    .split("\n");
  const cols = head.split("\t");
  return rows.map((r) => Object.fromEntries(r.split("\t").map((v, i) => [cols[i], v])));
}

/** The 'subscription' and 'ask' a roster item shows in a state (RFC 6121 A.1); ask is "" when absent. */
function itemOf(state: string): { subscription: string; ask: string } {
  const subscription = state.split(" ")[0].toLowerCase();
  return { subscription, ask: state.includes("Pending Out") ? "subscribe" : "" };
}
const shownAs = (item: Element) => ({ subscription: item.attrs.subscription, ask: item.attrs.ask ?? "" });

// --- RFC 6120 §8 and §10: IQ semantics and routing ------------------------------------------------------------

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
    ]);
  });

  it("disco#items is empty; a disco node it does not publish is item-not-found", () => {
    w.send(s, iq("get", { to: D }, xml("query", { xmlns: NS.discoItems })));
    const [items] = s.take();
    expect(items.attrs.type).to.equal("result");
    expect(items.getChild("query", NS.discoItems)!.getChildElements()).to.have.length(0);
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
      const c = r.condition as keyof typeof DEFAULT_ERROR_TYPE;
      expect(r.default_type.split("/"), c).to.not.include(wrongErrorType(c));
    }
  });

  it("DEFAULT_ERROR_TYPE agrees with fixtures/rfc/error-conditions.tsv", () => {
    const rows = readTsv("fixtures/rfc/error-conditions.tsv").filter((r) => r.kind === "stanza");
    expect(rows).to.have.length(22);
    for (const r of rows) {
      const allowed = r.default_type === "any" ? ["cancel"] : r.default_type.split("/");
      expect(allowed, r.condition).to.include(
        DEFAULT_ERROR_TYPE[r.condition as keyof typeof DEFAULT_ERROR_TYPE],
      );
    }
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

// --- RFC 6121 §2: the roster -----------------------------------------------------------------------------------

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
      expect(stanzaError(got[0]).type).to.equal(
        DEFAULT_ERROR_TYPE[condition as keyof typeof DEFAULT_ERROR_TYPE],
      );
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
    ]);
    w = new World({ options: { rosterVersioning: false, preApproval: false } });
    u = w.account("user");
    s1 = w.login(u, "r1", { roster: true });
    set(s1, xml("item", { jid: `a@${D}` }));
    w.send(s1, iq("get", {}, rosterQuery()));
    for (const e of s1.take()) expect(e.getChild("query", NS.roster)?.attrs.ver).to.equal(undefined);
    expect(w.layer.streamFeatures()).to.have.length(0);
  });
});

// --- RFC 6121 Appendix A: the 72 rows --------------------------------------------------------------------------

describe("stanza layer: subscription state machine (RFC 6121 Appendix A, from the TSV)", () => {
  const rows = readTsv("fixtures/rfc/rfc6121-subscription-states.tsv");
  const contact = `contact@${REMOTE}`;

  it("has 72 rows, and OUTBOUND/INBOUND agree with every one of them", () => {
    expect(rows).to.have.length(72);
    for (const r of rows) {
      const table = r.direction === "outbound" ? OUTBOUND : INBOUND;
      const row = table[r.stanza_type as keyof typeof OUTBOUND][r.existing_state as SubscriptionState];
      expect(row.pass, r.id).to.equal(r.requirement === "MUST");
      const next = r.new_state === "no state change" || r.new_state === "pre-approval" ? null : r.new_state;
      expect(row.next, r.id).to.equal(next);
    }
  });

  for (const r of rows) {
    it(`${r.id}: ${r.direction} ${r.stanza_type} in ${r.existing_state} -> ${r.resulting_state}`, () => {
      const w = new World();
      const u = w.account("user");
      const s = w.login(u, "r1", { roster: true, presence: true });
      w.layer.setSubscription(u, contact, r.existing_state as SubscriptionState);
      const type = r.stanza_type;
      if (r.direction === "outbound") {
        w.send(s, pres({ to: contact, type, id: "st1" }));
        const routed = presences(w.remote, type);
        // MUST route / MUST NOT / SHOULD NOT route.
        expect(routed, "routed").to.have.length(r.requirement === "MUST" ? 1 : 0);
        if (routed.length) expect(routed[0].attrs).to.include({ from: u, to: contact, id: "st1" });
      } else {
        w.layer.fromRemote(pres({ from: contact, to: u, type, id: "st1" }));
        const delivered = presences(s.inbox, type);
        expect(delivered, "delivered").to.have.length(r.requirement === "MUST" ? 1 : 0);
        // Footnotes: auto-replies to the contact.
        if (r.footnotes.includes('Server SHOULD auto-reply with "subscribed"')) {
          expect(presences(w.remote, "subscribed"), "auto-reply").to.have.length(1);
        }
        if (r.footnotes.includes('Server SHOULD auto-reply with "unsubscribed"')) {
          expect(presences(w.remote, "unsubscribed"), "auto-reply").to.have.length(1);
        }
      }
      const preApproval = r.resulting_state.endsWith("(pre-approval recorded)");
      const expected = r.resulting_state.replace(/ \(pre-approval recorded\)$/, "");
      expect(w.layer.subscription(u, contact)).to.equal(expected);
      const item = w.layer.roster(u).find((i) => i.attrs.jid === contact)!;
      expect(shownAs(item)).to.deep.equal(itemOf(expected));
      expect(item.attrs.approved).to.equal(preApproval ? "true" : undefined);
      // A roster push exactly when what the roster shows changes.
      const shown = (st: string) => JSON.stringify(itemOf(st));
      const changed = shown(expected) !== shown(r.existing_state) || preApproval;
      const p = pushes(s.inbox);
      expect(p, "pushes").to.have.length(changed ? 1 : 0);
      if (changed) expect(shownAs(pushedItem(p[0]))).to.deep.equal(itemOf(expected));
    });
  }

  it("None + Pending In without a roster item: approving creates the item (state From)", () => {
    const w = new World();
    const u = w.account("user");
    const s = w.login(u, "r1", { roster: true, presence: true });
    w.layer.fromRemote(pres({ from: contact, to: u, type: "subscribe" }));
    expect(w.layer.subscription(u, contact)).to.equal("None + Pending In");
    expect(w.layer.roster(u)).to.have.length(0); // §3.1.3: MUST NOT add an item before approval
    expect(pushes(s.take())).to.have.length(0);
    w.send(s, pres({ to: contact, type: "subscribed" }));
    expect(w.layer.subscription(u, contact)).to.equal("From");
    expect(pushedItem(pushes(s.take())[0]).attrs.subscription).to.equal("from");
  });

  it("None + Pending In without an item: an inbound unsubscribe simply forgets the request (§3.3.3)", () => {
    const w = new World();
    const u = w.account("user");
    w.login(u, "r1", { roster: true, presence: true });
    w.layer.fromRemote(pres({ from: contact, to: u, type: "subscribe" }));
    w.layer.fromRemote(pres({ from: contact, to: u, type: "unsubscribe" }));
    expect(w.layer.subscription(u, contact)).to.equal("None");
    const s2 = w.login(u, "r2", { presence: true });
    expect(s2.inbox).to.have.length(0);
  });
});

// --- RFC 6121 §3: subscriptions between two local accounts ---------------------------------------------------

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

// --- RFC 6121 §4: presence -------------------------------------------------------------------------------------

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

// --- RFC 6121 §5 and §8.5: messages ------------------------------------------------------------------------------

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

// --- registration and account removal --------------------------------------------------------------------------

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
        xml("query", { xmlns: NS.register }, xml("username", {}, "user"), xml("password", {}, "new")),
      ),
    );
    expect(s.take()[0].attrs.type).to.equal("result");
    expect(w.host.accounts.password(u)).to.equal("new");
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

// --- faults ----------------------------------------------------------------------------------------------------

/** A scenario that observes one behaviour; under its fault the observation must differ. */
type Scenario = (w: World) => unknown;

/** Two local accounts a (available, interested) and b, for scenarios. */
function pair(w: World) {
  const a = w.account("a");
  const b = w.account("b");
  const a1 = w.login(a, "a1", { roster: true, presence: true });
  return { a, b, a1 };
}

/** Runs an Appendix A row against a remote contact and reports [state, routed or delivered]. */
function row(w: World, dir: "out" | "in", type: string, state: SubscriptionState): [string, number] {
  const u = w.account("user");
  const s = w.login(u, "r1", { roster: true, presence: true });
  const contact = `c@${REMOTE}`;
  w.layer.setSubscription(u, contact, state);
  if (dir === "out") w.send(s, pres({ to: contact, type }));
  else w.layer.fromRemote(pres({ from: contact, to: u, type }));
  const seen = dir === "out" ? presences(w.remote, type) : presences(s.inbox, type);
  return [w.layer.subscription(u, contact), seen.length];
}

const SCENARIOS: Record<string, Scenario> = {
  "iq-no-reply": (w) => {
    const { a1 } = pair(w);
    w.send(a1, iq("get", { to: D }, ping()));
    w.send(a1, iq("get", {}, ping()));
    return a1.take().length; // 2, or 0
  },
  "iq-double-reply": (w) => {
    const { a1 } = pair(w);
    w.send(a1, iq("get", { to: D }, ping()));
    return a1.take().length; // 1, or 2
  },
  "iq-wrong-id": (w) => {
    const { a1 } = pair(w);
    w.send(a1, xml("iq", { type: "get", id: "the-id", to: D }, ping()));
    return a1.take()[0].attrs.id;
  },
  "iq-answer-result": (w) => {
    const { a1 } = pair(w);
    w.send(a1, xml("iq", { type: "result", id: "r", to: D }));
    return a1.take().length;
  },
  "error-reply-to-error": (w) => {
    const { a1, b } = pair(w);
    w.send(a1, xml("iq", { type: "error", id: "e", to: D }, xml("error", { type: "cancel" })));
    w.send(a1, msg(b, "x", "error"));
    return a1.take().length;
  },
  "wrong-error-type": (w) => {
    const { a1 } = pair(w);
    w.send(a1, iq("get", { to: D }, xml("q", { xmlns: "urn:example:x" })));
    w.send(a1, iq("get", { to: D }));
    return a1.take().map((e) => stanzaError(e).type); // service-unavailable, bad-request: [cancel, modify]
  },
  "unknown-payload-ok": (w) => {
    const { a1 } = pair(w);
    w.send(a1, iq("get", { to: D }, xml("q", { xmlns: "urn:example:x" })));
    return a1.take()[0].attrs.type;
  },
  "leak-message": (w) => {
    const { a, a1, b } = pair(w);
    const b1 = w.login(b, "b1", { presence: true });
    const c = w.account("c");
    const c1 = w.login(c, "c1", { presence: true });
    w.send(c1, pres({ to: a })); // c is known to the server
    w.send(a1, msg(b, "private"));
    return [bodies(b1.take()), bodies(c1.take())];
  },
  "no-roster-push": (w) => {
    const { a1 } = pair(w);
    w.send(a1, iq("set", {}, rosterQuery(xml("item", { jid: `z@${D}` }))));
    return pushes(a1.take()).length;
  },
  "roster-push-missing-interested": (w) => {
    const { a, a1 } = pair(w);
    const a2 = w.login(a, "a2", { roster: true });
    w.send(a1, iq("set", {}, rosterQuery(xml("item", { jid: `z@${D}` }))));
    return [pushes(a1.take()).length, pushes(a2.take()).length];
  },
  "sub-out-subscribe-wrong": (w) => row(w, "out", "subscribe", "None"),
  "sub-out-unsubscribe-wrong": (w) => row(w, "out", "unsubscribe", "Both"),
  "sub-out-subscribed-wrong": (w) => row(w, "out", "subscribed", "None + Pending In"),
  "sub-out-unsubscribed-wrong": (w) => row(w, "out", "unsubscribed", "From"),
  "sub-in-subscribe-wrong": (w) => row(w, "in", "subscribe", "None"),
  "sub-in-unsubscribe-wrong": (w) => row(w, "in", "unsubscribe", "Both"),
  "sub-in-subscribed-wrong": (w) => row(w, "in", "subscribed", "None + Pending Out"),
  "sub-in-unsubscribed-wrong": (w) => row(w, "in", "unsubscribed", "To"),
  "sub-full-jid-from": (w) => {
    const { a1, b } = pair(w);
    const b1 = w.login(b, "b1", { presence: true });
    w.send(a1, pres({ to: b, type: "subscribe" }));
    return presences(b1.take(), "subscribe")[0].attrs.from;
  },
  "no-initial-broadcast": (w) => {
    const a = w.account("a");
    const b = w.account("b");
    w.subscribe(a, b, "Both");
    const b1 = w.login(b, "b1", { presence: true });
    const a1 = w.login(a, "a1");
    w.send(a1, pres());
    return [
      presences(b1.take()).length,
      presences(a1.take()).filter((p) => p.attrs.from === a1.jid.toString()).length,
    ];
  },
  "no-probe-answer": (w) => {
    const a = w.account("a");
    const b = w.account("b");
    w.subscribe(a, b, "Both");
    w.login(b, "b1", { presence: true });
    const a1 = w.login(a, "a1");
    w.send(a1, pres());
    return presences(a1.take()).filter((p) => p.attrs.from?.startsWith(b)).length;
  },
  "probe-leak": (w) => {
    const { a, b } = pair(w);
    const b1 = w.login(b, "b1");
    w.send(b1, pres({ to: a, type: "probe" }));
    return presences(b1.take()).length;
  },
  "no-unavailable-on-close": (w) => {
    const a = w.account("a");
    const b = w.account("b");
    w.subscribe(a, b, "Both");
    const b1 = w.login(b, "b1", { presence: true });
    const a1 = w.login(a, "a1", { presence: true });
    b1.take();
    w.logout(a1);
    return presences(b1.take(), "unavailable").length;
  },
  "directed-no-unavailable": (w) => {
    const { a1, b } = pair(w);
    const b1 = w.login(b, "b1", { presence: true });
    w.send(a1, pres({ to: b }));
    w.logout(a1);
    return presences(b1.take(), "unavailable").length;
  },
  "offline-drop": (w) => {
    const { a1, b } = pair(w);
    w.send(a1, msg(b, "kept"));
    const b1 = w.login(b, "b1");
    w.send(b1, pres());
    return [bodies(b1.take()), a1.take().length];
  },
  "offline-alter": (w) => {
    const { a1, b } = pair(w);
    w.send(a1, msg(b, "kept"));
    const b1 = w.login(b, "b1");
    w.send(b1, pres());
    return bodies(b1.take());
  },
  "bare-jid-wrong-resource": (w) => {
    const { a1, b } = pair(w);
    const hi = w.login(b, "hi", { presence: 5 });
    const lo = w.login(b, "lo", { presence: 1 });
    w.send(a1, msg(b, "x"));
    return [bodies(hi.take()).length, bodies(lo.take()).length];
  },
  "negative-priority-delivered": (w) => {
    const { a1, b } = pair(w);
    const n = w.login(b, "n", { presence: -1 });
    w.send(a1, msg(b, "x"));
    return [bodies(n.take()).length, w.layer.offlineCount(b)];
  },
  "groupchat-to-bare-delivered": (w) => {
    const { a1, b } = pair(w);
    const b1 = w.login(b, "b1", { presence: true });
    w.send(a1, msg(b, "g", "groupchat"));
    return [bodies(b1.take()).length, a1.take().length];
  },
  "unescaped-relay": (w) => {
    const { a1, b } = pair(w);
    const b1 = w.login(b, "b1", { presence: true });
    w.send(a1, msg(b, "<b>bold</b>"));
    w.send(a1, msg(b, "1 < 2 & 3"));
    return of(b1.take(), "message").map((m) => m.getChild("body")!.toString());
  },
  "zwnbsp-stripped": (w) => {
    const { a1, b } = pair(w);
    const b1 = w.login(b, "b1", { presence: true });
    w.send(a1, msg(b, "a\uFEFFb"));
    return of(b1.take(), "message").map((m) => m.getChildText("body"));
  },
  "full-jid-absence-revealed": (w) => {
    const { a1, b } = pair(w);
    w.login(b, "b1", { presence: true });
    w.send(a1, iq("get", { to: `b@${D}` }, xml("q", { xmlns: "urn:example:x" })));
    w.send(a1, iq("get", { to: `b@${D}/nope` }, xml("q", { xmlns: "urn:example:x" })));
    return a1.take().map((e) => stanzaError(e).condition);
  },
  "remote-domain-accepted": (w) => {
    const { a1 } = pair(w);
    w.send(a1, msg(`x@${NOWHERE}`, "x"));
    w.send(a1, iq("get", { to: `x@${NOWHERE}` }, ping()));
    return a1.take().length;
  },
  "jid-malformed-accepted": (w) => {
    const { a1 } = pair(w);
    w.send(a1, iq("get", { to: "@nobody" }, ping()));
    w.send(a1, msg("@nobody", "x"));
    return a1.take().map((e) => stanzaError(e).condition);
  },
  "iq-bad-type-accepted": (w) => {
    const { a1 } = pair(w);
    w.send(a1, iq("frobnicate", { to: D }, ping()));
    return a1.take()[0].attrs.type; // error, or result
  },
  "server-reply-no-from": (w) => {
    const { a1 } = pair(w);
    w.send(a1, iq("get", { to: D }, ping()));
    return a1.take()[0].attrs.from;
  },
  "error-drops-id": (w) => {
    const { a1 } = pair(w);
    w.send(a1, xml("message", { to: `nobody@${D}`, id: "m-id", type: "chat" }, xml("body", {}, "x")));
    return of(a1.take(), "message", "error").map((e) => e.attrs.id);
  },
  "unknown-account-iq-result": (w) => {
    const { a1 } = pair(w);
    w.send(a1, iq("get", { to: `nobody@${D}` }, ping()));
    return a1.take().map((e) => e.attrs.type);
  },
  "iq-full-jid-not-routed": (w) => {
    const { a1, b } = pair(w);
    const b1 = w.login(b, "b1");
    w.send(b1, pres({ to: a1.jid.toString() })); // shares presence with a1 (RFC 6121 §8.5.3.1)
    a1.take();
    w.send(a1, iq("get", { to: b1.jid.toString() }, xml("q", { xmlns: "urn:example:x" })));
    return [of(b1.take(), "iq").length, a1.take().map((e) => stanzaError(e).condition)];
  },
  "strip-unknown-children": (w) => {
    const { a1, b } = pair(w);
    const b1 = w.login(b, "b1", { presence: true });
    const m = msg(b, "x");
    m.append(xml("thing", { xmlns: "urn:example:ext" }));
    w.send(a1, m);
    return of(b1.take(), "message").map((e) => e.getChildren("thing", "urn:example:ext").length);
  },
  "reorder-messages": (w) => {
    const { a1, b } = pair(w);
    const b1 = w.login(b, "b1", { presence: true });
    for (const n of ["1", "2", "3", "4"]) w.send(a1, msg(b, n));
    return bodies(b1.take());
  },
  "roster-missing-query": (w) => {
    const { a1 } = pair(w);
    w.send(a1, iq("get", {}, rosterQuery()));
    return a1.take().map((e) => e.getChildren("query", NS.roster).length);
  },
  "roster-remove-unknown-ok": (w) => {
    const { a1 } = pair(w);
    w.send(a1, iq("set", {}, rosterQuery(xml("item", { jid: `z@${D}`, subscription: "remove" }))));
    return a1.take().map((e) => e.attrs.type);
  },
  "roster-multi-item-accepted": (w) => {
    const { a, a1 } = pair(w);
    w.send(a1, iq("set", {}, rosterQuery(xml("item", { jid: `y@${D}` }), xml("item", { jid: `z@${D}` }))));
    return [stanzaError(a1.take().find((e) => e.attrs.type !== "set")).condition, w.layer.roster(a).length];
  },
  "roster-set-other-user-allowed": (w) => {
    const { a1, b } = pair(w);
    w.send(a1, iq("set", { to: b }, rosterQuery(xml("item", { jid: `z@${D}` }))));
    return [stanzaError(a1.take()[0]).condition, w.layer.roster(b).length];
  },
  "roster-subscription-attr-honoured": (w) => {
    const { a, a1 } = pair(w);
    w.send(a1, iq("set", {}, rosterQuery(xml("item", { jid: `z@${D}`, subscription: "both" }))));
    return w.layer.subscription(a, `z@${D}`);
  },
  "deny-ignored": (w) => row(w, "in", "unsubscribed", "None + Pending Out"),
  "full-jid-message-dropped": (w) => {
    const { a1, b } = pair(w);
    const b1 = w.login(b, "b1", { presence: true });
    w.send(a1, msg(b1.jid.toString(), "x"));
    return bodies(b1.take());
  },
  "rewrite-to-full-jid": (w) => {
    const { a1, b } = pair(w);
    const b1 = w.login(b, "b1", { presence: true });
    w.send(a1, msg(b, "x"));
    return of(b1.take(), "message").map((e) => e.attrs.to);
  },
  "headline-stored-offline": (w) => {
    const { a1, b } = pair(w);
    w.send(a1, msg(b, "news", "headline"));
    return w.layer.offlineCount(b);
  },
  "unsolicited-subscribed-honoured": (w) => {
    const { a, a1, b } = pair(w);
    const b1 = w.login(b, "b1", { roster: true, presence: true });
    w.send(a1, iq("set", {}, rosterQuery(xml("item", { jid: b }))));
    a1.take();
    w.send(b1, pres({ to: a, type: "subscribed" }));
    return [w.layer.subscription(a, b), presences(a1.take(), "subscribed").length];
  },
  "message-no-to-dropped": (w) => {
    const { a1 } = pair(w);
    w.send(a1, msg(undefined, "note to self"));
    return bodies(a1.take());
  },
  "account-reply-from-domain": (w) => {
    const { a1 } = pair(w);
    w.send(a1, iq("get", {}, ping()));
    return a1.take()[0].attrs.from;
  },
  "error-not-swapped": (w) => {
    const { a1 } = pair(w);
    w.send(a1, iq("get", { to: D }, xml("query", { xmlns: "urn:x" })));
    const e = a1.take()[0];
    return [e.attrs.from, e.attrs.to];
  },
  "result-carries-error": (w) => {
    const { a1 } = pair(w);
    w.send(a1, iq("get", { to: D }, ping()));
    const [reply] = a1.take();
    return reply.getChildElements().map((c) => c.name);
  },
  "error-type-invalid": (w) => {
    const { a1 } = pair(w);
    w.send(a1, iq("get", { to: D }, xml("query", { xmlns: "urn:x" })));
    return stanzaError(a1.take()[0]).type;
  },
  "error-two-conditions": (w) => {
    const { a1 } = pair(w);
    w.send(a1, iq("get", { to: D }, xml("query", { xmlns: "urn:x" })));
    return a1.take()[0].getChild("error")!.getChildElements().length;
  },
  "error-text-unqualified": (w) => {
    const { a1 } = pair(w);
    w.send(a1, iq("get", { to: D }, xml("query", { xmlns: "urn:x" })));
    const texts = a1.take()[0].getChild("error")!.getChildren("text");
    return texts.map((t) => t.attrs.xmlns ?? null);
  },
  "error-child-missing": (w) => {
    const { a1 } = pair(w);
    w.send(a1, iq("get", { to: D }, xml("query", { xmlns: "urn:x" })));
    return a1.take().map((e) => [e.attrs.type, e.getChildren("error").length]);
  },
  "strip-xml-lang": (w) => {
    const { a1, b } = pair(w);
    const b1 = w.login(b, "b1", { presence: true });
    w.send(a1, xml("message", { to: b, "xml:lang": "de" }, xml("body", { "xml:lang": "fr" }, "x")));
    const m = of(b1.take(), "message")[0];
    return [m.attrs["xml:lang"] ?? null, m.getChild("body")!.attrs["xml:lang"] ?? null];
  },
  "domain-resource-iq-dropped": (w) => {
    const { a1 } = pair(w);
    w.send(a1, iq("get", { to: `${D}/res` }, ping()));
    return a1.take().length;
  },
  "bare-jid-iq-delivered": (w) => {
    const { a1, b } = pair(w);
    const b1 = w.login(b, "b1", { presence: true });
    w.send(a1, iq("get", { to: b }, xml("query", { xmlns: "urn:x" })));
    return [a1.take().length, of(b1.take(), "iq").length];
  },
  "roster-set-deferred": (w) => {
    const { a1 } = pair(w);
    w.send(a1, iq("set", {}, rosterQuery(xml("item", { jid: `c@${D}` }))));
    const get = iq("get", {}, rosterQuery());
    w.send(a1, get);
    const answer = a1.take().find((e) => e.attrs.id === get.attrs.id)!;
    return answer
      .getChild("query")!
      .getChildren("item")
      .map((i) => i.attrs.jid);
  },
  "unmatched-resource-bounced": (w) => {
    const { a1, b } = pair(w);
    const b1 = w.login(b, "b1", { presence: true });
    w.send(a1, msg(`${b}/ghost`, "x", "chat"));
    return bodies(b1.take());
  },
  "second-domain-remote": (w) => {
    w.host.domains.add("second.test");
    const { a1 } = pair(w);
    w.send(a1, iq("get", { to: "second.test" }, ping()));
    const [reply] = a1.take();
    return [reply.attrs.type, stanzaError(reply).condition];
  },
  "unknown-child-bounced": (w) => {
    const { a1 } = pair(w);
    w.send(a1, xml("message", { to: D, id: "u1" }, xml("x", { xmlns: "urn:unknown" })));
    w.send(a1, pres({ to: D }, xml("x", { xmlns: "urn:unknown" })));
    return a1.take().map((el) => [el.name, stanzaError(el).condition]);
  },
  "roster-push-malformed": (w) => {
    const { a1 } = pair(w);
    w.send(a1, iq("set", {}, rosterQuery(xml("item", { jid: `c@${D}` }))));
    return pushes(a1.take()).map((p) => [p.attrs.id === undefined, p.getChildElements().length]);
  },
  "bare-jid-stanzas-dropped": (w) => {
    const { a1, b } = pair(w);
    const b1 = w.login(b, "b1", { presence: true });
    w.send(a1, msg(b, "x", "chat"));
    w.send(a1, pres({ to: b }));
    return b1.take().map((el) => el.name);
  },
  "unknown-account-presence-bounced": (w) => {
    const { a1 } = pair(w);
    w.send(a1, pres({ to: `nobody@${D}` }));
    return a1.take().map((el) => stanzaError(el).condition);
  },
  "unmatched-resource-recipient-unavailable": (w) => {
    const { a1, b } = pair(w);
    w.login(b, "b1", { presence: true });
    w.send(a1, msg(`${b}/ghost`, "x"));
    return a1.take().map((el) => stanzaError(el).condition);
  },
  "error-kind-placeholder": (w) => {
    const { a1 } = pair(w);
    w.send(a1, msg(D, "x"));
    return a1.take().map((el) => el.name);
  },
};

/** What each fault's scenario must show when the fault is on (the baseline is checked to differ). */
const UNDER_FAULT: Record<string, unknown> = {
  "iq-no-reply": 0,
  "iq-double-reply": 2,
  "iq-wrong-id": "the-id-x",
  "iq-answer-result": 1,
  "error-reply-to-error": 2,
  "wrong-error-type": ["wait", "wait"],
  "unknown-payload-ok": "result",
  "leak-message": [["private"], ["private"]],
  "no-roster-push": 0,
  "roster-push-missing-interested": [1, 0],
  "sub-out-subscribe-wrong": ["None", 1],
  "sub-out-unsubscribe-wrong": ["None", 1],
  "sub-out-subscribed-wrong": ["None + Pending In", 0],
  "sub-out-unsubscribed-wrong": ["From", 1],
  "sub-in-subscribe-wrong": ["From", 0],
  "sub-in-unsubscribe-wrong": ["None", 1],
  "sub-in-subscribed-wrong": ["None + Pending Out", 1],
  "sub-in-unsubscribed-wrong": ["To", 0],
  "sub-full-jid-from": `a@${D}/a1`,
  "no-initial-broadcast": [0, 0],
  "no-probe-answer": 0,
  "probe-leak": 1,
  "no-unavailable-on-close": 0,
  "directed-no-unavailable": 0,
  "offline-drop": [[], 0],
  "offline-alter": ["kept [altered]"],
  "bare-jid-wrong-resource": [0, 1],
  "negative-priority-delivered": [1, 0],
  "groupchat-to-bare-delivered": [1, 0],
  "unescaped-relay": ["<body><b>bold</b></body>", "<body>1 < 2 & 3</body>"],
  "zwnbsp-stripped": ["ab"],
  "full-jid-absence-revealed": ["service-unavailable", "item-not-found"],
  "remote-domain-accepted": 0,
  "jid-malformed-accepted": [],
  "iq-bad-type-accepted": "result",
  "server-reply-no-from": undefined,
  "error-drops-id": [undefined],
  "unknown-account-iq-result": ["result"],
  "iq-full-jid-not-routed": [0, ["service-unavailable"]],
  "strip-unknown-children": [0],
  "reorder-messages": ["1", "3", "2", "4"],
  "roster-missing-query": [0],
  "roster-remove-unknown-ok": ["result"],
  "roster-multi-item-accepted": [undefined, 1],
  "roster-set-other-user-allowed": [undefined, 1],
  "roster-subscription-attr-honoured": "Both",
  "deny-ignored": ["None + Pending Out", 0],
  "full-jid-message-dropped": [],
  "rewrite-to-full-jid": [`b@${D}/b1`],
  "headline-stored-offline": 1,
  "unsolicited-subscribed-honoured": ["To", 1],
  "message-no-to-dropped": [],
  "account-reply-from-domain": D,
  "error-not-swapped": [`a@${D}/a1`, D],
  "result-carries-error": ["error"],
  "error-type-invalid": "fatal",
  "error-two-conditions": 2,
  "error-text-unqualified": [null],
  "error-child-missing": [["error", 0]],
  "strip-xml-lang": [null, null],
  "domain-resource-iq-dropped": 0,
  "bare-jid-iq-delivered": [0, 1],
  "roster-set-deferred": [],
  "unmatched-resource-bounced": [],
  "second-domain-remote": ["error", "remote-server-not-found"],
  "unknown-child-bounced": [
    ["message", "feature-not-implemented"],
    ["presence", "feature-not-implemented"],
  ],
  "roster-push-malformed": [[true, 2]],
  "bare-jid-stanzas-dropped": [],
  "unknown-account-presence-bounced": ["service-unavailable"],
  "unmatched-resource-recipient-unavailable": ["recipient-unavailable"],
  "error-kind-placeholder": ["stanza-kind"],
};

describe("stanza layer: named faults", () => {
  it("every fault has a unique name, a description and requirement ids from the catalogue", () => {
    const ids = new Set([
      ...readTsv("fixtures/rfc/requirements.tsv").map((r) => r.id),
      ...readTsv("fixtures/rfc/rfc6121-subscription-states.tsv").map((r) => r.id),
    ]);
    const names = STANZA_FAULTS.map((f) => f.name);
    expect(new Set(names).size).to.equal(names.length);
    for (const f of STANZA_FAULTS) {
      expect(f.description, f.name).to.have.length.above(10);
      expect(f.breaks, f.name).to.not.be.empty;
      for (const id of f.breaks) expect(ids.has(id), `${f.name}: ${id}`).to.equal(true);
    }
  });

  it("every fault has a scenario here, and every scenario a fault", () => {
    expect(Object.keys(SCENARIOS).sort()).to.deep.equal(STANZA_FAULTS.map((f) => f.name).sort());
    expect(Object.keys(UNDER_FAULT).sort()).to.deep.equal(Object.keys(SCENARIOS).sort());
  });

  for (const f of STANZA_FAULTS) {
    it(`${f.name}: ${f.description}`, () => {
      const scenario = SCENARIOS[f.name];
      const baseline = scenario(new World());
      const faulted = scenario(new World({ faults: [f.name] }));
      expect(faulted).to.deep.equal(UNDER_FAULT[f.name]);
      expect(faulted).to.not.deep.equal(baseline);
    });
  }

  it("faults are consulted through host.fault(name) at the time of the stanza", () => {
    const w = new World();
    const { a1 } = pair(w);
    w.send(a1, iq("get", { to: D }, ping()));
    w.host.faults.add("iq-no-reply");
    w.send(a1, iq("get", { to: D }, ping()));
    w.host.faults.delete("iq-no-reply");
    w.send(a1, iq("get", { to: D }, ping()));
    expect(a1.take()).to.have.length(2);
  });
});

describe("stanza layer: states", () => {
  it("SUBSCRIPTION_STATES are the nine states of Appendix A.1", () => {
    const states = new Set(
      readTsv("fixtures/rfc/rfc6121-subscription-states.tsv").map((r) => r.existing_state),
    );
    expect([...SUBSCRIPTION_STATES].sort()).to.deep.equal([...states].sort());
  });
});

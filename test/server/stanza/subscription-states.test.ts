// The subscription state machine (harness/server/stanza/subscription-states.ts): the 72 rows of
// RFC 6121 Appendix A, read from fixtures/rfc/rfc6121-subscription-states.tsv, and its nine states.
import { expect } from "chai";
import {
  INBOUND,
  OUTBOUND,
  SUBSCRIPTION_STATES,
  type SubscriptionState,
} from "../../../harness/server/stanza/index.ts";
import type { Element } from "../../../harness/xml/element.ts";
import { pres, presences, pushedItem, pushes, REMOTE, readTsv, World } from "../../support/stanza-world.ts";

/** The 'subscription' and 'ask' a roster item shows in a state (RFC 6121 A.1); ask is "" when absent. */
function itemOf(state: string): { subscription: string; ask: string } {
  const subscription = state.split(" ")[0].toLowerCase();
  return { subscription, ask: state.includes("Pending Out") ? "subscribe" : "" };
}
const shownAs = (item: Element) => ({ subscription: item.attrs.subscription, ask: item.attrs.ask ?? "" });
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
describe("stanza layer: states", () => {
  it("SUBSCRIPTION_STATES are the nine states of Appendix A.1", () => {
    const states = new Set(
      readTsv("fixtures/rfc/rfc6121-subscription-states.tsv").map((r) => r.existing_state),
    );
    expect([...SUBSCRIPTION_STATES].sort()).to.deep.equal([...states].sort());
  });
});

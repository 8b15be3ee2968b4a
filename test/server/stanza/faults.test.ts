// The stanza layer's named faults (harness/server/stanza/faults.ts): each one changes what its scenario
// (in fault-scenarios.ts) observes, to exactly what UNDER_FAULT says.
import { expect } from "chai";
import { STANZA_FAULTS } from "../../../harness/server/stanza/index.ts";
import { D, iq, ping, readTsv, World } from "../../support/stanza-world.ts";
import { pair, SCENARIOS } from "./fault-scenarios.ts";

/** What each fault's scenario must show when the fault is on (the baseline is checked to differ). */
const UNDER_FAULT: Record<string, unknown> = {
  "iq-no-reply": 0,
  "iq-double-reply": 2,
  "iq-wrong-id": "the-id-x",
  "iq-answer-result": 1,
  "error-reply-to-error": 2,
  "wrong-error-type": ["wait", "wait"],
  "unknown-payload-ok": "result",
  "iq-payload-count-unchecked": "result",
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
  "offline-refused-not-allowed": ["not-allowed"],
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
  "deny-delivered-unapplied": ["None + Pending Out", 1],
  "full-jid-message-dropped": [],
  "rewrite-to-full-jid": [`b@${D}/b1`],
  "headline-stored-offline": 1,
  "unsolicited-subscribed-honoured": ["To", 1],
  "message-no-to-dropped": [],
  "account-reply-from-domain": D,
  "error-not-swapped": [`a@${D}/a1`, D],
  "result-carries-error": ["error"],
  "error-type-invalid": "fatal",
  "unknown-payload-feature-not-implemented": ["feature-not-implemented"],
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

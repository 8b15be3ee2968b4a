// RFC 6121 across domains (suites/rfc6121/s2s/) against the embedded server: PASS without a fault, and the
// verdict a fault of theirs must give (the faults that fail at once; those that fail only by a case's
// bounded wait are proven by test/faults.test.ts).
import { expect } from "chai";
import { allCases } from "../harness/runner/registry.ts";
import { runSuite } from "./support/run-suite.ts";

const GRADED: [fault: string, caseId: string][] = [
  ["sub-full-jid-from", "rfc6121/3.1.5/outbound-approval-routed"],
  ["sub-full-jid-from", "rfc6121/3.2.2/outbound-cancel-routed"],
  ["sub-full-jid-from", "rfc6121/3.3.2/outbound-unsubscribe-routed"],
  ["inbound-push-before-delivery", "rfc6121/3.2.3/inbound-cancel-applied"],
  ["inbound-push-before-delivery", "rfc6121/3.3.3/inbound-unsubscribe-applied"],
  ["s2s-routed-presence-stripped", "rfc6121/4.5.2/outbound-unavailable-graceful"],
  ["directed-target-gets-broadcasts", "rfc6121/4.6.3/outbound-directed-not-in-broadcast"],
  ["unknown-account-iq-result", "rfc6121/8.5.1/inbound-iq-missing-account"],
  ["unknown-account-message-wrong-error", "rfc6121/8.5.1/inbound-message-missing-account"],
  ["unknown-account-presence-bounced", "rfc6121/8.5.1/inbound-subscribe-missing-account"],
  ["unknown-account-probe-bounced", "rfc6121/8.5.1/inbound-probe-missing-account"],
];

describe("RFC 6121 cases across domains against the embedded server", function () {
  this.timeout(60_000);
  const cases = allCases().filter(
    (c) => c.id.startsWith("rfc6121/") && c.needs?.some((n) => n.startsWith("s2s")),
  );

  it("every one passes without a fault", async () => {
    expect(cases.length).to.be.at.least(20);
    const { results } = await runSuite({ cases, inProcess: true });
    const off = results.filter((r) => r.verdict !== "PASS").map((r) => `${r.verdict} ${r.id}: ${r.message}`);
    expect(off).to.deep.equal([]);
  });

  for (const [fault, id] of GRADED) {
    it(`${fault}: ${id} is FAIL`, async () => {
      const c = cases.find((k) => k.id === id);
      if (!c) throw new Error(`no case ${id}`);
      const { byId } = await runSuite({ fault: [fault], cases: [c], inProcess: true });
      const r = byId.get(id);
      expect(r?.verdict, r?.message).to.equal("FAIL");
    });
  }
});

// XEP-0368 direct TLS cases (the target as initiating server) against the embedded server: PASS without a
// fault, and the verdict each direct TLS fault must give.
import { expect } from "chai";
import { allCases } from "../harness/runner/registry.ts";
import { runSuite } from "./support/run-suite.ts";

const GRADED: [fault: string, caseId: string, verdict: "FAIL" | "WARN"][] = [
  ["s2s-direct-tls-no-sni", "xep0368/3/outbound-sni-names-domain", "FAIL"],
  ["s2s-direct-tls-no-alpn", "xep0368/3/outbound-alpn-xmpp-server", "WARN"],
  ["s2s-direct-tls-starttls", "xep0368/3/outbound-direct-tls-delivers", "FAIL"],
  ["s2s-direct-tls-trusts-any-cert", "xep0368/3/outbound-refuses-expired", "FAIL"],
  ["s2s-direct-tls-trusts-any-cert", "xep0368/3/outbound-refuses-wrong-name", "FAIL"],
  ["s2s-direct-tls-trusts-any-cert", "xep0368/3/outbound-refuses-untrusted-ca", "FAIL"],
];

describe("XEP-0368 direct TLS cases against the embedded server", function () {
  this.timeout(60_000);
  const cases = allCases();
  const byId = (id: string) => {
    const c = cases.find((k) => k.id === id);
    if (!c) throw new Error(`no case ${id}`);
    return c;
  };

  it("every one passes without a fault", async () => {
    const ids = [...new Set(GRADED.map((g) => g[1]))];
    const { results } = await runSuite({ cases: ids.map(byId), inProcess: true });
    const off = results.filter((r) => r.verdict !== "PASS").map((r) => `${r.verdict} ${r.id}: ${r.message}`);
    expect(off).to.deep.equal([]);
  });

  for (const [fault, id, verdict] of GRADED) {
    it(`${fault}: ${id} is ${verdict}`, async () => {
      const { byId: got } = await runSuite({ fault: [fault], cases: [byId(id)], inProcess: true });
      const r = got.get(id);
      expect(r?.verdict, r?.message).to.equal(verdict);
    });
  }
});

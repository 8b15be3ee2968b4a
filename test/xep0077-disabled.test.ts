// XEP-0077's disabled path against the reference server with in-band registration off (the option a
// deployment has, §11): the stream feature is gone and the no-registration cases PASS; with registration on
// they SKIP, naming why. (A real server's disabled path: fixtures/servers/NAME/registration-off.)
import { expect } from "chai";
import { allCases } from "../harness/runner/registry.ts";
import { ReferenceServer } from "../harness/server/server.ts";
import { failures, runSuite } from "./support/run-suite.ts";

const disabledPath = () => allCases().filter((c) => c.needs?.includes("no-registration"));

describe("XEP-0077 with in-band registration turned off", function () {
  this.timeout(60_000);

  it("has disabled-path cases", () => {
    expect(disabledPath().map((c) => c.id)).to.include("xep0077/3.1/disabled-get-service-unavailable");
  });

  it("passes them against the reference server with registration off", async () => {
    const server = await ReferenceServer.start({ registration: false, tlsPort: null, wsPort: null });
    try {
      const { tcp } = server.endpoints;
      const { results } = await runSuite({
        target: `xmpp://${tcp.host}:${tcp.port}`,
        domain: server.domains[0],
        insecure: true,
        cases: disabledPath(),
      });
      expect(
        results.map((r) => r.verdict),
        failures(results),
      ).to.deep.equal(disabledPath().map(() => "PASS"));
    } finally {
      await server.stop();
    }
  });

  it("skips them where registration is on", async () => {
    const { results } = await runSuite({ cases: disabledPath(), inProcess: true });
    for (const r of results) {
      expect(r.verdict, r.id).to.equal("SKIP");
      expect(r.message).to.match(/offers in-band registration/);
    }
  });
});

// A case's set-up failing is "not exercised" (ERROR), never a FAIL of what it cites; and the cases made from
// formerly uncheckable rows grade both ways under faults of the reference server.
import { expect } from "chai";
import { SetUpFailed, Violation } from "../harness/errors.ts";
import { allCases } from "../harness/runner/registry.ts";
import { classify } from "../harness/runner/run.ts";
import { setUpStep } from "../harness/runner/set-up.ts";
import { runSuite } from "./support/run-suite.ts";

const byId = (id: string) => {
  const c = allCases().find((x) => x.id === id);
  if (!c) throw new Error(`no case ${id}`);
  return c;
};

/** The verdict of one case on the reference server, under `fault` when given. */
async function verdictOf(id: string, fault?: string): Promise<string> {
  const { results } = await runSuite({ cases: [byId(id)], fault: fault ? [fault] : [], inProcess: true });
  return results[0].verdict;
}

describe("set-up steps and the cases of formerly uncheckable rows", function () {
  this.timeout(120_000);

  it("a violation inside a set-up step is ERROR 'not exercised', naming the step", async () => {
    const err = await setUpStep("bob shares presence", () =>
      Promise.reject(new Violation("no presence")),
    ).catch((e: unknown) => e);
    expect(err).to.be.instanceOf(SetUpFailed);
    const { verdict, message } = classify(err, "MUST");
    expect(verdict).to.equal("ERROR");
    expect(message).to.contain("not exercised").and.contain("bob shares presence").and.contain("no presence");
    // outside a set-up step the same violation is a FAIL
    expect(classify(new Violation("no presence"), "MUST").verdict).to.equal("FAIL");
  });

  const proofs: [string, string, string][] = [
    ["rfc6120/4.9.2/unknown-condition-as-undefined", "refuse-unknown-stream-error", "FAIL"],
    ["rfc6120/13.9.4/weak-password-refused-at-registration", "accept-weak-password", "WARN"],
    ["rfc6120/5.3.5/client-renegotiation-completed-or-closed", "renegotiation-refused-kept-open", "FAIL"],
  ];
  for (const [id, fault, verdict] of proofs) {
    it(`${id}: PASS on the reference server, ${verdict} under ${fault}`, async () => {
      expect(await verdictOf(id)).to.equal("PASS");
      expect(await verdictOf(id, fault)).to.equal(verdict);
    });
  }
});

// Stream error conditions graded where RFC 6120 puts them (fixtures/rfc/condition-grades.tsv), proven both
// ways with faults of the reference server: a condition outside a MUST fails the case, one that only
// misses a SHOULD warns, and the reference server itself passes.
import { expect } from "chai";
import { conditionGradeRows, unionGrade } from "../harness/fixtures/condition-grades.ts";
import type { Verdict } from "../harness/results.ts";
import { allCases } from "../harness/runner/registry.ts";
import { failures, runSuite } from "./support/run-suite.ts";

/** Run the cases `ids` under `fault` and return each one's verdict. */
async function verdicts(ids: string[], fault?: string): Promise<Record<string, Verdict>> {
  const cases = allCases().filter((c) => ids.includes(c.id));
  expect(cases.map((c) => c.id).sort()).to.deep.equal([...ids].sort());
  const { results } = await runSuite({ fault: fault ? [fault] : [], cases, inProcess: true });
  return Object.fromEntries(results.map((r) => [r.id, r.verdict]));
}

const all = (ids: string[], v: Verdict) => Object.fromEntries(ids.map((id) => [id, v]));

const NOT_WELL_FORMED = [
  "rfc6120/11.3/unclosed-attribute-quote",
  "rfc6120/11.3/stray-end-tag",
  "rfc6120/11.3/raw-nul",
  "rfc6120/11.3/not-well-formed",
  "rfc6120/11.3/undeclared-element-prefix",
  "rfc6120/4.9.2/exactly-one-defined-condition",
];
const SHOULD_ROWS = [
  "rfc6120/11.1/comment-inside-stanza",
  "rfc6120/11.1/restricted-xml-dtd",
  "rfc6120/11.6/invalid-utf8",
  "rfc6120/11.6/utf16-declaration",
  "rfc6120/4.8.1/invalid-stream-namespace",
];
const CONTENT_NAMESPACE = [
  "rfc6120/4.8.3/invalid-content-namespace",
  "rfc6120/4.8.3/jabber-server-stanza-on-client-stream",
];

describe("condition grades (fixtures/rfc/condition-grades.tsv)", function () {
  this.timeout(120_000);

  it("reads every row: known keys, defined conditions, a SHOULD inside its MUST", () => {
    const rows = conditionGradeRows();
    expect(rows.get("RFC6120-11.3-2")?.must).to.deep.equal(["not-well-formed", "bad-format"]);
    expect(rows.get("RFC6120-11.1-3")?.must, "'*': any defined condition").to.equal(undefined);
    expect(rows.get("RFC6120-4.8.3-4")?.must).to.include("invalid-namespace");
  });

  it("grades bytes that break two rules by the union of what they accept", () => {
    const rows = conditionGradeRows();
    const g = unionGrade(["RFC6120-11.3-2", "RFC6120-11.6-3"].map((k) => rows.get(k) ?? {}));
    expect(g.must, "one row accepts any condition").to.equal(undefined);
    expect(g.should).to.have.members(["not-well-formed", "unsupported-encoding"]);
  });

  it("the reference server passes every case these faults touch", async () => {
    const ids = [...NOT_WELL_FORMED, ...SHOULD_ROWS, ...CONTENT_NAMESPACE];
    const { results } = await runSuite({
      cases: allCases().filter((c) => ids.includes(c.id)),
      inProcess: true,
    });
    expect(failures(results)).to.equal("");
    expect(results).to.have.length(ids.length);
  });

  it("RFC 3920's <xml-not-well-formed/> FAILs (§4.9.2, §11.3 rule 2), not WARN", async () => {
    expect(await verdicts(NOT_WELL_FORMED, "rfc3920-not-well-formed")).to.deep.equal(
      all(NOT_WELL_FORMED, "FAIL"),
    );
  });

  it("<bad-format/> where a SHOULD names the specific condition WARNs at most", async () => {
    const ids = [...SHOULD_ROWS, "rfc6120/11.3/stray-end-tag"];
    expect(await verdicts(ids, "bad-format-for-xml-errors")).to.deep.equal(all(ids, "WARN"));
  });

  it("<unsupported-stanza-type/> for a first-level element in an unsupported content namespace FAILs (§4.8.3); for a header refused, WARNs", async () => {
    const ids = [...CONTENT_NAMESPACE, "rfc6120/4.8.1/invalid-stream-namespace"];
    expect(await verdicts(ids, "invalid-namespace-as-unsupported-stanza-type")).to.deep.equal({
      "rfc6120/4.8.3/jabber-server-stanza-on-client-stream": "FAIL",
      // the reference server refuses the header itself: only §4.9.3.10's definition names the condition
      "rfc6120/4.8.3/invalid-content-namespace": "WARN",
      "rfc6120/4.8.1/invalid-stream-namespace": "WARN",
    });
  });

  it("a header carrying a stream error without 'from' and 'id' FAILs (§4.7.1, §4.7.3)", async () => {
    const ids = ["rfc6120/4.8.1/invalid-stream-namespace", "rfc6120/4.8.3/invalid-content-namespace"];
    expect(await verdicts(ids, "error-header-no-from-id")).to.deep.equal(all(ids, "FAIL"));
  });

  it("an offline message refused with another condition WARNs (RFC 6120 §10.5.3.2 MUST vs RFC 6121 §8.5.2.2.1 SHOULD)", async () => {
    const id = "rfc6121/8.5.2.2.1/offline-storage";
    expect(await verdicts([id])).to.deep.equal({ [id]: "PASS" });
    expect(await verdicts([id], "offline-refused-not-allowed")).to.deep.equal({ [id]: "WARN" });
    expect(await verdicts([id], "offline-drop"), "neither stored nor refused").to.deep.equal({
      [id]: "FAIL",
    });
  });

  it("<feature-not-implemented/> for an unknown IQ payload FAILs (§10.3.3: MUST be <service-unavailable/>)", async () => {
    const id = "rfc6120/10.3.3/unknown-payload-service-unavailable";
    expect(await verdicts([id], "unknown-payload-feature-not-implemented")).to.deep.equal({ [id]: "FAIL" });
  });
});

// The registry's section rule: a case's id names its file's section, one below it in a generated
// family, or the section of a requirement it cites; anything else is refused at load with one line.
import { expect } from "chai";
import { type CaseSpec, section } from "../harness/runner/case.ts";
import { caseLevel, checkCaseSection, idSection } from "../harness/runner/registry.ts";

const spec = (id: string, requirements: string[]): CaseSpec => ({
  id,
  title: id,
  requirements,
  run: async () => {},
});

describe("registry: a case is filed under its section", () => {
  it("reads the section from the id", () => {
    expect(idSection("rfc6120/4.9.3.13/slug")).to.equal("4.9.3.13");
    expect(idSection("rfc6121/A.2.1/none")).to.equal("A.2.1");
  });

  it("refuses, in one line, a case whose id section is neither its file's nor a cited requirement's", () => {
    const c = spec("rfc6120/4.9.3.22/x", ["RFC6120-4.8.1-1"]);
    const s = section("rfc6120", "4.8", "Stream Negotiation", [c]);
    expect(() => checkCaseSection(s, c)).to.throw(
      "suites: case rfc6120/4.9.3.22/x (section 4.8) has id section 4.9.3.22, which is neither its file's section nor a cited requirement's",
    );
  });

  it("accepts the file's section, a cited requirement's section, and an Appendix A row's", () => {
    const own = spec("rfc6120/4.8/x", ["RFC6120-4.8.1-1"]);
    checkCaseSection(section("rfc6120", "4.8", "t", [own]), own);
    const cited = spec("rfc6120/4.8.1/x", ["RFC6120-4.8.1-1"]);
    checkCaseSection(section("rfc6120", "4", "t", [cited]), cited);
    const row = spec("rfc6121/A.2.1/none", ["RFC6121-A.2.1-None"]);
    checkCaseSection(section("rfc6121", "A", "t", [row]), row);
  });

  it("lets a generated family keep ids below its section, and only there", () => {
    const below = spec("rfc6121/8.5.2.1/x", ["RFC6121-8.5-1"]);
    expect(() => checkCaseSection(section("rfc6121", "8.5", "t", [below]), below)).to.throw(
      /id section 8\.5\.2\.1/,
    );
    checkCaseSection(section("rfc6121", "8.5", "t", [below], { generated: true }), below);
    const elsewhere = spec("rfc6121/8.50/x", ["RFC6121-8.5-1"]);
    expect(() =>
      checkCaseSection(section("rfc6121", "8.5", "t", [elsewhere], { generated: true }), elsewhere),
    ).to.throw(/id section 8\.50,/);
  });
});

describe("registry: a case's level comes from the rows that bind the server under test", () => {
  it("refuses, in one line, a MUST case built only on rules for a stanza's sender or the client", () => {
    const c = spec("rfc6121/4.7.2.3/x", ["RFC6121-4.7.2.3-2", "RFC6121-2.1.6-2"]);
    expect(() => caseLevel(c)).to.throw(
      "suites: case rfc6121/4.7.2.3/x cites only rows that do not bind the server under test: RFC6121-4.7.2.3-2 (sender), RFC6121-2.1.6-2 (client); cite the requirement the server breaks",
    );
    expect(() => caseLevel(spec("rfc6120/6.4.2/x", ["RFC6120-6.4.2-2"]))).to.throw(/\(initiating entity\)/);
  });

  it("takes the level from the binding rows only: a sender's MUST beside a server's SHOULD is a SHOULD case", () => {
    expect(caseLevel(spec("rfc6120/7.7.1/x", ["RFC6120-7.7.1-1", "RFC6121-4.7.2.3-2"]))).to.equal("SHOULD");
    expect(caseLevel(spec("rfc6121/4.7.2.3/x", ["RFC6121-4.7.2.3-2", "RFC6121-4.4.2-1"]))).to.equal("MUST");
  });

  it("counts a sender's rule for a case that checks stanzas the server generates itself", () => {
    const own = { ...spec("rfc6120/8.2.3/x", ["RFC6120-8.2.3-8"]), serverGenerated: true };
    expect(caseLevel(own)).to.equal("MUST");
    expect(() => caseLevel(spec("rfc6120/8.2.3/x", ["RFC6120-8.2.3-8"]))).to.throw(/\(sender\)/);
  });

  it("counts the initiating entity's rule for a case where the target initiates (it dials the harness, s2s)", () => {
    const dialing = { ...spec("rfc6120/6.4.2/x", ["RFC6120-6.4.2-2"]), targetInitiates: true };
    expect(caseLevel(dialing)).to.equal("MUST");
  });
});

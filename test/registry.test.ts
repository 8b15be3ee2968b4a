// The registry's section rule: a case's id names its file's section, one below it in a generated
// family, or the section of a requirement it cites; anything else is refused at load with one line.
import { expect } from "chai";
import { type CaseSpec, section } from "../harness/runner/case.ts";
import { checkCaseSection, idSection } from "../harness/runner/registry.ts";

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

// The XEP rows of the catalogue (fixtures/xep/): loaded with their actors and links, citable by a case,
// counted by coverage like an RFC.
import { expect } from "chai";
import { ACTORS, bindsServer, catalogue, requirement, sectionUrl } from "../harness/fixtures/catalogue.ts";
import { type Case, type CaseSpec, section } from "../harness/runner/case.ts";
import { cataloguedXeps, coverage, uncheckable } from "../harness/runner/coverage.ts";
import { allCases, buildCases, caseLevel } from "../harness/runner/registry.ts";
import { caseUrl, specName } from "../reports/model.ts";

const xepRows = () => [...catalogue().values()].filter((r) => r.xep);
const spec = (id: string, requirements: string[]): CaseSpec => ({
  id,
  title: id,
  requirements,
  run: async () => {},
});

describe("catalogue: the XEP rows", () => {
  it("holds every RFC 2119 sentence of the catalogued XEPs, each with an actor of the vocabulary", () => {
    const count = (xep: string) => xepRows().filter((r) => r.xep === xep).length;
    expect(cataloguedXeps()).to.deep.equal(
      "0030 0054 0059 0077 0114 0115 0163 0178 0191 0198 0199 0220 0280 0288 0313 0352 0368".split(" "),
    );
    expect([count("0178"), count("0220"), count("0288"), count("0368")]).to.deep.equal([17, 39, 7, 13]);
    expect([count("0030"), count("0191"), count("0198"), count("0313")]).to.deep.equal([48, 31, 59, 96]);
    for (const r of xepRows()) {
      expect(ACTORS, r.id).to.include(r.actor);
      expect(r.spec, r.id).to.equal(`XEP-${r.xep}`);
      expect(r.rfc, r.id).to.equal(undefined);
    }
  });

  it("reads the roles of XEP-0220: the Initiating Server's rules bind the target only where it dials out", () => {
    const actor = (id: string) => requirement(id)?.actor;
    expect(actor("XEP0220-2.1.1-4")).to.equal("initiating entity");
    expect(actor("XEP0220-2.2.1-1")).to.equal("receiving entity");
    expect(actor("XEP0220-2.2.2-2")).to.equal("server");
    expect(actor("XEP0178-2-3")).to.equal("client");
    const binds = (id: string, targetInitiates = false) => {
      const r = requirement(id);
      if (!r) throw new Error(`no ${id}`);
      return bindsServer(r, { targetInitiates });
    };
    expect(binds("XEP0220-2.1.1-4", true), "the target dials the harness").to.equal(true);
    expect(binds("XEP0220-2.1.1-4"), "the harness dials the target").to.equal(false);
    expect(binds("XEP0220-2.2.1-1")).to.equal(true);
    expect(binds("XEP0178-2-3", true)).to.equal(false);
  });

  it("links XEP rows and XEP cases to the section at xmpp.org, RFC rows as before", () => {
    expect(requirement("XEP0220-2.4.2-1")?.url).to.equal(
      "https://xmpp.org/extensions/xep-0220.html#advertisement-errors",
    );
    expect(sectionUrl("XEP-0288", "2.2")).to.equal("https://xmpp.org/extensions/xep-0288.html#nego");
    expect(sectionUrl("xep0220", "9.9")).to.equal("https://xmpp.org/extensions/xep-0220.html");
    expect(caseUrl({ id: "xep0220/2.4.2/x", section: "2", suite: "xep0220" })).to.equal(
      "https://xmpp.org/extensions/xep-0220.html#advertisement-errors",
    );
    expect(requirement("RFC6120-4.8.1-1")?.url).to.equal(
      "https://www.rfc-editor.org/rfc/rfc6120#section-4.8.1",
    );
    expect(sectionUrl("6121", "A.2.1")).to.equal("https://www.rfc-editor.org/rfc/rfc6121#appendix-A.2.1");
  });

  it("lists as uncheckable every client-only XEP row, and only catalogued ids", () => {
    const skip = uncheckable();
    for (const r of xepRows()) if (r.actor === "client") expect(skip.has(r.id), r.id).to.equal(true);
    for (const id of skip.keys()) expect(requirement(id), id).to.not.equal(undefined);
  });
});

describe("registry: a case citing an XEP row", () => {
  it("registers under its XEP suite, graded by the rows that bind the server", () => {
    const c = spec("xep0220/2.2.1/verify-first", ["XEP0220-2.2.1-1"]);
    const [built] = buildCases([section("xep0220", "2.2.1", "Receiving Server", [c])]);
    expect(built.suite).to.equal("xep0220");
    expect(built.level).to.equal("MUST");
    const queued = spec("xep0220/2.5/queued", ["XEP0220-2.5-2"]);
    expect(caseLevel({ ...queued, targetInitiates: true })).to.equal("MUST");
    expect(() => caseLevel(queued)).to.throw(/XEP0220-2\.5-2 \(initiating entity\)/);
    expect(() => caseLevel(spec("xep0178/2/authzid", ["XEP0178-2-3"]))).to.throw(/XEP0178-2-3 \(client\)/);
  });
});

describe("coverage: an XEP counts like an RFC", () => {
  it("counts rows, checkable rows and MUST rows of XEP-0220, and a case citing one covers it", () => {
    const before = coverage(allCases(), [], ["0220"]);
    const all = before.find((r) => r.section === "all");
    expect(all).to.include({ xep: "0220", requirements: 39, checkable: 30, mustCheckable: 22 });
    expect(before.every((r) => r.rfc === undefined)).to.equal(true);
    // a MUST row no case cites yet (2.1.2: the Receiving Server correlates the verify answer)
    const extra = { ...allCases()[0], id: "xep0220/2.1.2/x", requirements: ["XEP0220-2.1.2-5"] } as Case;
    const after = coverage([...allCases(), extra], [], ["0220"]).find((r) => r.section === "all");
    expect(after?.covered).to.equal((all?.covered ?? 0) + 1);
    expect(after?.mustCovered).to.equal((all?.mustCovered ?? 0) + 1);
  });

  it("keeps RFCs and XEPs apart: RFC rows first, each spec with its own 'all' row", () => {
    const rows = coverage(allCases(), ["6120"], ["0178", "0368"]);
    expect(rows.filter((r) => r.section === "all").map((r) => r.rfc ?? `XEP-${r.xep}`)).to.deep.equal([
      "6120",
      "XEP-0178",
      "XEP-0368",
    ]);
  });
});

describe("reports: an XEP suite", () => {
  it("is named as people write it, beside the RFC suites", () => {
    expect(specName("xep0220")).to.equal("XEP-0220");
    expect(specName("rfc6120")).to.equal("RFC 6120");
  });
});

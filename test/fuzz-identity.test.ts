// A finding's identity (level, oracle, requirement, MUST or SHOULD, input class): an early SHOULD
// finding does not hide a later MUST one; the generators reach every name range and every kind of
// client-set 'from' and 'to'; the summary shows which input classes ran and which never did.
import { expect } from "chai";
import fc from "fast-check";
import { newStats, runCampaign } from "../harness/fuzz/campaign.ts";
import { classReport } from "../harness/fuzz/class-summary.ts";
import { facetsOf } from "../harness/fuzz/classes/facets.ts";
import { INPUT_CLASSES } from "../harness/fuzz/classes/index.ts";
import { xmlClass } from "../harness/fuzz/classes/xml.ts";
import { findingKey, loadFinding } from "../harness/fuzz/finding.ts";
import { identify, identityKey, keepsIdentity } from "../harness/fuzz/identity.ts";
import { addressArb } from "../harness/fuzz/levels/address.ts";
import { FROM_ROLES } from "../harness/fuzz/levels/from-roles.ts";
import { ADDRESSES, stanzaArb } from "../harness/fuzz/levels/stanza.ts";
import {
  MALFORMED_NAMES,
  NAME_MORE_RANGES,
  NAME_START_RANGES,
  nameArb,
} from "../harness/fuzz/levels/text.ts";
import { xmlArb } from "../harness/fuzz/levels/xml.ts";
import { openRig } from "../harness/fuzz/setup.ts";
import { summarize, summaryText } from "../harness/fuzz/summary.ts";
import { OracleFailure } from "../harness/fuzz/types.ts";
import { packagePath } from "../harness/package-root.ts";

const sample = <T>(arb: fc.Arbitrary<T>, n: number) => fc.sample(arb, { numRuns: n, seed: 7 });
const inRanges = (c: number, ranges: readonly (readonly [number, number])[]) =>
  ranges.some(([a, b]) => c >= a && c <= b);

describe("finding identity", () => {
  const xml = { pieces: [{ s: "<!--c-->" }], splits: [] };

  it("reads MUST or SHOULD from the catalogue: the clause a check names, else the row's level", () => {
    const should = new OracleFailure("stream-error", "x", "RFC6120-11.1-3 SHOULD");
    const must = new OracleFailure("stream-error", "y", "RFC6120-11.1-3");
    expect(should.breach).to.deep.equal({ requirement: "RFC6120-11.1-3", strength: "SHOULD" });
    expect(must.breach).to.deep.equal({ requirement: "RFC6120-11.1-3", strength: "MUST" });
    expect(should.message).to.match(/\[SHOULD\]$/);
    expect(() => new OracleFailure("stream-error", "z", "RFC6120-99-1")).to.throw(/no row/);
    expect(() => new OracleFailure("stream-error", "z", "RFC6120-11.3-2 SHOULD")).to.throw(/has no SHOULD/);
    // an oracle that names no row takes its default
    expect(identify("stanza", new OracleFailure("iq-reply", "q"), undefined)).to.include({
      requirement: "RFC6120-8.2.3-4",
      strength: "MUST",
    });
  });

  it("keys a SHOULD and a MUST of the same oracle, and two input classes, apart", () => {
    const a = identify("xml", new OracleFailure("stream-error", "x", "RFC6120-11.1-3 SHOULD"), xml);
    const b = identify("xml", new OracleFailure("stream-error", "y", "RFC6120-11.1-3"), xml);
    const dtd = { pieces: [{ s: "<!DOCTYPE x>" }], splits: [] };
    const c = identify("xml", new OracleFailure("stream-error", "y", "RFC6120-11.1-3"), dtd);
    expect(new Set([identityKey(a), identityKey(b), identityKey(c)]).size).to.equal(3);
    // the xml level tells findings apart by what the parser finds first, not by where it was sent
    expect(xmlClass(xml)).to.equal("defect=comment place=between parser=comment");
    expect(a.inputClass).to.equal("parser=comment");
    // a shrink keeps the identity: not the SHOULD for the MUST, not another class
    expect(keepsIdentity(b, a)).to.equal(false);
    expect(keepsIdentity(b, c)).to.equal(false);
    expect(keepsIdentity(b, { ...b })).to.equal(true);
  });

  it("still loads and keys a finding file from before identities", () => {
    const f = loadFinding(packagePath("fixtures/regressions/xml-stream-error-7db81d3f39.json"));
    expect(f.requirement).to.equal(undefined);
    expect(findingKey(f)).to.equal(`${f.level}/${f.oracle}`);
  });
});

describe("finding identity against the reference server", function () {
  this.timeout(120_000);

  it("keeps a SHOULD finding (<not-well-formed/> for a comment) and a later MUST one (nothing for a PI)", async () => {
    const rig = await openRig(
      { tls: "optional", insecure: false, account: [], fault: ["restricted-xml-mixed"] },
      1500,
    );
    const seen = new Set<string>();
    try {
      const stats = await runCampaign({
        rig: rig.rig,
        levels: ["xml"],
        seed: 1,
        durationMs: 60_000,
        chunk: 200,
        shrinkMs: 5_000,
        target: { name: "embedded", url: rig.url, faults: ["restricted-xml-mixed"] },
        stopAt: (f) => {
          if (f.requirement === "RFC6120-11.1-3") seen.add(f.strength ?? "");
          return seen.has("MUST") && seen.has("SHOULD");
        },
      });
      const restricted = stats.findings.filter((f) => f.requirement === "RFC6120-11.1-3");
      const summary = restricted.map((f) => `${f.strength} ${f.inputClass}`);
      expect(restricted.map((f) => f.oracle)).to.satisfy((o: string[]) =>
        o.every((x) => x === "stream-error"),
      );
      expect(
        restricted.some((f) => f.strength === "SHOULD"),
        summary.join("; "),
      ).to.equal(true);
      const must = restricted.find((f) => f.strength === "MUST");
      expect(must, summary.join("; ")).to.not.equal(undefined);
      expect(must?.inputClass).to.contain("parser=processing-instruction");
    } finally {
      await rig.close();
    }
  });
});

describe("generators reach every corner", () => {
  it("draw element and attribute names from the whole XML 1.0 name range, and only from it", () => {
    const names = sample(nameArb, 3000);
    for (const n of names) {
      const [first, ...rest] = [...n].map((c) => c.codePointAt(0) ?? 0);
      expect(inRanges(first, NAME_START_RANGES), n).to.equal(true);
      for (const c of rest)
        expect(inRanges(c, [...NAME_START_RANGES, ...NAME_MORE_RANGES]), n).to.equal(true);
    }
    expect(names.some((n) => /[^\x00-\x7f]/.test(n))).to.equal(true);
    expect(names.some((n) => /[\u{10000}-\u{EFFFF}]/u.test(n))).to.equal(true);
    expect(names.some((n) => /^[A-Za-z_][A-Za-z0-9_.-]*$/.test(n))).to.equal(true);
  });

  it("send names XML forbids at the XML level", () => {
    const classes = sample(xmlArb(), 1500).map(xmlClass);
    expect(classes.some((c) => c.includes("defect=malformed-name"))).to.equal(true);
    for (const n of MALFORMED_NAMES) expect(/^[A-Za-z_]/.test(n) && /^[\w.-]+$/.test(n), n).to.equal(false);
  });

  it("set every kind of 'from' and 'to' at the stanza level within 2000 stanzas", () => {
    const specs = sample(stanzaArb(), 2000);
    for (const role of FROM_ROLES)
      expect(
        specs.some((s) => (s.from ?? "none") === role),
        role,
      ).to.equal(true);
    for (const role of ADDRESSES)
      expect(
        specs.some((s) => s.to === role),
        role,
      ).to.equal(true);
  });

  it("put malformed addresses in 'from' as well as 'to' at the address level", () => {
    const specs = sample(addressArb(), 1000);
    expect(specs.some((s) => s.field === "from")).to.equal(true);
    expect(specs.some((s) => s.field === undefined)).to.equal(true);
  });

  it("draw each class of an address part alike, the over-long ones no more than the others", () => {
    const classes = INPUT_CLASSES.address.of(sample(addressArb(), 6000));
    const counts = new Map<string, number>();
    for (const c of classes)
      for (const [facet, value] of facetsOf(c))
        counts.set(`${facet}=${value}`, (counts.get(`${facet}=${value}`) ?? 0) + 1);
    const { facets } = INPUT_CLASSES.address;
    for (const facet of ["local", "domain", "resource"])
      for (const value of facets[facet]) {
        // a resource is non-ASCII only when a localpart's '/' moves a non-ASCII domain after it
        if (facet === "resource" && value === "non-ascii") continue;
        expect(counts.get(`${facet}=${value}`) ?? 0, `${facet}=${value}`).to.be.at.least(6000 / 50);
      }
    expect(classes.filter((c) => c.includes("too-long")).length).to.be.below(6000 / 5);
  });

  it("classify every generated input with facet values the level declares", () => {
    const draws: [keyof typeof INPUT_CLASSES, string[]][] = [
      ["xml", sample(xmlArb(), 500).flatMap((x) => INPUT_CLASSES.xml.of(x))],
      ["stanza", INPUT_CLASSES.stanza.of(sample(stanzaArb(), 500))],
      ["address", INPUT_CLASSES.address.of(sample(addressArb(), 500))],
    ];
    for (const [level, classes] of draws) {
      const facets = INPUT_CLASSES[level].facets;
      for (const c of classes)
        for (const [facet, value] of facetsOf(c)) expect(facets[facet], `${level} ${c}`).to.include(value);
    }
  });
});

describe("the summary shows the input classes", () => {
  it("counts cases per class and lists the known classes that never ran", () => {
    const stats = newStats();
    stats.cases = 3;
    stats.perLevel.stanza = 3;
    stats.perClass.stanza = {
      "kind=message to=bob-full from=eve-bare type=defined": 2,
      "kind=iq to=domain from=none type=none": 1,
    };
    const s = summarize(stats, {
      target: { name: "embedded", url: "xmpp://127.0.0.1:1" },
      seed: 1,
      levels: ["stanza"],
      workers: 1,
      files: new Map(),
      partial: false,
    });
    expect(s.classes?.stanza?.perFacet.from["eve-bare"]).to.equal(2);
    expect(s.classes?.stanza?.neverRan).to.include("from=foreign").and.not.include("from=eve-bare");
    const text = summaryText(s);
    expect(text).to.match(/classes stanza \(2 distinct\)/);
    expect(text).to.match(/from: eve-bare 2, none 1/);
    expect(text).to.match(/never ran: .*from=foreign/);
    // a report of levels that never ran at all lists every value
    expect(classReport({}, ["address"]).address?.neverRan).to.include("field=from");
  });
});

// Reading mocha's selection from its command line (test/support/mocha-grep.ts).
import { expect } from "chai";
import { selectedByMocha } from "./support/mocha-grep.ts";

describe("mocha's selection, read from its command line", () => {
  it("takes everything without --grep/--fgrep, or with --invert", () => {
    expect(selectedByMocha(["node", "mocha", "test/x.test.ts"])("anything")).to.equal(true);
    expect(selectedByMocha(["mocha", "-g", "a", "--invert"])("b")).to.equal(true);
  });

  it("applies --grep as a regular expression and --fgrep as a substring", () => {
    const g = selectedByMocha(["mocha", "-g", "leak-message|every case"]);
    expect([g("suite leak-message: x"), g("suite every case fails"), g("suite other")]).to.deep.equal([
      true,
      true,
      false,
    ]);
    expect(selectedByMocha(["mocha", "--grep=^a"])("abc")).to.equal(true);
    expect(selectedByMocha(["mocha", "--grep=^a"])("cab")).to.equal(false);
    const f = selectedByMocha(["mocha", "--fgrep", "a.b"]);
    expect([f("xa.by"), f("xaxby")]).to.deep.equal([true, false]);
  });
});

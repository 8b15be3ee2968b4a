import { expect } from "chai";
import { firstConcrete, plays } from "../harness/s2s/domains.ts";

describe("harness/s2s/domains", () => {
  const played = ["remote.test", "*.remote.test"];
  it("plays the literal names and every name below a pattern's base", () => {
    expect(plays(played, "remote.test")).to.equal(true);
    expect(plays(played, "c17.remote.test")).to.equal(true);
    expect(plays(played, "A.B.Remote.Test")).to.equal(true);
  });
  it("plays nothing else: a lookalike suffix, the bare pattern, another domain", () => {
    expect(plays(played, "evilremote.test")).to.equal(false);
    expect(plays(["*.remote.test"], "remote.test")).to.equal(false);
    expect(plays(played, "localhost")).to.equal(false);
  });
  it("names a concrete domain for a list that starts with a pattern", () => {
    expect(firstConcrete(["*.remote.test"])).to.equal("remote.test");
    expect(firstConcrete(played)).to.equal("remote.test");
  });
});

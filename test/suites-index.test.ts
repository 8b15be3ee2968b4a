import { readFileSync } from "node:fs";
import { expect } from "chai";
import { suitesIndex } from "../scripts/suites-index.ts";

/** The file with its import lines in one order (the formatter orders imports its own way). */
const normal = (text: string) => {
  const lines = text.split("\n");
  return [
    ...lines.filter((l) => l.startsWith("import ")).sort(),
    ...lines.filter((l) => !l.startsWith("import ")),
  ];
};

describe("suites/index.ts", () => {
  it("lists every section file, in report order (npm run suites-index writes it)", () => {
    const current = readFileSync(new URL("../suites/index.ts", import.meta.url), "utf8");
    expect(normal(current)).to.deep.equal(normal(suitesIndex()));
  });
});

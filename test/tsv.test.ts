// The one fixture table reader: header or given columns, comments and blank lines, cells by name,
// mistakes named by file and line; and every shipped table reads through it.
import { expect } from "chai";
import { fixture, parseTsv, readTsv, TsvError } from "../harness/fixtures/tsv.ts";

describe("fixture TSV reader", () => {
  it("reads a header row, skips '#' comments and blank lines, gives cells by column name", () => {
    const rows = parseTsv("# a comment\nid\tname\n\nx1\tone\n# another\nx2\n", "t.tsv");
    expect(rows.map((r) => [r.get("id"), r.get("name"), r.line])).to.deep.equal([
      ["x1", "one", 4],
      ["x2", "", 6],
    ]);
    expect(rows[0].fields()).to.deep.equal({ id: "x1", name: "one" });
  });

  it("reads a table without a header by the columns given, and drops a CR line end", () => {
    const rows = parseTsv("# id\treason\na\tbecause\r\n", "u.tsv", { columns: ["id", "reason"] });
    expect(rows.map((r) => r.fields())).to.deep.equal([{ id: "a", reason: "because" }]);
  });

  it("names file and line in a mistake: an unknown column, or a row the caller refuses", () => {
    const [row] = parseTsv("id\n\nx\n", "t.tsv");
    expect(() => row.get("nope")).to.throw(TsvError, "t.tsv:3: no column 'nope' (have: id)");
    expect(row.error("bad row").message).to.equal("t.tsv:3: bad row");
  });

  it("reads every shipped table", () => {
    for (const f of [
      "rfc/requirements.tsv",
      "rfc/rfc6121-subscription-states.tsv",
      "rfc/error-conditions.tsv",
    ])
      expect(readTsv(fixture(f)).length, f).to.be.above(50);
    expect(readTsv(fixture("rfc/uncheckable.tsv"), { columns: ["id", "reason"] }).length).to.be.above(50);
    expect(readTsv(fixture("renamed-cases.tsv")).every((r) => r.get("old_id") && r.get("new_id"))).to.equal(
      true,
    );
  });
});

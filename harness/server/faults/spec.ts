// The shape of a fault declaration: every named fault of the reference server is one row of a table in
// this folder (harness/server/faults/), and its name is a FaultName (./index.ts).

/** A named deliberate RFC violation of the reference server. */
export interface FaultSpec {
  readonly name: string;
  /** What the server does wrong, in one line. */
  readonly description: string;
  /** Requirement ids (fixtures/requirements.tsv) the fault breaks. */
  readonly breaks: readonly string[];
  /** Found by the fuzzer (test/fuzz-faults.test.ts), not by a scripted case: the mutation table skips it. */
  readonly fuzzOnly?: boolean;
  /**
   * Not a violation but the other reading of an interpretation (fixtures/rfc/interpretations.tsv): the
   * server behaves as that reading says, and no case may FAIL or WARN under it (test/interpretations.test.ts);
   * the mutation table skips it. `breaks` then names the rows the reading departs from.
   */
  readonly allowedBy?: string;
}

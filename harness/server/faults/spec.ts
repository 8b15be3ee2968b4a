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
   * Not a violation: a behaviour the RFC leaves to the server that the reference server does not have by
   * default (it relays a client's invalid presence, it answers a malformed IQ with a result), so a test can
   * prove the cases citing `breaks` do not FAIL it; here `breaks` names the rows whose cases it exercises,
   * none of which it breaks. The mutation table skips it.
   */
  readonly allowed?: boolean;
  /**
   * For an allowed behaviour that is the other reading of an interpretation (fixtures/rfc/interpretations.tsv):
   * its id. test/interpretations.test.ts proves no case citing `breaks` fails or warns under it.
   */
  readonly reading?: string;
}

/** A fault row whose name stays a literal type (FaultName is built from them). */
export function spec<N extends string>(
  name: N,
  description: string,
  ...breaks: string[]
): FaultSpec & { name: N } {
  return { name, description, breaks };
}

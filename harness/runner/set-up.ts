// A case's set-up steps: what a case needs done before it can check what it cites (users logged in,
// presence shared). A violation or a timeout there says nothing about the cited requirement, so it
// becomes SetUpFailed (ERROR: "not exercised", naming the step) instead of a FAIL of the case.
import { AssertionError } from "chai";
import { SetUpFailed, Violation } from "../errors.ts";

/** Run `fn` as the set-up step `step`: a Violation or failed assertion inside it is a SetUpFailed. */
export async function setUpStep<T>(step: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    // Skip and HarnessError already say what they are; a nested step keeps the innermost name
    if (err instanceof Violation || err instanceof AssertionError) throw new SetUpFailed(step, err.message);
    throw err;
  }
}

// A batch level runs several cases and judges each: a failure is marked with the class of the case
// that raised it, so the finding's identity (identity.ts) is that case's, not the whole batch's.
import { OracleFailure } from "./types.ts";

/** Run one case's check; a failure it raises is marked with that case's class (the rest of a batch is not to blame). */
export function blamed<T>(inputClass: string, check: () => T): T {
  const mark = (err: unknown) => {
    if (err instanceof OracleFailure && err.inputClass === undefined) err.inputClass = inputClass;
    return err;
  };
  try {
    const r = check();
    return (r instanceof Promise ? r.catch((err) => Promise.reject(mark(err))) : r) as T;
  } catch (err) {
    throw mark(err);
  }
}

// The stream error scenario (RFC 6120 §4.9): the target must close the stream with a stream error;
// which condition it must or should use is the grading a case passes in, so the same bytes are graded
// the same way wherever they are sent.
import { StreamClosed, Violation } from "../../harness/errors.ts";
import { streamErrorCondition } from "../../harness/match.ts";
import type { CaseContext } from "../../harness/runner/context.ts";
import type { Session } from "../../harness/session.ts";
import { clip, type Element } from "./stanzas.ts";

/** Which conditions answer the sentence: `must` (another one is a MUST violation), `should` (a WARN). */
export interface ConditionGrade {
  must?: string[];
  should?: string[];
}

const list = (c: string[]) => `<${c.join("/> or <")}/>`;

/**
 * The next thing the target sends must be a stream error, and then the stream closes (MUST, §4.9.1.1);
 * its condition is graded by `grade`. A stanza answer instead fails at once rather than waiting for a
 * timeout. Returns the condition.
 */
export async function expectStreamError(
  ctx: CaseContext,
  s: Session,
  grade: ConditionGrade,
  after?: string | Buffer,
): Promise<string> {
  if (after !== undefined) await s.send(after);
  let first: Element | undefined;
  try {
    first = await s.expect(() => true);
  } catch (err) {
    if (!s.streamError)
      throw err instanceof StreamClosed
        ? new Violation("the target closed the connection without a stream error")
        : err;
  }
  if (!s.streamError) throw new Violation(`expected a stream error, got ${first ? clip(first) : "nothing"}`);
  const cond = streamErrorCondition(s.streamError) ?? "none";
  await s.expectClose();
  if (grade.must && !grade.must.includes(cond))
    throw new Violation(`the stream error must be ${list(grade.must)}, got <${cond}/>`);
  if (grade.should)
    ctx.should(
      grade.should.includes(cond),
      `the stream error should be ${list(grade.should)}, got <${cond}/>`,
    );
  return cond;
}

// The stream error scenario (RFC 6120 §4.9): the target must close the stream with a stream error;
// which condition it must or should use comes from fixtures/rfc/condition-grades.tsv by the sentences
// the case cites, so the same sentence is graded the same way wherever it is checked.
import { conditionsOf } from "../../harness/error-conditions.ts";
import { StreamClosed, Violation } from "../../harness/errors.ts";
import { conditionGrade, unionGrade } from "../../harness/fixtures/condition-grades.ts";
import { streamErrorCondition } from "../../harness/match.ts";
import type { CaseContext } from "../../harness/runner/context.ts";
import type { Session } from "../../harness/session.ts";
import { clip, type Element } from "./stanzas.ts";

/** Conditions RFC 6120 renamed (§4.9.3.13, Interoperability Note), named in the message that fails them. */
const RFC3920_NAMES: Record<string, string> = { "xml-not-well-formed": "not-well-formed" };

const list = (c: string[]) => `<${c.join("/> or <")}/>`;

/**
 * The next thing the target sends must be a stream error, and then the stream closes (MUST, §4.9.1.1);
 * its condition is graded by the rows `gradedBy` of the condition-grades table (their union). A stanza
 * answer instead fails at once rather than waiting for a timeout. Returns the condition.
 */
export async function expectStreamError(
  ctx: CaseContext,
  s: Session,
  gradedBy: readonly string[],
  after?: string | Buffer,
): Promise<string> {
  const rows = conditionGrade(gradedBy);
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
  gradeCondition(ctx, cond, gradedBy, rows);
  return cond;
}

function gradeCondition(
  ctx: CaseContext,
  cond: string,
  keys: readonly string[],
  rows: ReturnType<typeof conditionGrade>,
): void {
  // §4.9.2: "The "defined-condition" MUST correspond to one of the stream error conditions defined
  // under Section 4.9.3", whatever sentence the case cites (RFC 3920's <xml-not-well-formed/> is not one).
  if (!conditionsOf("stream").includes(cond)) {
    const old = RFC3920_NAMES[cond] ? `, RFC 3920's name for <${RFC3920_NAMES[cond]}/>` : "";
    throw new Violation(
      `<${cond}/> is not a stream error condition RFC 6120 defines${old} (§4.9.2: the condition "MUST correspond to one of the stream error conditions defined under Section 4.9.3")`,
    );
  }
  const grade = unionGrade(rows);
  const why = rows.map((r) => `${r.key}: ${r.decides}`).join("; ");
  if (grade.must && !grade.must.includes(cond))
    throw new Violation(`the stream error must be ${list(grade.must)}, got <${cond}/> (${why})`);
  if (grade.should)
    ctx.should(
      grade.should.includes(cond),
      `the stream error should be ${list(grade.should)}, got <${cond}/> (${keys.join(", ")})`,
    );
}

/**
 * The response header to a client header naming the target's own domain, also where the stream ends in
 * an error the header triggered: it must be there (§4.9.1.2: the receiving entity "MUST still send the
 * opening <stream> tag"), carry 'from', one of the server's FQDNs (§4.7.1), and a stream id (§4.7.3).
 * (§4.9.1.3's empty 'from' is for an unknown or missing 'to' only.)
 */
export function assertResponseHeader(s: Session): void {
  const h = s.header;
  if (!h)
    throw new Violation(
      `no response stream header before the stream error (§4.9.1.2: the receiving entity "MUST still send the opening <stream> tag")`,
    );
  const from = h.attrs.from ?? "";
  if (!from)
    throw new Violation(
      `the response header carries no 'from' (§4.7.1: "the receiving entity MUST include the 'from' attribute"): ${clip(h)}`,
    );
  if (/[@/\s]/.test(from))
    throw new Violation(`the response header's 'from' '${from}' is not an FQDN (§4.7.1)`);
  if (!h.attrs.id)
    throw new Violation(
      `the response header carries no stream id, id='${h.attrs.id ?? "(absent)"}' (§4.7.3: "the receiving entity MUST include the 'id' attribute", unique): ${clip(h)}`,
    );
}

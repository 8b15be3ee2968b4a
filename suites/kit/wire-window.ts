// The raw bytes a target sent in one window of a case: RFC 6120 §5.3.3 and §6.3.5 forbid whitespace
// between elements during STARTTLS and SASL, which only the bytes (not the parsed elements) show.
import type { CaseContext } from "../../harness/runner/context.ts";
import type { Session } from "../../harness/session.ts";

/** Where the window opens: what is recorded from now on is in it. */
export function windowStart(ctx: CaseContext): number {
  return ctx.transcript.entries.length;
}

/** What `s` received since `from`, cut after the first match of `end` (the element that closes the window). */
export function receivedSince(ctx: CaseContext, s: Session, from: number, end: RegExp): string {
  const text = ctx.transcript.entries
    .slice(from)
    .filter((e) => e.session === s.opts.label && e.dir === "recv")
    .map((e) => e.data)
    .join("");
  const m = end.exec(text);
  return m ? text.slice(0, m.index + m[0].length) : text;
}

/** Character data outside every tag that is whitespace only: whitespace between (or around) elements. */
export function hasInterElementWhitespace(text: string): boolean {
  return text.split(/<[^>]*>/).some((chunk) => chunk !== "" && /^\s+$/.test(chunk));
}

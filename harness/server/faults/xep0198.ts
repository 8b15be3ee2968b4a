// Faults of XEP-0198 stream management: each breaks one rule of counting, acking or resumption on purpose,
// so the xep0198 suite and the stream-management model (harness/fuzz/levels/sm.ts) prove they notice. Applied
// through harness/server/sm/fault-hooks.ts.
import { spec } from "./spec.ts";

export const XEP0198_FAULTS = [
  spec(
    "sm-h-off-by-one",
    "every 'h' the server reports (in <a/>, <resumed/>, <failed/>) is one too many",
    "XEP0198-4-3",
    "XEP0198-5-12",
  ),
  spec("sm-counts-nonzas", "counts the client's <r/> and <a/> nonzas as handled stanzas", "XEP0198-4-3"),
  spec("sm-ack-withheld", "never answers the client's <r/>", "XEP0198-4-3", "XEP0198-4-4"),
  spec(
    "sm-resume-loses-stanza",
    "on resumption, the first unacknowledged stanza is not re-sent",
    "XEP0198-5-18",
  ),
  spec(
    "sm-resume-duplicates-stanza",
    "on resumption, the first unacknowledged stanza is re-sent twice",
    "XEP0198-5-18",
  ),
  spec(
    "sm-resume-reorders",
    "on resumption, the first unacknowledged stanza is re-sent last",
    "XEP0198-5-18",
  ),
  spec(
    "sm-resume-restarts-count",
    "after resumption, counts its stanzas from zero again, so a later <a/> counting both streams is too high",
    "XEP0198-5-18",
    "XEP0198-4-7",
  ),
  spec(
    "sm-resume-after-timeout",
    "keeps a detached session resumable past the resumption time it announced",
    "XEP0198-5-14",
  ),
  spec(
    "sm-resume-other-account",
    "resumes a session of another account than the one that authenticated",
    "XEP0198-10-1",
    "XEP0198-5-14",
  ),
  spec(
    "sm-resume-any-previd",
    "an unknown 'previd' resumes the account's latest detached session",
    "XEP0198-5-14",
  ),
  spec(
    "sm-resume-after-close",
    "a session ended by a clean </stream:stream> stays resumable",
    "XEP0198-5-14",
    "XEP0198-7-1",
  ),
  spec("sm-enabled-without-id", "<enabled resume='true'/> carries no 'id'", "XEP0198-5-2"),
  spec("sm-reused-id", "gives every session the same SM-ID", "XEP0198-5-6"),
  spec("sm-long-id", "SM-IDs of 5000 bytes", "XEP0198-5-7"),
  spec(
    "sm-enable-before-auth",
    "enables stream management on a stream that has not authenticated",
    "XEP0198-3-9",
  ),
  spec("sm-resume-true-only", "reads only 'true' as true: resume='1' enables no resumption", "XEP0198-3-1"),
  spec("sm-enable-before-bind", "enables stream management before resource binding", "XEP0198-3-9"),
  spec("sm-enable-unanswered", "answers <enable/> with nothing", "XEP0198-3-3"),
  spec(
    "sm-failed-bad-condition",
    "<failed/> carries a condition that is no stanza error condition",
    "XEP0198-6-2",
  ),
  spec("sm-failed-no-condition", "<failed/> for an unknown session carries no condition", "XEP0198-5-14"),
  spec("sm-second-enable-accepted", "a second <enable/> is answered <enabled/> again", "XEP0198-3-11"),
  spec(
    "sm-too-high-accepted",
    "an <a/> acknowledging more stanzas than were sent is accepted",
    "XEP0198-6-4",
  ),
  spec(
    "sm-client-ack-rejected",
    "the client's <a/> is refused with <unsupported-stanza-type/>",
    "XEP0198-4-5",
    "XEP0198-4-3",
  ),
  spec(
    "sm-old-stream-kept",
    "on resumption the old stream, still open, is neither told nor closed",
    "XEP0198-5-17",
  ),
  spec(
    "sm-unacked-dropped",
    "unacknowledged stanzas of a session that ends unresumed are silently dropped",
    "XEP0198-4-10",
  ),
  spec("sm-resume-before-auth", "resumes a session on a stream that has not authenticated", "XEP0198-10-1"),
  spec(
    "sm-bind-after-failed-refused",
    "after a failed resumption, binding a resource ends the stream",
    "XEP0198-5-16",
  ),
] as const;

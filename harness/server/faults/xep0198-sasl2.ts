// Faults of XEP-0198 resumption inlined in SASL2 (XEP-0198 §9.2, XEP-0388, XEP-0386 Bind 2): each breaks one
// rule of the order and outcome of the inline requests, so suites/xep0198/9.2*.ts prove they notice.
// Applied through harness/server/fault-hooks-sasl2.ts.
import { spec } from "./spec.ts";

export const XEP0198_SASL2_FAULTS = [
  spec(
    "sasl2-bind-before-resume",
    "processes the inline <bind/> before the inline <resume/> (which then fails: the stream has a session)",
    "XEP0198-9.2-1",
  ),
  spec(
    "sasl2-bind-after-resumed",
    "after a successful inline resumption, also answers the inline <bind/> (<bound/>, a new resource)",
    "XEP0198-9.2-2",
  ),
  spec(
    "sasl2-features-after-resumed",
    "sends stream features after a <success/> that carries <resumed/>",
    "XEP0198-9.2-3",
  ),
  spec(
    "sasl2-failed-omitted",
    "leaves the <failed/> of a failed inline resumption out of <success/>",
    "XEP0198-9.2.1-1",
  ),
  spec(
    "sasl2-no-bind-after-failed",
    "after a failed inline resumption, ignores the inline <bind/>",
    "XEP0198-9.2.1-1",
  ),
] as const;

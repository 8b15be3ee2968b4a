// What the XEP-0198 faults (../faults/xep0198.ts) make of the reference server's stream management: each
// hook is asked at one place of ./endpoint.ts or ./registry.ts.
import type { Element } from "../../xml/element.ts";
import type { FaultCheck } from "../faults/index.ts";
import type { SmRegistry } from "./registry.ts";
import type { SmSession } from "./session.ts";

export class SmFaultHooks {
  constructor(private readonly fault: FaultCheck) {}

  /** sm-h-off-by-one: every reported 'h' one too many. */
  reportedH(h: number): number {
    return this.fault("sm-h-off-by-one") ? (h + 1) % 2 ** 32 : h;
  }

  countsNonzas(): boolean {
    return this.fault("sm-counts-nonzas");
  }

  withholdsAck(): boolean {
    return this.fault("sm-ack-withheld");
  }

  onlyTrueIsTrue(): boolean {
    return this.fault("sm-resume-true-only");
  }

  omitsId(): boolean {
    return this.fault("sm-enabled-without-id");
  }

  enablesBeforeAuth(): boolean {
    return this.fault("sm-enable-before-auth");
  }

  enablesBeforeBind(): boolean {
    return this.fault("sm-enable-before-bind");
  }

  leavesEnableUnanswered(): boolean {
    return this.fault("sm-enable-unanswered");
  }

  acceptsSecondEnable(): boolean {
    return this.fault("sm-second-enable-accepted");
  }

  acceptsTooHigh(): boolean {
    return this.fault("sm-too-high-accepted");
  }

  rejectsClientAck(): boolean {
    return this.fault("sm-client-ack-rejected");
  }

  keepsOldStream(): boolean {
    return this.fault("sm-old-stream-kept");
  }

  resumesOtherAccount(): boolean {
    return this.fault("sm-resume-other-account");
  }

  restartsCount(): boolean {
    return this.fault("sm-resume-restarts-count");
  }

  resumableAfterClose(): boolean {
    return this.fault("sm-resume-after-close");
  }

  resumesBeforeAuth(): boolean {
    return this.fault("sm-resume-before-auth");
  }

  refusesBindAfterFailed(): boolean {
    return this.fault("sm-bind-after-failed-refused");
  }

  /** sm-resume-any-previd: an unknown SM-ID resumes the account's latest detached session. */
  anyPrevid(registry: SmRegistry, account: string): SmSession | undefined {
    return this.fault("sm-resume-any-previd") ? registry.latestDetached(account) : undefined;
  }

  /** sm-failed-no-condition, sm-failed-bad-condition: what <failed/> carries instead of `condition`. */
  failedCondition(condition: string): string | null {
    if (this.fault("sm-failed-no-condition")) return null;
    if (this.fault("sm-failed-bad-condition")) return "handled-count-too-high";
    return condition;
  }

  /** sm-resume-loses-stanza, sm-resume-duplicates-stanza: what is re-sent of the unacknowledged queue. */
  resent(unacked: readonly Element[]): Element[] {
    const [first, ...rest] = unacked;
    if (!first) return [];
    if (this.fault("sm-resume-loses-stanza")) return rest;
    if (this.fault("sm-resume-duplicates-stanza")) return [first, first, ...rest];
    if (this.fault("sm-resume-reorders")) return [...rest, first];
    return [...unacked];
  }
}

// XEP-0198 stream management for the cases: the SKIP gate on the stream feature, <enable/> as a set-up
// step, an authenticated stream to resume on, and the wait past the announced resumption time. The
// protocol steps themselves (counters, acks, cutting, <resume/>) are harness/session/sm.ts's.
import { Violation } from "../../harness/errors.ts";
import type { Account } from "../../harness/runner/accounts.ts";
import type { CaseContext } from "../../harness/runner/context.ts";
import {
  cutConnection,
  offersSm,
  SmTracker,
  sendEnable,
  sendResume,
  smTrue,
} from "../../harness/session/sm.ts";
import type { Session } from "../../harness/session.ts";
import type { Element } from "../../harness/xml/element.ts";

export * from "../../harness/session/sm.ts";

/** SKIPs the case unless the target offers XEP-0198 on this stream. */
export function requireSm(ctx: CaseContext, s: Session): void {
  ctx.require(
    offersSm(s),
    "the target does not offer XEP-0198 stream management (<sm xmlns='urn:xmpp:sm:3'/>)",
  );
}

/** An enabled SM session: the answer and the client's counters. */
export interface SmOn {
  enabled: Element;
  tracker: SmTracker;
  /** The SM-ID, when resumption was granted. */
  id: string | undefined;
  /** The resumption time the server announced, in seconds, when it did. */
  max: number | undefined;
}

/**
 * Set-up: stream management enabled on `s` (SKIP where not offered; with `resume`, SKIP where the server
 * grants no resumption, which §5 allows). A refusal here is the set-up's failure, not the case's.
 */
export async function enableSm(
  ctx: CaseContext,
  s: Session,
  o: { resume?: boolean; max?: number } = {},
): Promise<SmOn> {
  requireSm(ctx, s);
  const tracker = new SmTracker();
  tracker.watch(s);
  const attrs: Record<string, string> = {};
  if (o.resume) attrs.resume = "true";
  if (o.max !== undefined) attrs.max = String(o.max);
  const enabled = await ctx.setUp("enable stream management", async () => {
    const answer = await sendEnable(s, attrs);
    if (answer.name !== "enabled") throw new Violation(`<enable/> was answered <${answer.name}/>`);
    return answer;
  });
  if (o.resume)
    ctx.require(smTrue(enabled.attrs.resume), "the target grants no resumption (XEP-0198 §5 allows that)");
  const id = enabled.attrs.id;
  if (o.resume)
    await ctx.setUp("the SM-ID of a resumable session", async () => {
      if (!id) throw new Violation("<enabled resume='true'/> carries no 'id'");
    });
  const max = enabled.attrs.max && /^\d+$/.test(enabled.attrs.max) ? Number(enabled.attrs.max) : undefined;
  return { enabled, tracker, id, max };
}

/** A new stream of `account`: TLS as the run says and SASL, no resource bound (§5: ready to resume). */
export async function authenticatedStream(
  ctx: CaseContext,
  account: Account,
  label: string,
): Promise<Session> {
  return ctx.setUp(`authenticate ${label} on a new connection`, async () => {
    const s = await ctx.openSecured({ label });
    await s.authenticate({ username: account.username, password: account.password });
    return s;
  });
}

/** Waits until every message id arrived on `s` (taken from its inbox); their order. */
export async function expectIds(s: Session, ids: string[], what: string): Promise<Element[]> {
  const got: Element[] = [];
  for (const id of ids)
    got.push(
      await s.expect({ name: "message", id }, undefined).catch((err: Error) => {
        throw new Violation(`${what}: message '${id}' never arrived (${err.message})`);
      }),
    );
  return got;
}

/** A resumption attempt: the new stream and the server's answer to <resume/>. */
export interface Resumption {
  s: Session;
  answer: Element;
}

/**
 * Cuts `s`'s connection (unless `keepOld`) and asks, on a new authenticated stream of `account`, to resume
 * `previd` acknowledging `h` of the server's stanzas (default: all the client received).
 */
export async function cutAndResume(
  ctx: CaseContext,
  s: Session,
  on: SmOn,
  o: { account: Account; previd?: string; h?: number; keepOld?: boolean; label?: string },
): Promise<Resumption> {
  if (!o.keepOld) await cutConnection(s);
  const next = await authenticatedStream(ctx, o.account, o.label ?? "resumed");
  on.tracker.watch(next, true);
  const answer = await sendResume(next, o.previd ?? on.id ?? "", o.h ?? on.tracker.h);
  return { s: next, answer };
}

/** The stream resumed: <resumed/>, else a Violation naming what came. */
export function assertResumed(r: Resumption, what: string): Element {
  if (r.answer.name !== "resumed")
    throw new Violation(`${what}: <resume/> was answered ${r.answer.toString().slice(0, 300)}`);
  return r.answer;
}

/** Waits `seconds` past the resumption time the server announced (bounded by `capSeconds`: else SKIP). */
export async function outwaitResumption(ctx: CaseContext, on: SmOn, capSeconds = 20): Promise<void> {
  const max = on.max;
  ctx.require(max !== undefined, "the target announced no resumption time (<enabled max/>)");
  const seconds = max ?? 0;
  ctx.require(
    seconds <= capSeconds,
    `the target's resumption time (${seconds} s) is longer than ${capSeconds} s`,
  );
  ctx.note(`waiting ${seconds + 1} s, past the announced resumption time`);
  // the one wait on a clock the XEP leaves: the timeout itself is what is checked
  await new Promise((r) => setTimeout(r, (seconds + 1) * 1000));
}

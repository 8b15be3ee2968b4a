// XEP-0198 stream management from the client's side: the stream feature, <enable/>, the client's own
// counters (§4: what it sent and what it handled since <enable/>/<enabled/>), acks, cutting the TCP
// connection (loopback: an abrupt destroy) and resuming on a new one. Every wait is bounded.
import { Violation } from "../../harness/errors.ts";
import type { Account } from "../../harness/runner/accounts.ts";
import type { CaseContext } from "../../harness/runner/context.ts";
import type { Session } from "../../harness/session.ts";
import { type Element, NS, xml } from "../../harness/xml/element.ts";

export const NS_SM = "urn:xmpp:sm:3";
/** §4: 'h' is an xs:unsignedInt. */
export const H_MAX = 2 ** 32 - 1;

/** §3, XML Schema booleans: "true" and "1". */
export function smTrue(value: string | undefined): boolean {
  return value === "true" || value === "1";
}

/** The 'h' attribute as a number, or undefined when it is missing or no unsignedInt. */
export function readH(el: Element): number | undefined {
  const v = el.attrs.h;
  if (v === undefined || !/^\d{1,10}$/.test(v)) return undefined;
  const n = Number(v);
  return n <= H_MAX ? n : undefined;
}

/** The 'h' an ack-like element must carry (§4: an <a/> MUST possess one). */
export function hOf(el: Element, what: string): number {
  const h = readH(el);
  if (h === undefined)
    throw new Violation(`${what} carries no valid 'h' (an xs:unsignedInt): ${el.toString().slice(0, 200)}`);
  return h;
}

/** Stanzas only: §4 counts these, never nonzas. */
const STANZA = /^\s*<(message|presence|iq)[\s/>]/;
const STANZA_NAMES = new Set(["message", "presence", "iq"]);

/**
 * The client's side of an SM session on one stream: stanzas received (handled) since <enabled/>, stanzas
 * sent since <enable/>, in order; carried over to the stream that resumes it.
 */
export class SmTracker {
  /** Stanzas received since <enabled/> (the client's 'h' is their count). */
  readonly received: Element[] = [];
  /** Stanzas sent since <enable/> (the server's 'h' must count them). */
  sent = 0;
  private counting = false;
  /** Stanzas received before the last ack this client sent (what it told the server it handled). */
  acked = 0;

  /** Watch `s`: count what it sends once <enable/> is out and what it receives once <enabled/> is in. */
  watch(s: Session, startNow = false): void {
    const inner = s.opts.observer;
    if (startNow) this.counting = true;
    s.opts.observer = {
      sent: (session, wire) => {
        inner?.sent(session, wire);
        if (/^\s*<enable[\s/>]/.test(wire)) this.sent = 0;
        else if (STANZA.test(wire)) this.sent += 1;
      },
      received: (session, el) => {
        inner?.received(session, el);
        if (el.name === "enabled" && el.getNS() === NS_SM) this.counting = true;
        else if (this.counting && STANZA_NAMES.has(el.name) && el.getNS() === NS.client)
          this.received.push(el);
      },
    };
  }

  /** The client's 'h': stanzas handled since <enabled/>, modulo 2^32. */
  get h(): number {
    return this.received.length % 2 ** 32;
  }

  /** How many stanzas were received up to and including the one with this id (its 'h'). */
  hThrough(id: string): number {
    const i = this.received.findIndex((el) => el.attrs.id === id);
    if (i < 0) throw new Violation(`no stanza with id '${id}' was received on the stream`);
    return i + 1;
  }
}

/** Is stream management offered among the stream's features (after authentication, §2)? */
export function offersSm(s: Session): boolean {
  return s.features?.getChild("sm", NS_SM) !== undefined;
}

/** SKIPs the case unless the target offers XEP-0198 on this stream. */
export function requireSm(ctx: CaseContext, s: Session): void {
  ctx.require(
    offersSm(s),
    "the target does not offer XEP-0198 stream management (<sm xmlns='urn:xmpp:sm:3'/>)",
  );
}

/** The next element in the SM namespace (one of `names`), within the session's timeout. */
export function smAnswer(s: Session, names: string[], timeoutMs?: number): Promise<Element> {
  return s.expect((el) => el.getNS() === NS_SM && names.includes(el.name), timeoutMs);
}

/** Sends <enable/> (with `attrs`) and returns the answer, <enabled/> or <failed/> (§3: one of them MUST come). */
export async function sendEnable(s: Session, attrs: Record<string, string> = {}): Promise<Element> {
  const answer = smAnswer(s, ["enabled", "failed"]);
  answer.catch(() => {});
  await s.send(xml("enable", { xmlns: NS_SM, ...attrs }));
  return answer;
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

/** Sends <r/> and returns the 'h' of the <a/> that answers it (§4: MUST). */
export async function requestAck(s: Session, timeoutMs?: number): Promise<number> {
  const a = smAnswer(s, ["a"], timeoutMs);
  a.catch(() => {});
  await s.send(xml("r", { xmlns: NS_SM }));
  return hOf(await a, "the <a/> answering <r/>");
}

/** Acknowledges `h` stanzas (§4: an unrequested <a/>). */
export async function sendAck(s: Session, h: number, tracker?: SmTracker): Promise<void> {
  await s.send(xml("a", { xmlns: NS_SM, h: String(h) }));
  if (tracker) tracker.acked = h;
}

/** Cuts the TCP connection under the stream, without a closing tag (loopback: the harness's own socket). */
export async function cutConnection(s: Session): Promise<void> {
  s.destroy();
  // the transport reports the close at once for a destroyed socket; bounded in any case
  for (let i = 0; i < 50 && !s.closed; i++) await new Promise((r) => setImmediate(r));
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

/** A <resume/> on `s` for `previd` with the client's `h`; the answer, <resumed/> or <failed/>. */
export async function sendResume(s: Session, previd: string, h: number): Promise<Element> {
  const answer = smAnswer(s, ["resumed", "failed"]);
  answer.catch(() => {});
  await s.send(xml("resume", { xmlns: NS_SM, previd, h: String(h) }));
  return answer;
}

/** The stanza error condition a <failed/> carries (§6: one of RFC 6120's), if any. */
export function failedCondition(el: Element): string | undefined {
  return el.getChildElements().find((c) => c.getNS() === NS.stanzas && c.name !== "text")?.name;
}

/** `n` chat messages from `from` to `to`, ids `<prefix>-1` .. `<prefix>-n`; their ids. */
export async function sendNumbered(from: Session, to: string, prefix: string, n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 1; i <= n; i++) {
    const id = `${prefix}-${i}`;
    ids.push(id);
    await from.send(xml("message", { to, type: "chat", id }, xml("body", {}, `${prefix} ${i}`)));
  }
  return ids;
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

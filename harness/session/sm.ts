// XEP-0198 stream management from the client's side, for the suites' kit and the fuzzer's SM model: the
// client's own counters (§4: what it sent since <enable/>, what it handled since <enabled/>), <enable/>,
// <r/>/<a/>, cutting the TCP connection (an abrupt destroy of the harness's own socket) and <resume/>.
import { Violation } from "../errors.ts";
import type { Session } from "../session.ts";
import { type Element, NS, xml } from "../xml/element.ts";

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

/** Chat messages from `from` to `to`, one per id, in order (their bodies name them). */
export async function sendMessages(from: Session, to: string, ids: string[]): Promise<void> {
  for (const id of ids) await from.send(xml("message", { to, type: "chat", id }, xml("body", {}, id)));
}

/** `n` chat messages from `from` to `to`, ids `<prefix>-1` .. `<prefix>-n`; their ids. */
export async function sendNumbered(from: Session, to: string, prefix: string, n: number): Promise<string[]> {
  const ids = Array.from({ length: n }, (_, i) => `${prefix}-${i + 1}`);
  await sendMessages(from, to, ids);
  return ids;
}

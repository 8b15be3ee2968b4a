// Waiting without sleeping: after the fuzzed stanza, a marker from the sender to each other party
// proves that whatever the stanza caused for them has arrived (RFC 6120 §10.1 in-order processing).
import { randomBytes } from "node:crypto";
import { NoAnswer } from "../../errors.ts";
import type { Session } from "../../session.ts";
import { type Element, NS, xml } from "../../xml/element.ts";
import type { Parties } from "../rig.ts";
import { OracleFailure } from "../types.ts";

let counter = 0;
/** Tells this process's tags from another's (several fuzzers may share one target). */
const PROCESS_TAG = randomBytes(3).toString("hex");

/** A tag unique to one case: the id of its stanzas, so replies and leaks are recognisable. */
export function tagOf(): string {
  counter += 1;
  return `fz${counter.toString(36)}-${PROCESS_TAG}`;
}

/** A chat message to a party (the sender sends it), and its arrival (none: a payload finding). */
function marker(to: Session): { el: Element; arrived: Promise<void> } {
  const id = `mk-${tagOf()}`;
  const arrived = to.expect({ name: "message", id }).then(
    () => undefined,
    (err) => {
      // RFC 6121 §8.5.3.1: a message to a connected full JID MUST be delivered
      if (err instanceof NoAnswer)
        throw new OracleFailure(
          "payload",
          `a chat message to ${to.jid} never arrived: ${err.message}`,
          "RFC6121-8.5.3.1-3",
        );
      throw err;
    },
  );
  arrived.catch(() => {});
  return {
    el: xml("message", { to: to.jid!.toString(), id, type: "chat" }, xml("body", {}, "marker")),
    arrived,
  };
}

/** The one reply (result or error) to the IQ request with id `tag`; none is an iq-reply finding about `what`. */
export async function replyTo(s: Session, tag: string, what: string): Promise<Element> {
  try {
    return await s.expect(
      (r) => r.name === "iq" && r.attrs.id === tag && (r.attrs.type === "result" || r.attrs.type === "error"),
    );
  } catch (err) {
    if (s.closed || s.streamEnded) throw err;
    throw new OracleFailure("iq-reply", `no reply to ${what}: ${(err as Error).message}`);
  }
}

/** A ping to the server on this stream; no answer is an IQ without reply. */
export async function pingBarrier(s: Session): Promise<void> {
  try {
    await s.barrier();
  } catch (err) {
    if (err instanceof NoAnswer)
      throw new OracleFailure("iq-reply", `a ping to the server got no reply: ${err.message}`);
    throw err;
  }
}

/** Like a client would: answer an IQ request of this batch addressed to us with <service-unavailable/>. */
async function answerRequests(s: Session, tags: ReadonlySet<string>): Promise<void> {
  for (const el of s.inbox) {
    if (el.name !== "iq" || !tags.has(el.attrs.id ?? "")) continue;
    if (el.attrs.type !== "get" && el.attrs.type !== "set") continue;
    const attrs: Record<string, string> = { type: "error", id: el.attrs.id };
    if (el.attrs.from) attrs.to = el.attrs.from;
    await s.send(
      xml("iq", attrs, xml("error", { type: "cancel" }, xml("service-unavailable", { xmlns: NS.stanzas }))),
    );
  }
}

/**
 * The batch's stanzas, then markers to bob, eve and alice herself (an IQ to her own full JID comes back to
 * her), all in one write; once the markers arrived, alice and bob answer any IQ request the batch routed to
 * them. One sync serves a whole batch of cases: their stanzas went out in order before the markers.
 */
export async function syncParties(
  p: Parties,
  tags: ReadonlySet<string>,
  batch: Element[] = [],
): Promise<void> {
  const marks = [p.bob, p.eve, p.alice].map((to) => marker(to));
  await sendBatch(p.alice, [...batch, ...marks.map((m) => m.el)]);
  await Promise.all(marks.map((m) => m.arrived));
  await answerRequests(p.bob, tags);
  await answerRequests(p.alice, tags);
}

/**
 * Stanzas in a row as one write: one read for the target and one system call here instead of one per
 * stanza. A framed stream (RFC 7395) takes one stanza per frame, so one send each.
 */
export async function sendBatch(s: Session, els: Element[]): Promise<void> {
  if (s.framed) {
    for (const el of els) await s.send(el);
    return;
  }
  await s.send(els.map((el) => el.toString()).join(""));
}

// Probes of how the server treats a stanza (RFC 6120 §8, §10): what came back on the sender's stream, what
// reached a recipient before a marker, and an extension no server understands.
import type { Matcher } from "../../harness/match.ts";
import { matches } from "../../harness/match.ts";
import type { CaseSpec } from "../../harness/runner/case.ts";
import type { CaseContext } from "../../harness/runner/context.ts";
import type { Client } from "../../harness/runner/users.ts";
import type { Session } from "../../harness/session.ts";
import { markerBarrier } from "./order.ts";
import { type Element, NS, xml } from "./stanzas.ts";
import { type Row, tableCases } from "./tables.ts";

/** A namespace no server understands (RFC 6120 §8.4). */
export const UNKNOWN_NS = "urn:xmppspec:unknown-payload";

/** An IQ get whose only payload is in UNKNOWN_NS. */
export function unknownPayloadIq(attrs: { to?: string; id?: string } = {}): Element {
  return xml("iq", { type: "get", ...attrs }, xml("query", { xmlns: UNKNOWN_NS }));
}

/** An IQ get to `to` with two payloads where RFC 6120 §8.2.3 allows exactly one. */
export function twoPayloads(to: string): Element {
  return xml("iq", { type: "get", to }, xml("ping", { xmlns: NS.ping }), xml("ping", { xmlns: NS.ping }));
}

/** What the target sends back on this stream, until a barrier proves the stanzas before it processed. */
export async function answersTo(s: Session, send: Element): Promise<Element[]> {
  const before = s.inbox.length;
  await s.send(send);
  const after = await s.barrier();
  return after.slice(before);
}

/**
 * What `to` received of `m` before a marker `from` sends along the same path (RFC 6120 §10.1): proves
 * delivery or its absence without a clock.
 */
export async function receivedBeforeMarker(
  from: Session,
  to: Client,
  m: Matcher,
): Promise<Element | undefined> {
  await markerBarrier(from, to);
  return to.inbox.find((el) => matches(el, m));
}

/**
 * `from` sends directed presence to `to` and `to` sees it: the two share presence, so RFC 6121 §8.5.3.1
 * lets no policy refuse the IQs between them.
 */
export async function sharePresence(from: Client, to: Client): Promise<void> {
  await from.send(xml("presence", { to: to.full }));
  await to.expect({ name: "presence", from: from.full });
}

/** A message Alice sends Bob's available resource, and what must hold of it as delivered. */
export interface RelayRow extends Row {
  /** The message's id, and the message (an element, or raw XML for bytes the builder cannot write). */
  messageId: string;
  send: (bob: Client) => Element | string;
  /** An attribute the delivered message must carry with this value. */
  attr?: { name: string; is: (users: { alice: Client; bob: Client }) => string };
  check?: (got: Element, ctx: CaseContext) => void;
}

/** The rows as cases: Alice sends, Bob receives, the row checks what arrived. */
export function relayCases(rows: RelayRow[]): CaseSpec[] {
  return tableCases(rows, {
    users: ["alice", "bob:available"],
    async run(row, ctx, { alice, bob }) {
      await alice.send(row.send(bob));
      const got = await bob.expect({ name: "message", id: row.messageId });
      if (row.attr) {
        const { name, is } = row.attr;
        ctx.expect(got.attrs[name], `'${name}' of the delivered message`).to.equal(is({ alice, bob }));
      }
      row.check?.(got, ctx);
    },
  });
}

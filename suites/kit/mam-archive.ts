// Filling an archive and reading it back whole: messages sent fast (written back to back, one wait for
// the last), and a walk through the archive page by page with XEP-0059 <after/> (or <before/> backwards).
import { NoAnswer, Violation } from "../../harness/errors.ts";
import type { CaseContext } from "../../harness/runner/context.ts";
import type { Client } from "../../harness/runner/users.ts";
import { type MamAnswer, type MamQuery, type MamResult, mamQuery, requireMam } from "./mam.ts";
import { messageWithId } from "./matchers.ts";
import { type Element, message, uid } from "./stanzas.ts";

export interface Sent {
  id: string;
  body: string;
  stanza: Element;
}

/**
 * `from` sends `n` chat messages to `to` (its bare JID, or `toJid`), written back to back; resolves once
 * `to` has the last one, with the others taken out of its inbox. A set-up step: the archive needs them.
 * The wait for the last runs out only when none of them came in a whole answer timeout: a busy server
 * that delivers 200 messages in more than one timeout has not failed to deliver them.
 */
export function sendMany(
  ctx: CaseContext,
  from: Client,
  to: Client,
  n: number,
  opts: { toJid?: string; type?: string; tag?: string } = {},
): Promise<Sent[]> {
  const tag = opts.tag ?? uid();
  return ctx.setUp(`${from.account.username} sends ${to.account.username} ${n} messages`, async () => {
    const sent: Sent[] = [];
    for (let i = 0; i < n; i++) {
      const id = `${tag}-${i}`;
      const stanza = message(opts.toJid ?? to.bare, `${tag} message ${i}`, { id, type: opts.type ?? "chat" });
      sent.push({ id, body: `${tag} message ${i}`, stanza });
      await from.send(stanza);
    }
    const last = sent[sent.length - 1];
    const ids = new Set(sent.map((s) => s.id));
    if (last) await whileArriving(to, ids, last.id);
    for (let i = to.inbox.length - 1; i >= 0; i--)
      if (ids.has(to.inbox[i].attrs.id ?? "")) to.inbox.splice(i, 1);
    return sent;
  });
}

/** Waits for message `lastId`, again after each answer timeout in which more of `ids` reached the inbox. */
async function whileArriving(to: Client, ids: Set<string>, lastId: string): Promise<void> {
  const arrived = () => to.inbox.filter((el) => ids.has(el.attrs.id ?? "")).length;
  let before = arrived();
  for (;;) {
    try {
      await to.expect(messageWithId(lastId));
      return;
    } catch (err) {
      const now = arrived();
      if (!(err instanceof NoAnswer) || now <= before) throw err;
      before = now;
    }
  }
}

/** Pages of a walk, and the results they held in the order received. */
export interface Walk {
  pages: MamAnswer[];
  results: MamResult[];
}

/**
 * Reads the query's results page by page, `max` at a time: forwards with <after/> the previous page's
 * <last/>, or backwards with <before/> its <first/> starting at the last page; stops at complete='true'
 * or an empty page. Bounded: a walk that does not end after `limit` pages is a Violation.
 */
export async function walkArchive(
  client: Client,
  max: number,
  opts: { query?: MamQuery; backwards?: boolean; limit?: number } = {},
): Promise<Walk> {
  const pages: MamAnswer[] = [];
  const limit = opts.limit ?? 100;
  let cursor: string | undefined = opts.backwards ? "" : undefined;
  for (let n = 0; n < limit; n++) {
    const page = await mamQuery(
      client,
      { ...opts.query, max, ...(opts.backwards ? { before: cursor } : { after: cursor }) },
      `page ${n + 1} of the archive`,
    );
    pages.push(page);
    if (page.complete || page.results.length === 0) {
      // backwards, the pages come last first; each page itself is oldest first
      return { pages, results: (opts.backwards ? [...pages].reverse() : pages).flatMap((p) => p.results) };
    }
    cursor = opts.backwards
      ? (page.set.first ?? page.results[0]?.id)
      : (page.set.last ?? page.results.at(-1)?.id);
  }
  throw new Violation(
    `the archive walk did not end after ${limit} pages of ${max}: no page was complete or empty`,
  );
}

/**
 * The start of the paging cases: SKIP unless alice's account has an archive, bob sends her `n` messages,
 * and the case goes on only if something was archived (§6.1.1 is a SHOULD; its own cases grade it).
 */
export async function fillArchive(ctx: CaseContext, alice: Client, bob: Client, n: number): Promise<Sent[]> {
  await requireMam(ctx, alice);
  const sent = await sendMany(ctx, bob, alice, n);
  const probe = await mamQuery(alice, { max: 1 }, "a query for one result");
  ctx.require(probe.results.length > 0, "nothing is archived (§6.1.1 is a SHOULD)");
  return sent;
}

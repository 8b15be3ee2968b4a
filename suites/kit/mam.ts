// XEP-0313 archive queries as the cases send and read them: the query (its form fields and the XEP-0059
// <set/>), the result messages (§4.2) gathered from the inbox, and the IQ result's <fin/> (§4).

import { Violation } from "../../harness/errors.ts";
import {
  type MamQuery,
  type MamResult,
  mamQueryIq,
  NS_MAM,
  NS_MAM_EXTENDED,
  type RsmSet,
  readResult,
  readRsmSet,
} from "../../harness/mam.ts";
import type { Need } from "../../harness/runner/case.ts";
import type { CaseContext } from "../../harness/runner/context.ts";
import type { Client } from "../../harness/runner/users.ts";
import { type DiscoInfo, requireAccountFeature } from "./discovery.ts";
import { clip, type Element } from "./stanzas.ts";

// NS_FORWARD is the carbons kit's (suites/kit/carbons.ts): the same namespace, one export
export {
  type MamQuery,
  type MamResult,
  mamQueryIq,
  NS_DATA,
  NS_MAM,
  NS_MAM_EXTENDED,
  NS_RSM,
  NS_SID,
  type RsmSet,
  readResult,
  readRsmSet,
} from "../../harness/mam.ts";

/**
 * The needs of a case that reads an archive whole (or empty): an account whose archive holds only what the
 * case sent. A pool's accounts have a history no server lets a client erase, so they SKIP these.
 */
export const FRESH_ARCHIVE: Need[] = ["new-accounts"];

export interface MamAnswer {
  results: MamResult[];
  fin: Element;
  complete: boolean;
  set: RsmSet;
  reply: Element;
}

/** SKIPs unless the user's account advertises urn:xmpp:mam:2; says whether it has #extended too. */
export async function requireMam(
  ctx: CaseContext,
  client: Client,
): Promise<{ extended: boolean; info: DiscoInfo }> {
  const info = await requireAccountFeature(ctx, client, NS_MAM, "XEP-0313");
  return { extended: info.features.includes(NS_MAM_EXTENDED), info };
}

/** SKIPs unless the account advertises urn:xmpp:mam:2#extended too (before-id, after-id, flipped pages). */
export async function requireMamExtended(ctx: CaseContext, client: Client): Promise<void> {
  const { extended } = await requireMam(ctx, client);
  ctx.require(
    extended,
    `the account does not advertise ${NS_MAM_EXTENDED} (the extended queries are optional)`,
  );
}

/** Takes from the inbox every result message that `which` picks. */
export function takeResults(client: Client, which: (r: MamResult) => boolean): MamResult[] {
  const out: MamResult[] = [];
  for (let i = 0; i < client.inbox.length; ) {
    const r = readResult(client.inbox[i]);
    if (r && which(r)) {
      out.push(r);
      client.inbox.splice(i, 1);
    } else i++;
  }
  return out;
}

/** Sends a query and waits for its IQ reply (result or error), as is. */
export async function mamAsk(client: Client, q: MamQuery = {}): Promise<Element> {
  return client.iq(mamQueryIq(q));
}

/**
 * Queries the archive: the results that arrived before the IQ result (§4: the server sends that last), its
 * <fin/> and RSM <set/>. An error reply or a result without <fin/> is a Violation naming `what`.
 */
export async function mamQuery(
  client: Client,
  q: MamQuery = {},
  what = "the archive query",
): Promise<MamAnswer> {
  const iq = mamQueryIq(q);
  const queryid = iq.getChild("query", NS_MAM)?.attrs.queryid;
  const reply = await client.iq(iq);
  if (reply.attrs.type !== "result")
    throw new Violation(`${what} was answered with an error: ${clip(reply)}`);
  const fin = reply.getChild("fin", NS_MAM);
  if (!fin)
    throw new Violation(`the result of ${what} holds no <fin xmlns='${NS_MAM}'/> (§4): ${clip(reply)}`);
  // results carry the queryid (§4.2); those that lack it are counted too so a missing one shows
  const results = takeResults(client, (r) => r.queryid === queryid || r.queryid === undefined);
  return { results, fin, complete: fin.attrs.complete === "true", set: readRsmSet(fin), reply };
}

/** The ids of results, in order. */
export const idsOf = (results: MamResult[]) => results.map((r) => r.id);

/** The body text of an archived message. */
export const bodyOf = (r: MamResult) => r.message.getChild("body")?.getText() ?? "";

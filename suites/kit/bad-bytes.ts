// The bad-bytes family (RFC 6120 §4.9, §11): a logged-in client sends data the server must refuse;
// the stream is closed with a stream error (graded per row), and neither the offending stanza nor
// anything sent after it reaches the recipient. One scenario; each row is data.
import type { CaseSpec } from "../../harness/runner/case.ts";
import type { CaseContext } from "../../harness/runner/context.ts";
import type { Client } from "../../harness/runner/users.ts";
import { NS, nextId } from "./stanzas.ts";
import { expectStreamError } from "./stream-errors.ts";
import { type Row, tableCases } from "./tables.ts";

export interface BadBytesRow extends Row {
  /** The offending data, built for the recipient's full JID `to` and the stanza id `id`. */
  bytes: (to: string, id: string) => string | Buffer;
  /** The rows of fixtures/rfc/condition-grades.tsv that grade the stream error (the cited sentences). */
  gradedBy: string[];
}

/** A well-formed message and a ping sent right after the bad data: they must not be processed either. */
function follower(to: string, id: string): string {
  const msg = `<message to='${to}' id='${id}' type='chat'><body>after the bad data</body></message>`;
  return `${msg}<iq type='get' id='${nextId("ping")}'><ping xmlns='${NS.ping}'/></iq>`;
}

/** Send the row's bytes from alice's stream; grade the stream error; check bob got nothing of it. */
export async function rejectsBadBytes(
  ctx: CaseContext,
  alice: Client,
  bob: Client,
  row: Pick<BadBytesRow, "bytes" | "gradedBy">,
): Promise<string> {
  const badId = nextId("bad");
  const afterId = nextId("after");
  const bad = row.bytes(bob.full, badId);
  const after = follower(bob.full, afterId);
  alice.inbox.length = 0;
  const data = Buffer.isBuffer(bad) ? Buffer.concat([bad, Buffer.from(after)]) : bad + after;
  const cond = await expectStreamError(ctx, alice, row.gradedBy, data);
  await bob.expectNothing(
    {
      name: "message",
      where: (el) => [badId, afterId].includes(el.attrs.id ?? ""),
      what: "sent in or after the bad data",
    },
    "a stanza sent with or after the offending data was delivered",
  );
  return cond;
}

/** The rows as cases: alice logged in, bob available to receive what must not arrive. */
export function badBytesCases(rows: BadBytesRow[]): CaseSpec[] {
  return tableCases(rows, {
    users: ["alice", "bob:available"],
    needs: ["tcp"],
    run: async (row, ctx, { alice, bob }) => {
      await rejectsBadBytes(ctx, alice, bob, row);
    },
  });
}

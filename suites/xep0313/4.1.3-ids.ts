// XEP-0313 §4.1.3 Limiting results by id (the #extended fields, §7: a server advertising
// urn:xmpp:mam:2#extended MUST implement 'before-id' and 'after-id' and single-item retrieval by 'ids'):
// the bounds are exclusive, and an id not in the archive is item-not-found.
import { Violation } from "../../harness/errors.ts";
import {
  assertStanzaError,
  type CaseContext,
  type Client,
  FRESH_ARCHIVE,
  idsOf,
  mamAsk,
  mamQuery,
  requireMamExtended,
  section,
  sendMany,
} from "../kit/index.ts";

/** Eight archived messages' ids, oldest first. */
async function archiveIds(ctx: CaseContext, alice: Client, bob: Client): Promise<string[]> {
  await requireMamExtended(ctx, alice);
  await sendMany(ctx, bob, alice, 8);
  const ids = idsOf((await mamQuery(alice, { max: 8 })).results);
  ctx.require(ids.length >= 6, "fewer than 6 of the 8 messages are archived (§6.1.1 is a SHOULD)");
  return ids;
}

const same = (a: string[], b: string[]) => a.join() === b.join();

export default section("xep0313", "4.1.3", "Limiting results by id", [
  {
    id: "xep0313/4.1.3/after-id",
    title: "'after-id' the 3rd id returns the messages after it and not it",
    requirements: ["XEP0313-7-2"],
    needs: FRESH_ARCHIVE,
    users: ["alice:online", "bob:online"],
    async run(ctx, { alice, bob }) {
      const ids = await archiveIds(ctx, alice, bob);
      const got = idsOf((await mamQuery(alice, { afterId: ids[2] })).results);
      if (!same(got, ids.slice(3)))
        throw new Violation(
          `'after-id' ${ids[2]} returned ${got.join(", ")}; due: ${ids.slice(3).join(", ")}`,
        );
    },
  },
  {
    id: "xep0313/4.1.3/before-id",
    title: "'before-id' the 4th id returns the three messages before it",
    requirements: ["XEP0313-7-2"],
    needs: FRESH_ARCHIVE,
    users: ["alice:online", "bob:online"],
    async run(ctx, { alice, bob }) {
      const ids = await archiveIds(ctx, alice, bob);
      const got = idsOf((await mamQuery(alice, { beforeId: ids[3] })).results);
      if (!same(got, ids.slice(0, 3)))
        throw new Violation(
          `'before-id' ${ids[3]} returned ${got.join(", ")}; due: ${ids.slice(0, 3).join(", ")}`,
        );
    },
  },
  {
    id: "xep0313/4.1.3/ids-single-item",
    title: "'ids' naming one id returns exactly that message",
    requirements: ["XEP0313-7-2"],
    needs: FRESH_ARCHIVE,
    users: ["alice:online", "bob:online"],
    async run(ctx, { alice, bob }) {
      const ids = await archiveIds(ctx, alice, bob);
      const got = idsOf((await mamQuery(alice, { fields: { ids: ids[4] } })).results);
      if (!same(got, [ids[4]]))
        throw new Violation(`'ids' ${ids[4]} returned ${got.join(", ") || "nothing"}`);
    },
  },
  ...(["after-id", "before-id"] as const).map((field) => ({
    id: `xep0313/4.1.3/unknown-${field}`,
    title: `a '${field}' not in the archive is answered item-not-found`,
    requirements: ["XEP0313-4.1.3-1"],
    needs: FRESH_ARCHIVE,
    users: ["alice:online", "bob:online"],
    async run(ctx: CaseContext, { alice, bob }: Record<string, Client>) {
      await archiveIds(ctx, alice, bob);
      const reply = await mamAsk(alice, { fields: { [field]: "no-such-id-in-this-archive" } });
      assertStanzaError(reply, ["item-not-found"]);
    },
  })),
]);

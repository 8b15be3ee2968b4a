// XEP-0313 §4.1.1 Filtering by JID: with 'with' the server returns only the messages with that JID; a
// bare JID SHOULD also match its resources (§4.1.1), a full JID only that resource.
import { Violation } from "../../harness/errors.ts";
import { bareOf } from "../../harness/match.ts";
import { FRESH_ARCHIVE, type MamResult, mamQuery, requireMam, section, sendMany } from "../kit/index.ts";

/** The other party of a result in alice's archive: 'from' for what she received, 'to' for what she sent. */
function peerOf(r: MamResult, alice: string): string {
  return bareOf(r.message.attrs.from) === alice ? (r.message.attrs.to ?? "") : (r.message.attrs.from ?? "");
}

export default section("xep0313", "4.1.1", "Filtering by JID", [
  {
    id: "xep0313/4.1.1/with-bare-jid",
    title: "'with' a contact's bare JID returns only the messages with that contact, sent and received",
    requirements: ["XEP0313-4.1.1-1", "XEP0313-4.1.1-4", "XEP0313-4.1.5-7"],
    needs: FRESH_ARCHIVE,
    users: ["alice:online", "bob:online", "carol:online"],
    async run(ctx, { alice, bob, carol }) {
      await requireMam(ctx, alice);
      const fromBob = await sendMany(ctx, bob, alice, 2);
      await sendMany(ctx, carol, alice, 2);
      const toBob = await sendMany(ctx, alice, bob, 1);
      const { results } = await mamQuery(alice, { with: bob.bare });
      const stray = results.find((r) => bareOf(peerOf(r, alice.bare)) !== bob.bare);
      if (stray)
        throw new Violation(
          `'with' ${bob.bare} returned a message with ${peerOf(stray, alice.bare)} (id '${stray.message.attrs.id ?? ""}')`,
        );
      const ids = new Set(results.map((r) => r.message.attrs.id));
      const missing = [...fromBob, ...toBob].filter((s) => !ids.has(s.id));
      ctx.should(
        missing.length === 0,
        `'with' ${bob.bare} left out ${missing.length} of the 3 messages with bob (§4.1.1 SHOULD, if archived)`,
      );
    },
  },
  {
    id: "xep0313/4.1.1/with-full-jid",
    title: "'with' a full JID returns only the messages with that resource, not the contact's other one",
    requirements: ["XEP0313-4.1.1-1"],
    needs: FRESH_ARCHIVE,
    users: ["alice:online", "bob:online"],
    async run(ctx, { alice, bob }) {
      await requireMam(ctx, alice);
      const bob2 = await ctx.login("bob", "online");
      const one = await sendMany(ctx, bob, alice, 2);
      await sendMany(ctx, bob2, alice, 2);
      const all = await mamQuery(alice, { with: bob.bare });
      ctx.require(all.results.length > 0, "nothing is archived (§6.1.1 is a SHOULD)");
      const { results } = await mamQuery(alice, { with: bob.full });
      const stray = results.find((r) => r.message.attrs.from !== bob.full && r.message.attrs.to !== bob.full);
      if (stray)
        throw new Violation(`'with' ${bob.full} returned a message from ${stray.message.attrs.from ?? ""}`);
      ctx.should(
        one.every((s) => results.some((r) => r.message.attrs.id === s.id)),
        `'with' ${bob.full} left out messages from that resource`,
      );
    },
  },
]);

// XEP-0313 §3.3.1 User archives: the archive is on the user's bare JID, so a query addressed there is
// answered like one without a 'to'.
import { Violation } from "../../harness/errors.ts";
import { archivedCopy, FRESH_ARCHIVE, mamQuery, requireMam, section, sendMany } from "../kit/index.ts";

export default section("xep0313", "3.3.1", "User archives", [
  {
    id: "xep0313/3.3.1/query-to-own-bare-jid",
    title: "a query addressed to the user's own bare JID returns her archive",
    requirements: ["XEP0313-3.3.1-1"],
    needs: FRESH_ARCHIVE,
    users: ["alice:online", "bob:online"],
    async run(ctx, { alice, bob }) {
      await requireMam(ctx, alice);
      const [sent] = await sendMany(ctx, bob, alice, 1);
      const plain = await mamQuery(alice, {}, "the query without 'to'");
      ctx.require(
        archivedCopy(plain.results, sent) !== undefined,
        "the message is not archived (§6.1.1 is a SHOULD)",
      );
      const addressed = await mamQuery(alice, { to: alice.bare }, `the query to ${alice.bare}`);
      if (!archivedCopy(addressed.results, sent))
        throw new Violation(
          `the query to ${alice.bare} does not return the archived message a query without 'to' returns`,
        );
    },
  },
]);

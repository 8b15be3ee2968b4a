// XEP-0313 §4.3.4 Flipped pages (#extended, §7): <flip-page/> returns the same page in the reverse order.
import { Violation } from "../../harness/errors.ts";
import { FRESH_ARCHIVE, idsOf, mamQuery, requireMamExtended, section, sendMany } from "../kit/index.ts";

export default section("xep0313", "4.3.4", "Flipped pages", [
  {
    id: "xep0313/4.3.4/flip-page-reversed",
    title: "the last page asked for with <flip-page/> holds the same messages, newest first",
    requirements: ["XEP0313-7-2"],
    needs: FRESH_ARCHIVE,
    users: ["alice:online", "bob:online"],
    async run(ctx, { alice, bob }) {
      await requireMamExtended(ctx, alice);
      await sendMany(ctx, bob, alice, 8);
      const plain = idsOf((await mamQuery(alice, { max: 4, before: "" })).results);
      ctx.require(plain.length > 1, "fewer than two messages are archived (§6.1.1 is a SHOULD)");
      const flipped = idsOf((await mamQuery(alice, { max: 4, before: "", flip: true })).results);
      if (flipped.join() !== [...plain].reverse().join())
        throw new Violation(
          `the flipped last page is ${flipped.join(", ")}; the last page newest first is ${[...plain].reverse().join(", ")}`,
        );
    },
  },
]);

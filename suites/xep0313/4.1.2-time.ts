// XEP-0313 §4.1.2 Filtering by time received: 'start' and 'end' bound the messages returned, both
// inclusive; within the timespan every message matches (§4.1.1). The bounds come from the stamps the
// archive itself gave, so a server that stamps whole seconds is judged by its own clock.
import { Violation } from "../../harness/errors.ts";
import {
  type CaseContext,
  type Client,
  FRESH_ARCHIVE,
  type MamResult,
  mamQuery,
  requireMam,
  section,
  sendMany,
} from "../kit/index.ts";

/** Five messages in alice's archive and their stamps, oldest first. */
async function stamped(
  ctx: CaseContext,
  alice: Client,
  bob: Client,
): Promise<{ results: MamResult[]; times: number[] }> {
  await requireMam(ctx, alice);
  await sendMany(ctx, bob, alice, 5);
  const { results } = await mamQuery(alice, { max: 5 });
  const times = results.map((r) => instant(r.stamp));
  ctx.require(
    results.length > 0 && times.every((t) => !Number.isNaN(t)),
    "the archive returned no stamped results (§6.1.1, §4.2 SHOULDs)",
  );
  return { results, times };
}

const iso = (t: number) => new Date(t).toISOString();

/** A stamp as a sortable number: milliseconds, with any finer fraction kept (stamps may be in microseconds). */
function instant(stamp: string | undefined): number {
  const fraction = /\.(\d+)/.exec(stamp ?? "")?.[1] ?? "";
  return Date.parse((stamp ?? "").replace(/\.\d+/, "")) + Number(`0.${fraction || "0"}`) * 1000;
}

export default section("xep0313", "4.1.2", "Filtering by time received", [
  {
    id: "xep0313/4.1.2/start-after-all",
    title: "'start' a second after the newest message returns none of the messages",
    requirements: ["XEP0313-4.1.2-2"],
    needs: FRESH_ARCHIVE,
    users: ["alice:online", "bob:online"],
    async run(ctx, { alice, bob }) {
      const { times } = await stamped(ctx, alice, bob);
      const start = iso(Math.max(...times) + 1000);
      const { results } = await mamQuery(alice, { start });
      if (results.length > 0)
        throw new Violation(
          `'start' ${start} returned ${results.length} messages stamped before it, e.g. ${results[0]?.stamp ?? ""}`,
        );
    },
  },
  {
    id: "xep0313/4.1.2/end-before-all",
    title: "'end' a second before the oldest message returns none of the messages",
    requirements: ["XEP0313-4.1.2-4"],
    needs: FRESH_ARCHIVE,
    users: ["alice:online", "bob:online"],
    async run(ctx, { alice, bob }) {
      const { times } = await stamped(ctx, alice, bob);
      const end = iso(Math.min(...times) - 1000);
      const { results } = await mamQuery(alice, { end });
      if (results.length > 0)
        throw new Violation(
          `'end' ${end} returned ${results.length} messages stamped after it, e.g. ${results[0]?.stamp ?? ""}`,
        );
    },
  },
  {
    id: "xep0313/4.1.2/timespan-inclusive",
    title: "'start' and 'end' at the oldest and newest stamps return every message, both ends included",
    requirements: ["XEP0313-4.1.2-2", "XEP0313-4.1.2-4", "XEP0313-4.1.1-3"],
    needs: FRESH_ARCHIVE,
    users: ["alice:online", "bob:online"],
    async run(ctx, { alice, bob }) {
      const { results: all, times } = await stamped(ctx, alice, bob);
      const [start, end] = [
        all[times.indexOf(Math.min(...times))]?.stamp,
        all[times.indexOf(Math.max(...times))]?.stamp,
      ];
      const { results } = await mamQuery(alice, { start, end });
      const got = new Set(results.map((r) => r.id));
      const missing = all.filter((r) => !got.has(r.id));
      if (missing.length)
        throw new Violation(
          `'start' ${start ?? ""} and 'end' ${end ?? ""} left out ${missing.length} message(s), one stamped ${missing[0]?.stamp ?? ""}`,
        );
    },
  },
]);

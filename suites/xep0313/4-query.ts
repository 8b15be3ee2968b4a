// XEP-0313 §4 Querying an archive: the results come as messages, then the IQ result with <fin/> and the
// RSM <set/> naming the first and last of them (§4); each result carries the query's id and the archive
// id (§4.2), the message forwarded with the time the server received it.
import { Violation } from "../../harness/errors.ts";
import {
  FRESH_ARCHIVE,
  idsOf,
  mamQuery,
  mamQueryIq,
  message,
  messageWithId,
  NS_MAM,
  requireMam,
  section,
  sendMany,
  takeResults,
  uid,
} from "../kit/index.ts";

/** Ten minutes: the target's clock and ours may differ by that much and no more (they share a host mostly). */
const CLOCK_SKEW_MS = 10 * 60_000;

export default section("xep0313", "4", "Querying an archive", [
  {
    id: "xep0313/4/fin-after-results",
    title: "the IQ result with <fin/> comes after the last result message, none after it",
    requirements: ["XEP0313-4-3", "XEP0313-4-2"],
    needs: FRESH_ARCHIVE,
    users: ["alice:online", "bob:online"],
    async run(ctx, { alice, bob }) {
      await requireMam(ctx, alice);
      await sendMany(ctx, bob, alice, 5);
      const iq = mamQueryIq();
      const queryid = iq.getChild("query", NS_MAM)?.attrs.queryid;
      const reply = await alice.iq(iq);
      if (reply.attrs.type !== "result") throw new Violation("the archive query was answered with an error");
      if (!reply.getChild("fin", NS_MAM)) throw new Violation("the IQ result holds no <fin/> (§4)");
      const before = takeResults(alice, (r) => r.queryid === queryid || r.queryid === undefined);
      await alice.barrier();
      const after = takeResults(alice, (r) => r.queryid === queryid || r.queryid === undefined);
      if (after.length > 0)
        throw new Violation(
          `${after.length} result message(s) came after the IQ result (${before.length} before it)`,
        );
      ctx.require(
        before.length > 0,
        "the archive returned nothing: the order cannot be seen (§6.1.1 is a SHOULD)",
      );
    },
  },
  {
    id: "xep0313/4/fin-set-first-last",
    title: "the <fin/>'s RSM <set/> names the first and the last result of the page",
    requirements: ["XEP0313-4-2", "XEP0059-2.2-3"],
    needs: FRESH_ARCHIVE,
    users: ["alice:online", "bob:online"],
    async run(ctx, { alice, bob }) {
      await requireMam(ctx, alice);
      await sendMany(ctx, bob, alice, 5);
      const page = await mamQuery(alice, { max: 3 });
      ctx.require(page.results.length > 0, "the archive returned nothing (§6.1.1 is a SHOULD)");
      const ids = idsOf(page.results);
      if (page.set.first !== ids[0] || page.set.last !== ids.at(-1))
        throw new Violation(
          `the <set/> says first '${page.set.first ?? "(none)"}' and last '${page.set.last ?? "(none)"}'; the page ran from '${ids[0]}' to '${ids.at(-1)}'`,
        );
    },
  },
  {
    id: "xep0313/4.2/result-carries-ids",
    title: "each result carries the query's queryid, an archive id and the forwarded message",
    requirements: ["XEP0313-4.2-1", "XEP0313-4.2-2", "XEP0313-4.2-3"],
    needs: FRESH_ARCHIVE,
    users: ["alice:online", "bob:online"],
    async run(ctx, { alice, bob }) {
      await requireMam(ctx, alice);
      await sendMany(ctx, bob, alice, 3);
      const queryid = `qid-${uid()}`;
      const { results } = await mamQuery(alice, { queryid });
      ctx.require(results.length > 0, "the archive returned nothing (§6.1.1 is a SHOULD)");
      for (const r of results) {
        if (r.queryid !== queryid)
          throw new Violation(
            `a result carries queryid '${r.queryid ?? "(none)"}', not the query's '${queryid}'`,
          );
        if (!r.id) throw new Violation("a result carries no 'id' (the archive id, §4.2)");
        ctx.should(r.stamp !== undefined, "a result's <forwarded/> holds no <delay/> (§4.2 SHOULD)");
      }
    },
  },
  {
    id: "xep0313/4.2/queries-kept-apart",
    title: "two queries in flight at once: each result carries its own query's queryid",
    requirements: ["XEP0313-4.2-2"],
    needs: FRESH_ARCHIVE,
    users: ["alice:online", "bob:online"],
    async run(ctx, { alice, bob }) {
      await requireMam(ctx, alice);
      await sendMany(ctx, bob, alice, 4);
      const [q1, q2] = [`one-${uid()}`, `two-${uid()}`];
      const first = alice.iq(mamQueryIq({ queryid: q1, max: 2 }));
      const second = alice.iq(mamQueryIq({ queryid: q2, max: 4 }));
      await Promise.all([first, second]);
      const r1 = takeResults(alice, (r) => r.queryid === q1);
      const r2 = takeResults(alice, (r) => r.queryid === q2);
      const stray = takeResults(alice, () => true);
      if (stray.length > 0)
        throw new Violation(
          `${stray.length} result(s) carry neither query's id: '${stray[0]?.queryid ?? "(none)"}'`,
        );
      ctx.require(r2.length > 0, "the archive returned nothing (§6.1.1 is a SHOULD)");
      if (r1.length > 2 || r2.length > 4)
        throw new Violation(
          `the queries for 2 and 4 results got ${r1.length} and ${r2.length}: their results are mixed up`,
        );
    },
  },
  {
    id: "xep0313/4.2/stamp-when-received",
    title: "a result's <delay/> stamp is the time the server received the message",
    requirements: ["XEP0313-4.2-4"],
    needs: FRESH_ARCHIVE,
    users: ["alice:online", "bob:online"],
    async run(ctx, { alice, bob }) {
      await requireMam(ctx, alice);
      const id = `stamp-${uid()}`;
      const arrived = alice.expect(messageWithId(id));
      const sentAt = Date.now();
      await bob.send(message(alice.bare, "when did it come?", { id }));
      await arrived;
      const receivedAt = Date.now();
      const { results } = await mamQuery(alice);
      const r = results.find((x) => x.message.attrs.id === id);
      ctx.require(
        r?.stamp !== undefined,
        "the message is not archived with a <delay/> (both SHOULDs, §6.1.1, §4.2)",
      );
      const stamp = Date.parse(r?.stamp ?? "");
      if (Number.isNaN(stamp))
        throw new Violation(`the stamp '${r?.stamp ?? ""}' is not a XEP-0082 DateTime`);
      if (stamp < sentAt - CLOCK_SKEW_MS || stamp > receivedAt + CLOCK_SKEW_MS)
        throw new Violation(
          `the stamp ${r?.stamp ?? ""} is not when the message came (between ${new Date(sentAt).toISOString()} and ${new Date(receivedAt).toISOString()}, give or take ten minutes of clock skew)`,
        );
    },
  },
  {
    id: "xep0313/4.3.2/empty-archive",
    title: "a query of an empty archive: no results, complete='true', a <set/> without <first/> or <last/>",
    requirements: ["XEP0313-4.3.2-4", "XEP0059-2.2-5", "XEP0059-2.2-16", "XEP0059-2.7-3"],
    needs: FRESH_ARCHIVE,
    users: ["alice:online"],
    async run(ctx, { alice }) {
      await requireMam(ctx, alice);
      const page = await mamQuery(alice, { max: 10 });
      if (page.results.length > 0)
        throw new Violation(`a fresh account's archive returned ${page.results.length} results`);
      if (!page.complete)
        throw new Violation("the <fin/> of the empty archive's only page is not complete='true'");
      if (page.set.first !== undefined || page.set.last !== undefined)
        throw new Violation(
          "the <set/> of an empty page holds <first/> or <last/> (XEP-0059 §2.2: MUST NOT)",
        );
    },
  },
  {
    id: "xep0313/4.3.2/unpaged-query-complete",
    title: "a query of a five-message archive without <max/> returns them all, complete='true'",
    requirements: ["XEP0313-4.3.2-4", "XEP0313-4.1.1-3"],
    needs: FRESH_ARCHIVE,
    users: ["alice:online", "bob:online"],
    async run(ctx, { alice, bob }) {
      await requireMam(ctx, alice);
      const sent = await sendMany(ctx, bob, alice, 5);
      const page = await mamQuery(alice);
      const ids = new Set(page.results.map((r) => r.message.attrs.id));
      ctx.require(
        sent.some((s) => ids.has(s.id)),
        "nothing is archived (§6.1.1 is a SHOULD)",
      );
      const missing = sent.filter((s) => !ids.has(s.id));
      if (missing.length > 0)
        throw new Violation(`the query without 'with' or times left out ${missing.length} of the 5 messages`);
      if (!page.complete)
        throw new Violation("all five came in one page, and its <fin/> is not complete='true'");
    },
  },
]);

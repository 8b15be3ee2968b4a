// XEP-0313 §4.3.2 Requesting pages, with the XEP-0059 rules the pages follow: complete='true' on the
// last page only, <first/> and <last/> naming the page's ends, an empty page after the last item,
// pages asked for at any time, by index, and item-not-found for an id the archive does not hold.
import { Violation } from "../../harness/errors.ts";
import {
  assertStanzaError,
  type CaseContext,
  type Client,
  FRESH_ARCHIVE,
  fillArchive,
  idsOf,
  mamAsk,
  mamQuery,
  section,
  walkArchive,
} from "../kit/index.ts";

export default section("xep0313", "4.3.2", "Requesting pages", [
  {
    id: "xep0313/4.3.2/complete-on-last-page-only",
    title: "paging 30 messages 10 at a time: complete='true' on the last page and on no other",
    requirements: ["XEP0313-4.3.2-4", "XEP0313-4.3.2-5"],
    needs: FRESH_ARCHIVE,
    users: ["alice:online", "bob:online"],
    async run(ctx, { alice, bob }) {
      const sent = await fillArchive(ctx, alice, bob, 30);
      const walk = await walkArchive(alice, 10, { limit: 10 });
      const early = walk.pages.slice(0, -1).findIndex((p) => p.complete);
      if (early >= 0)
        throw new Violation(`page ${early + 1} of ${walk.pages.length} is marked complete='true'`);
      const last = walk.pages.at(-1);
      if (!last?.complete)
        throw new Violation(
          `the walk ended at an empty page ${walk.pages.length}, no page was complete='true'`,
        );
      // the complete page must be the last: every archived message came before it
      const got = new Set(walk.results.map((r) => r.message.attrs.id));
      const left = sent.filter((m) => !got.has(m.id)).length;
      if (left > 0 && walk.pages.length > 0)
        throw new Violation(
          `page ${walk.pages.length} is complete='true' with ${left} of the 30 messages still to come`,
        );
    },
  },
  {
    id: "xep0313/4.3.2/first-last-every-page",
    title: "every page's <first/> and <last/> name its first and last result",
    requirements: ["XEP0059-2.2-3"],
    needs: FRESH_ARCHIVE,
    users: ["alice:online", "bob:online"],
    async run(ctx, { alice, bob }) {
      await fillArchive(ctx, alice, bob, 23);
      const walk = await walkArchive(alice, 7);
      for (const [n, page] of walk.pages.entries()) {
        const ids = idsOf(page.results);
        if (ids.length === 0) continue;
        if (page.set.first !== ids[0] || page.set.last !== ids.at(-1))
          throw new Violation(
            `page ${n + 1}: <first/> '${page.set.first ?? "(none)"}' and <last/> '${page.set.last ?? "(none)"}', the page ran from '${ids[0]}' to '${ids.at(-1)}'`,
          );
      }
    },
  },
  {
    id: "xep0313/4.3.2/single-item-page",
    title: "a page of one item: its <first/> and <last/> are the same id",
    requirements: ["XEP0059-2.2-4", "XEP0059-2.2-3"],
    needs: FRESH_ARCHIVE,
    users: ["alice:online", "bob:online"],
    async run(ctx, { alice, bob }) {
      await fillArchive(ctx, alice, bob, 3);
      const page = await mamQuery(alice, { max: 1 });
      const [only] = idsOf(page.results);
      if (page.set.first !== only || page.set.last !== only)
        throw new Violation(
          `the one-item page of '${only}' has <first/> '${page.set.first ?? "(none)"}' and <last/> '${page.set.last ?? "(none)"}'`,
        );
    },
  },
  {
    id: "xep0313/4.3.2/empty-page-after-last",
    title: "<after/> the archive's last id: no results, no <first/> or <last/>, complete='true'",
    requirements: ["XEP0059-2.2-5", "XEP0313-4.3.2-4"],
    needs: FRESH_ARCHIVE,
    users: ["alice:online", "bob:online"],
    async run(ctx, { alice, bob }) {
      await fillArchive(ctx, alice, bob, 4);
      const all = await mamQuery(alice, { max: 10 });
      const last = idsOf(all.results).at(-1) ?? "";
      const page = await mamQuery(alice, { max: 10, after: last });
      if (page.results.length > 0)
        throw new Violation(`after the last id came ${page.results.length} results`);
      if (page.set.first !== undefined || page.set.last !== undefined)
        throw new Violation("the empty page's <set/> holds <first/> or <last/> (XEP-0059 §2.2: MUST NOT)");
      if (!page.complete) throw new Violation("the empty page after the last id is not complete='true'");
    },
  },
  {
    id: "xep0313/4.3.2/page-from-any-id",
    title: "a page asked for <after/> the 7th id, without walking there, starts at the 8th message",
    requirements: ["XEP0313-4.3.2-2", "XEP0059-2.2-14"],
    needs: FRESH_ARCHIVE,
    users: ["alice:online", "bob:online"],
    async run(ctx, { alice, bob }) {
      await fillArchive(ctx, alice, bob, 15);
      const all = await mamQuery(alice, { max: 15 });
      const ids = idsOf(all.results);
      ctx.require(ids.length >= 12, "fewer than 12 of the 15 messages are archived");
      const page = await mamQuery(alice, { max: 5, after: ids[6] });
      const got = idsOf(page.results);
      if (got.join() !== ids.slice(7, 7 + got.length).join() || got.length === 0)
        throw new Violation(
          `after '${ids[6]}' came ${got.join(", ") || "nothing"}; due: ${ids.slice(7, 12).join(", ")}`,
        );
    },
  },
  {
    id: "xep0313/4.3.2/count-and-index",
    title:
      "a page's <set/> gives the <count/> of the result set and the index of <first/> (0 on the first page)",
    requirements: ["XEP0059-2.2-8", "XEP0059-2.2-9", "XEP0059-2.2-11"],
    needs: FRESH_ARCHIVE,
    users: ["alice:online", "bob:online"],
    async run(ctx, { alice, bob }) {
      await fillArchive(ctx, alice, bob, 12);
      const page = await mamQuery(alice, { max: 5 });
      ctx.should(page.set.count !== undefined, "the <set/> holds no <count/> (XEP-0059 §2.2 SHOULD)");
      ctx.should(page.set.firstIndex !== undefined, "the <first/> has no 'index' (XEP-0059 §2.2 SHOULD)");
      if (page.set.firstIndex !== undefined)
        ctx.should(
          page.set.firstIndex === 0,
          `the first page's <first/> has index='${page.set.firstIndex}', not 0`,
        );
    },
  },
  {
    id: "xep0313/4.3.2/page-by-index",
    title:
      "a page asked for by <index>5</index>: its <first/> has index='5' and it starts at the 6th message",
    requirements: ["XEP0059-2.6-7", "XEP0059-2.6-5", "XEP0059-2.6-9"],
    needs: FRESH_ARCHIVE,
    users: ["alice:online", "bob:online"],
    async run(ctx, { alice, bob }) {
      await fillArchive(ctx, alice, bob, 12);
      const all = await mamQuery(alice, { max: 12 });
      const reply = await mamAsk(alice, { max: 3, index: 5 });
      // XEP-0059 §2.6: a server that cannot derive a page from an index MAY say feature-not-implemented
      if (reply.attrs.type === "error") {
        assertStanzaError(reply, ["feature-not-implemented"]);
        return;
      }
      const page = await mamQuery(alice, { max: 3, index: 5 });
      const got = idsOf(page.results);
      // XEP-0313 §4.3.2: the 'index' attribute is optional; where it is given it is the one asked for
      if (page.set.firstIndex !== undefined && page.set.firstIndex !== 5)
        throw new Violation(
          `the <first/> of the page asked for at index 5 has index='${page.set.firstIndex}'`,
        );
      ctx.should(
        got[0] === idsOf(all.results)[5],
        `the page at index 5 starts with '${got[0] ?? "(nothing)"}', the 6th id is '${idsOf(all.results)[5]}' (XEP-0059 §2.6 SHOULD)`,
      );
    },
  },
  {
    id: "xep0313/4.3.2/index-past-end",
    title: "a page asked for at an index past the last item is empty",
    requirements: ["XEP0059-2.6-8", "XEP0059-2.6-9"],
    needs: FRESH_ARCHIVE,
    users: ["alice:online", "bob:online"],
    async run(ctx, { alice, bob }) {
      await fillArchive(ctx, alice, bob, 4);
      const reply = await mamAsk(alice, { max: 3, index: 40 });
      if (reply.attrs.type === "error") {
        assertStanzaError(reply, ["feature-not-implemented"]);
        return;
      }
      const page = await mamQuery(alice, { max: 3, index: 40 });
      if (page.results.length > 0)
        throw new Violation(`the page at index 40 of 4 holds ${page.results.length} results`);
    },
  },
  ...(["after", "before"] as const).map((where) => ({
    id: `xep0313/4.3.2/unknown-${where}-id`,
    title: `a page <${where}/> an id the archive does not hold is answered item-not-found`,
    requirements: ["XEP0313-4.3.2-3", "XEP0059-2.4-1"],
    needs: FRESH_ARCHIVE,
    users: ["alice:online", "bob:online"],
    async run(ctx: CaseContext, { alice, bob }: Record<string, Client>) {
      await fillArchive(ctx, alice, bob, 3);
      const reply = await mamAsk(alice, { max: 5, [where]: "no-such-id-in-this-archive" });
      assertStanzaError(reply, ["item-not-found"]);
    },
  })),
]);

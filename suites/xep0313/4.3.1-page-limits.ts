// XEP-0313 §4.3.1 Page limits: the server MUST support XEP-0059 paging. Over an archive of a few hundred
// messages: <max/> honoured, forward and backward walks that return the archive exactly once, oldest
// first (§4.2), and the last page asked for with an empty <before/> (XEP-0059 §2.5).
import { Violation } from "../../harness/errors.ts";
import {
  FRESH_ARCHIVE,
  fillArchive,
  idsOf,
  type MamResult,
  mamQuery,
  type Sent,
  section,
  walkArchive,
} from "../kit/index.ts";

/** The archive's messages as the walk returned them, checked against the sent ones: each once, in order. */
function assertWholeArchive(results: MamResult[], sent: Sent[], how: string): void {
  const got = results.map((r) => r.message.attrs.id ?? "");
  const ids = idsOf(results);
  if (new Set(ids).size !== ids.length) throw new Violation(`${how} returned an archive id twice`);
  const want = sent.map((s) => s.id);
  const missing = want.filter((id) => !got.includes(id));
  if (missing.length)
    throw new Violation(
      `${how} never returned ${missing.length} of the ${want.length} messages, the first '${missing[0]}'`,
    );
  const order = got.filter((id) => want.includes(id));
  const wrong = order.findIndex((id, i) => id !== want[i]);
  if (wrong >= 0)
    throw new Violation(
      `${how} returned '${order[wrong]}' where '${want[wrong]}' was due (position ${wrong}): not oldest first`,
    );
}

/** bob fills alice's archive with n messages; SKIP-like require when nothing is archived at all. */

export default section("xep0313", "4.3.1", "Page limits", [
  {
    id: "xep0313/4.3.1/max-honoured",
    title: "a query with <max>10</max> over 30 messages returns between 1 and 10 of them",
    requirements: ["XEP0313-4.3.1-1"],
    needs: FRESH_ARCHIVE,
    users: ["alice:online", "bob:online"],
    async run(ctx, { alice, bob }) {
      await fillArchive(ctx, alice, bob, 30);
      const page = await mamQuery(alice, { max: 10 });
      if (page.results.length > 10)
        throw new Violation(`<max>10</max> returned ${page.results.length} results`);
      if (page.complete) throw new Violation("a page of at most 10 of 30 messages is marked complete='true'");
    },
  },
  {
    id: "xep0313/4.3.1/forward-walk-whole-archive",
    title: "paging forwards with <after/> through 200 messages returns each exactly once, oldest first",
    requirements: ["XEP0313-4.3.1-1", "XEP0313-4-1", "XEP0313-4.2-5", "XEP0059-2.2-14"],
    needs: FRESH_ARCHIVE,
    users: ["alice:online", "bob:online"],
    async run(ctx, { alice, bob }) {
      const sent = await fillArchive(ctx, alice, bob, 200);
      const walk = await walkArchive(alice, 25);
      assertWholeArchive(walk.results, sent, `the forward walk (${walk.pages.length} pages of 25)`);
    },
  },
  {
    id: "xep0313/4.3.1/backward-walk-whole-archive",
    title: "paging backwards with <before/> from the last page through 60 messages returns each exactly once",
    requirements: ["XEP0313-4.3.1-1", "XEP0059-2.3-2", "XEP0313-4.2-5"],
    needs: FRESH_ARCHIVE,
    users: ["alice:online", "bob:online"],
    async run(ctx, { alice, bob }) {
      const sent = await fillArchive(ctx, alice, bob, 60);
      const walk = await walkArchive(alice, 25, { backwards: true });
      assertWholeArchive(walk.results, sent, `the backward walk (${walk.pages.length} pages of 25)`);
    },
  },
  {
    id: "xep0313/4.3.1/last-page",
    title: "an empty <before/> with <max>10</max> returns the last 10 of 30 messages, oldest first",
    requirements: ["XEP0313-4.3.1-1", "XEP0059-2.5-1", "XEP0313-4.2-5"],
    needs: FRESH_ARCHIVE,
    users: ["alice:online", "bob:online"],
    async run(ctx, { alice, bob }) {
      const sent = await fillArchive(ctx, alice, bob, 30);
      const page = await mamQuery(alice, { max: 10, before: "" });
      const got = page.results.map((r) => r.message.attrs.id ?? "");
      const want = sent.slice(-got.length).map((s) => s.id);
      if (got.length === 0) throw new Violation("the last page is empty");
      if (got.join() !== want.join())
        throw new Violation(
          `the last page holds ${got.slice(0, 3).join(", ")}…; the last ${got.length} sent were ${want.slice(0, 3).join(", ")}…`,
        );
    },
  },
]);

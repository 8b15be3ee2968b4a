// XEP-0313 §8.1 Data privacy: another user's archive is not readable (an error, SHOULD be forbidden), and
// the user can keep messages out of the archive (§8.1 SHOULD; the mechanism: XEP-0441 preferences in
// the urn:xmpp:mam:2 namespace, default always/never/roster with always and never lists).
import { Violation } from "../../harness/errors.ts";
import { stanzaError } from "../../harness/match.ts";
import {
  archivedCopy,
  type CaseContext,
  FRESH_ARCHIVE,
  mamAsk,
  mamQuery,
  NS_MAM,
  requireMam,
  rosterSet,
  section,
  sendMany,
  takeResults,
  type Users,
  uid,
  xml,
} from "../kit/index.ts";

interface PrefsRow {
  slug: string;
  title: string;
  default: "always" | "never" | "roster";
  always?: "bob";
  never?: "bob";
  /** Is bob's, and carol's, message archived under these preferences? */
  bob: boolean;
  carol: boolean;
}

const PREFS: PrefsRow[] = [
  {
    slug: "prefs-default-never",
    title: "default 'never': nothing is archived",
    default: "never",
    bob: false,
    carol: false,
  },
  {
    slug: "prefs-never-jid",
    title: "default 'always' with bob in <never/>: bob's message is not archived, carol's is",
    default: "always",
    never: "bob",
    bob: false,
    carol: true,
  },
  {
    slug: "prefs-always-jid",
    title: "default 'never' with bob in <always/>: bob's message is archived, carol's is not",
    default: "never",
    always: "bob",
    bob: true,
    carol: false,
  },
  {
    slug: "prefs-roster",
    title: "default 'roster': bob, in alice's roster, is archived; carol, not in it, is not",
    default: "roster",
    bob: true,
    carol: false,
  },
];

function prefsIq(row: PrefsRow, bob: string): ReturnType<typeof xml> {
  const list = (name: "always" | "never") => xml(name, {}, ...(row[name] ? [xml("jid", {}, bob)] : []));
  return xml(
    "iq",
    { type: "set", id: `prefs-${uid()}` },
    xml("prefs", { xmlns: NS_MAM, default: row.default }, list("always"), list("never")),
  );
}

async function underPrefs(ctx: CaseContext, { alice, bob, carol }: Users, row: PrefsRow): Promise<void> {
  await requireMam(ctx, alice);
  const got = await ctx.setUp("alice reads her archiving preferences", () =>
    alice.iq(xml("iq", { type: "get", id: `prefs-${uid()}` }, xml("prefs", { xmlns: NS_MAM }))),
  );
  ctx.require(
    got.attrs.type === "result",
    "the account has no archiving preferences (XEP-0441; §8.1 is a SHOULD)",
  );
  if (row.default === "roster")
    await ctx.setUp("alice puts bob in her roster", () =>
      alice.iqResult(rosterSet(bob.bare), "the roster set"),
    );
  await ctx.setUp(`alice sets default='${row.default}'`, () =>
    alice.iqResult(prefsIq(row, bob.bare), "the preferences"),
  );
  const [fromBob] = await sendMany(ctx, bob, alice, 1);
  const [fromCarol] = await sendMany(ctx, carol, alice, 1);
  const { results } = await mamQuery(alice);
  for (const [who, sent, want] of [
    ["bob", fromBob, row.bob],
    ["carol", fromCarol, row.carol],
  ] as const) {
    const archived = archivedCopy(results, sent) !== undefined;
    ctx.should(
      archived === want,
      `under default='${row.default}'${row.always ? " always=bob" : ""}${row.never ? " never=bob" : ""} ${who}'s message is ${archived ? "" : "not "}archived`,
    );
  }
}

export default section("xep0313", "8.1", "Data privacy", [
  {
    id: "xep0313/8.1/other-archive-forbidden",
    title:
      "a query of another user's archive returns none of his conversations with others; an error, SHOULD be forbidden",
    requirements: ["XEP0313-8.1-1", "XEP0313-8.1-3"],
    needs: FRESH_ARCHIVE,
    users: ["alice:online", "bob:online", "carol:online"],
    async run(ctx, { alice, bob, carol }) {
      await requireMam(ctx, bob);
      const theirs = await sendMany(ctx, carol, bob, 2);
      const reply = await mamAsk(alice, { to: bob.bare });
      await alice.barrier();
      const got = takeResults(alice, () => true);
      const leaked = got.filter((r) => theirs.some((m) => m.id === r.message.attrs.id));
      if (leaked.length > 0)
        throw new Violation(`alice got ${leaked.length} of carol's messages to bob out of bob's archive`);
      // who else may read which part of an archive is the server's to decide (§8.1: administrators MAY)
      const condition = stanzaError(reply)?.condition;
      ctx.should(
        reply.attrs.type === "error" && condition === "forbidden",
        `alice's query of ${bob.bare}'s archive was answered type='${reply.attrs.type ?? ""}'${condition ? ` <${condition}/>` : ""}, not a <forbidden/> error (§8.1)`,
      );
    },
  },
  ...PREFS.map((row) => ({
    id: `xep0313/8.1/${row.slug}`,
    title: row.title,
    requirements: ["XEP0313-8.1-4"],
    needs: FRESH_ARCHIVE,
    users: ["alice:online", "bob:online", "carol:online"],
    run: (ctx: CaseContext, users: Users) => underPrefs(ctx, users, row),
  })),
]);

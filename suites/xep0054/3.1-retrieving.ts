// XEP-0054 §3.1 Retrieving One's vCard: what the server answers for the user's own vCard, before any is
// stored (an error, which SHOULD be item-not-found, or an empty <vCard/>) and after (the stored vCard).
import { Violation } from "../../harness/errors.ts";
import {
  assertCardHolds,
  type CaseContext,
  type CaseSpec,
  type Client,
  cardOf,
  clip,
  missingFields,
  requireVcard,
  sampleCard,
  section,
  stanzaErrorCondition,
  storeCard,
  uid,
  vcardGet,
} from "../kit/index.ts";

/** Where the user reads back the vCard it stored: every way must return it (§3.1 rule 1). */
interface Read {
  slug: string;
  title: string;
  /** The session that reads and the 'to' of its get (undefined: none). */
  reader(ctx: CaseContext, alice: Client): Promise<{ reader: Client; to?: string }>;
}

const READS: Read[] = [
  {
    slug: "own-returns-stored",
    title: "after a vCard set, a get without 'to' returns the vCard with every stored field unchanged",
    reader: async (_ctx, alice) => ({ reader: alice }),
  },
  {
    slug: "own-bare-jid-returns-stored",
    title: "a get addressed to the user's own bare JID returns the stored vCard like one without 'to'",
    reader: async (_ctx, alice) => ({ reader: alice, to: alice.bare }),
  },
  {
    slug: "own-from-other-session",
    title: "the vCard one session stored is what another session of the same account retrieves",
    reader: async (ctx, _alice) => ({
      reader: await ctx.setUp("alice logs in a second session", () => ctx.login("alice")),
    }),
  },
];

function readCase(row: Read): CaseSpec {
  return {
    id: `xep0054/3.1/${row.slug}`,
    title: row.title,
    requirements: ["XEP0054-3.1-1"],
    users: ["alice"],
    async run(ctx, { alice }) {
      await requireVcard(ctx, alice);
      const card = sampleCard(uid());
      await storeCard(ctx, alice, card);
      const { reader, to } = await row.reader(ctx, alice);
      assertCardHolds(await reader.iq(vcardGet(to)), card, `alice's vCard read back (${row.slug})`);
    },
  };
}

export default section("xep0054", "3.1", "Retrieving One's vCard", [
  {
    id: "xep0054/3.1/own-missing-error-or-empty",
    title:
      "a new account's own vCard get is answered with an error (SHOULD be item-not-found) or an IQ-result holding an empty <vCard/>",
    requirements: ["XEP0054-3.1-2"],
    needs: ["new-accounts"], // no vCard stored yet
    users: ["alice"],
    async run(ctx, { alice }) {
      await requireVcard(ctx, alice);
      const reply = await alice.iq(vcardGet());
      if (reply.attrs.type === "error") {
        const condition = stanzaErrorCondition(reply);
        ctx.should(
          condition === "item-not-found",
          `the error for a missing vCard should be <item-not-found/>, got <${condition ?? "none"}/>`,
        );
        return;
      }
      const card = cardOf(reply);
      if (!card) throw new Violation(`the result carries no <vCard/> at all: ${clip(reply)}`);
      if (card.getChildElements().length > 0)
        throw new Violation(`no vCard was stored, yet the result's <vCard/> is not empty: ${clip(card)}`);
    },
  },
  {
    id: "xep0054/3.1/own-set-replaces",
    title:
      "a second vCard set replaces the first whole: the get returns the second's fields, not a field only the first had",
    requirements: ["XEP0054-3.1-1"],
    users: ["alice"],
    async run(ctx, { alice }) {
      await requireVcard(ctx, alice);
      const first = sampleCard(`a${uid()}`);
      const second = sampleCard(`b${uid()}`, { desc: false });
      await storeCard(ctx, alice, first);
      await storeCard(ctx, alice, second);
      const card = assertCardHolds(await alice.iq(vcardGet()), second, "alice's vCard after two sets");
      // §3.2: "the entire vCard must be sent to the server in order to update any part of the vCard"
      const stale = missingFields(card, first).length < first.getChildElements().length - 1;
      if (card.getChild("DESC") || stale)
        throw new Violation(`the vCard still holds fields of the replaced one: ${clip(card)}`);
    },
  },
  ...READS.map(readCase),
]);

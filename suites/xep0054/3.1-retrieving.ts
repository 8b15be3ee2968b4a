// XEP-0054 §3.1 Retrieving One's vCard: what the server answers for the user's own vCard, before any is
// stored (an error, which SHOULD be item-not-found, or an empty <vCard/>) and after (the stored vCard).
import { Violation } from "../../harness/errors.ts";
import {
  assertCardHolds,
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

export default section("xep0054", "3.1", "Retrieving One's vCard", [
  {
    id: "xep0054/3.1/own-missing-error-or-empty",
    title:
      "a new account's own vCard get is answered with an error (SHOULD be item-not-found) or an IQ-result holding an empty <vCard/>",
    requirements: ["XEP0054-3.1-2"],
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
    id: "xep0054/3.1/own-returns-stored",
    title: "after a vCard set, a get without 'to' returns the vCard with every stored field unchanged",
    requirements: ["XEP0054-3.1-1"],
    users: ["alice"],
    async run(ctx, { alice }) {
      await requireVcard(ctx, alice);
      const card = sampleCard(uid());
      await storeCard(ctx, alice, card);
      assertCardHolds(await alice.iq(vcardGet()), card, "alice's own vCard");
    },
  },
  {
    id: "xep0054/3.1/own-bare-jid-returns-stored",
    title: "a get addressed to the user's own bare JID returns the stored vCard like one without 'to'",
    requirements: ["XEP0054-3.1-1"],
    users: ["alice"],
    async run(ctx, { alice }) {
      await requireVcard(ctx, alice);
      const card = sampleCard(uid());
      await storeCard(ctx, alice, card);
      assertCardHolds(await alice.iq(vcardGet(alice.bare)), card, "alice's vCard at her bare JID");
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
  {
    id: "xep0054/3.1/own-from-other-session",
    title: "the vCard one session stored is what another session of the same account retrieves",
    requirements: ["XEP0054-3.1-1"],
    users: ["alice"],
    async run(ctx, { alice }) {
      await requireVcard(ctx, alice);
      const card = sampleCard(uid());
      await storeCard(ctx, alice, card);
      const other = await ctx.setUp("alice logs in a second session", () => ctx.login("alice"));
      assertCardHolds(await other.iq(vcardGet()), card, "alice's vCard read by her second session");
    },
  },
]);

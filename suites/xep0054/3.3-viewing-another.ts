// XEP-0054 §3.3 Viewing Another User's vCard: the server answers a get to the user's bare JID itself
// (never forwarding it to a resource), and a missing vCard or account gets service-unavailable, the
// same condition in both cases.
import { Violation } from "../../harness/errors.ts";
import {
  assertCardHolds,
  clip,
  ownView,
  requireVcard,
  sampleCard,
  section,
  stanzaErrorCondition,
  storeCard,
  uid,
  vcardGet,
} from "../kit/index.ts";

export default section("xep0054", "3.3", "Viewing Another User's vCard", [
  {
    id: "xep0054/3.3/other-answered-by-server",
    title:
      "a get to an online user's bare JID is answered by the server with the stored vCard, and the user's resource never sees it",
    requirements: ["XEP0054-3.3-1"],
    users: ["alice", "bob:available"],
    async run(ctx, { alice, bob }) {
      await requireVcard(ctx, alice);
      await storeCard(ctx, bob, sampleCard(uid()));
      const card = await ownView(ctx, bob);
      const get = vcardGet(bob.bare);
      const id = get.attrs.id ?? "";
      const reply = alice.iq(get);
      reply.catch(() => {});
      const forwarded = bob.expect({ name: "iq", id });
      forwarded.catch(() => {});
      const got = await Promise.race([reply, forwarded.then(() => undefined)]);
      if (got === undefined)
        throw new Violation("the vCard get to bob's bare JID was forwarded to bob's resource");
      assertCardHolds(got, card, "bob's vCard as alice gets it");
      await bob.expectNothing({ name: "iq", id }, "bob's resource must not get alice's vCard request");
    },
  },
  {
    id: "xep0054/3.3/other-offline-answered",
    title: "a get to the bare JID of a user with no connected resource is answered with the stored vCard",
    requirements: ["XEP0054-3.3-1"],
    users: ["alice", "bob"],
    async run(ctx, { alice, bob }) {
      await requireVcard(ctx, alice);
      await storeCard(ctx, bob, sampleCard(uid()));
      const card = await ownView(ctx, bob);
      await ctx.setUp("bob logs out", () => bob.close());
      assertCardHolds(await alice.iq(vcardGet(bob.bare)), card, "offline bob's vCard as alice gets it");
    },
  },
  {
    id: "xep0054/3.3/other-missing-vcard-service-unavailable",
    title: "a get of another user's vCard when none is stored gets a stanza error, <service-unavailable/>",
    requirements: ["XEP0054-3.3-2", "XEP0054-3.3-5"],
    needs: ["new-accounts"], // no vCard stored yet
    users: ["alice", "bob"],
    async run(ctx, { alice, bob }) {
      await requireVcard(ctx, alice);
      const reply = await alice.iq(vcardGet(bob.bare));
      if (reply.attrs.type !== "error")
        throw new Violation(`bob has no vCard, yet the get was not answered with an error: ${clip(reply)}`);
      const condition = stanzaErrorCondition(reply);
      if (condition !== "service-unavailable")
        throw new Violation(
          `expected <service-unavailable/> for a missing vCard, got <${condition ?? "none"}/>`,
        );
    },
  },
  {
    id: "xep0054/3.3/missing-account-service-unavailable",
    title: "a get of the vCard of an account that does not exist gets a stanza error, <service-unavailable/>",
    requirements: ["XEP0054-3.3-2", "XEP0054-3.3-4"],
    users: ["alice"],
    async run(ctx, { alice }) {
      await requireVcard(ctx, alice);
      const reply = await alice.iq(vcardGet(`nobody-${uid()}@${ctx.domain}`));
      if (reply.attrs.type !== "error")
        throw new Violation(`the account does not exist, yet the get was not refused: ${clip(reply)}`);
      const condition = stanzaErrorCondition(reply);
      if (condition !== "service-unavailable")
        throw new Violation(
          `expected <service-unavailable/> for a missing account, got <${condition ?? "none"}/>`,
        );
    },
  },
  {
    id: "xep0054/3.3/missing-vcard-and-account-same-error",
    title: "a missing vCard and a missing account get the same error condition (no directory harvesting)",
    requirements: ["XEP0054-3.3-3"],
    needs: ["new-accounts"], // no vCard stored yet
    users: ["alice", "bob"],
    async run(ctx, { alice, bob }) {
      await requireVcard(ctx, alice);
      const noCard = await alice.iq(vcardGet(bob.bare));
      const noAccount = await alice.iq(vcardGet(`nobody-${uid()}@${ctx.domain}`));
      const a = noCard.attrs.type === "error" ? stanzaErrorCondition(noCard) : `a ${noCard.attrs.type} reply`;
      const b =
        noAccount.attrs.type === "error"
          ? stanzaErrorCondition(noAccount)
          : `a ${noAccount.attrs.type} reply`;
      if (a !== b)
        throw new Violation(`a missing vCard got <${a ?? "none"}/> but a missing account <${b ?? "none"}/>`);
    },
  },
]);

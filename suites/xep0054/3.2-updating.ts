// XEP-0054 §3.2 Updating One's vCard: only the owner sets it; a set addressed to anyone else's JID is
// refused with a stanza error (SHOULD be forbidden or not-allowed), and the other vCard stays as it was.
import { Violation } from "../../harness/errors.ts";
import {
  assertCardHolds,
  cardOf,
  clip,
  missingFields,
  NS,
  ownView,
  requireVcard,
  sampleCard,
  section,
  stanzaErrorCondition,
  storeCard,
  uid,
  vcardGet,
  vcardSet,
  xml,
} from "../kit/index.ts";

export default section("xep0054", "3.2", "Updating One's vCard", [
  {
    id: "xep0054/3.2/set-other-bare-refused",
    title:
      "a vCard set addressed to another user's bare JID gets a stanza error (SHOULD be forbidden or not-allowed) and leaves that user's vCard as it was",
    requirements: ["XEP0054-3.2-1"],
    users: ["alice", "bob"],
    async run(ctx, { alice, bob }) {
      await requireVcard(ctx, alice);
      await storeCard(ctx, bob, sampleCard(`b${uid()}`));
      const before = await ownView(ctx, bob);
      const reply = await alice.iq(vcardSet(sampleCard(`a${uid()}`), bob.bare));
      if (reply.attrs.type !== "error")
        throw new Violation(`alice's vCard set to bob's bare JID was not refused: ${clip(reply)}`);
      const condition = stanzaErrorCondition(reply) ?? "none";
      ctx.should(
        condition === "forbidden" || condition === "not-allowed",
        `the refusal should be <forbidden/> or <not-allowed/>, got <${condition}/>`,
      );
      assertCardHolds(await bob.iq(vcardGet()), before, "bob's vCard after alice's refused set");
    },
  },
  {
    id: "xep0054/3.2/set-other-full-jid-not-stored",
    title:
      "a vCard set addressed to another user's full JID is not taken as a set of that user's vCard: no result from the server, the vCard unchanged",
    requirements: ["XEP0054-3.2-1"],
    users: ["alice", "bob"],
    async run(ctx, { alice, bob }) {
      await requireVcard(ctx, alice);
      ctx.reading("I-XEP0054-full-jid-set");
      await storeCard(ctx, bob, sampleCard(`b${uid()}`));
      const before = await ownView(ctx, bob);
      const sent = vcardSet(sampleCard(`a${uid()}`), bob.full);
      const id = sent.attrs.id ?? "";
      // RFC 6120 §10.5.4 delivers it to bob's resource; XEP-0054 §3.2 has the server refuse it: either
      // way bob's vCard is untouched, and a result can only come from bob's client, which refuses here.
      const delivered = bob.expect({ name: "iq", id, type: "set" });
      delivered.catch(() => {});
      const reply = alice.iq(sent);
      const first = await Promise.race([reply, delivered.then(() => undefined)]);
      if (first === undefined) {
        const got = await delivered;
        const refusal = xml("error", { type: "cancel" }, xml("not-allowed", { xmlns: NS.stanzas }));
        await bob.send(xml("iq", { type: "error", id, to: got.attrs.from ?? alice.full }, refusal));
      }
      const answer = await reply;
      if (answer.attrs.type === "result")
        throw new Violation(`the server answered the set to bob's full JID with a result: ${clip(answer)}`);
      const card = cardOf(await bob.iq(vcardGet()));
      if (!card || missingFields(card, before).length)
        throw new Violation(`bob's vCard changed after alice's set to his full JID: ${clip(card ?? "none")}`);
    },
  },
]);

// XEP-0191 §3.3, the user's own stanzas to a JID the user blocked: not routed, refused with
// <not-acceptable/> carrying <blocked xmlns='urn:xmpp:blocking:errors'/>.
import {
  assertBlockedError,
  blockJids,
  type CaseContext,
  type Client,
  type Element,
  message,
  nothingFrom,
  ping,
  presence,
  requireBlocking,
  section,
  uid,
} from "../kit/index.ts";

/** Alice blocks `item`, sends `stanza` (carrying an id) to bob: refused with <blocked/>, never delivered. */
async function outboundRefused(ctx: CaseContext, alice: Client, bob: Client, item: string, stanza: Element) {
  await requireBlocking(ctx, alice);
  await blockJids(ctx, alice, "block", [item]);
  const id = stanza.attrs.id ?? "";
  const refusal = alice.expect({ name: stanza.name, id, type: "error" });
  await alice.send(stanza);
  assertBlockedError(await refusal);
  await nothingFrom(
    alice,
    bob,
    { name: stanza.name, id, where: (el) => el.attrs.type !== "error", what: "other than an error" },
    "the server routed the user's stanza to a JID the user blocked",
  );
}

export default section("xep0191", "3.3", "User Blocks JID", [
  {
    id: "xep0191/3.3/outbound-message-refused",
    title: "the user's message to a blocked JID is refused with <not-acceptable/> and <blocked/>, not routed",
    requirements: ["XEP0191-3.3-11"],
    users: ["alice:online", "bob:online"],
    run: (ctx, { alice, bob }) =>
      outboundRefused(ctx, alice, bob, bob.bare, message(bob.bare, "hi", { id: `out-${uid()}` })),
  },
  {
    id: "xep0191/3.3/outbound-to-resource-refused",
    title: "with a bare JID blocked, the user's message to one of its resources is refused with <blocked/>",
    requirements: ["XEP0191-3.3-11"],
    users: ["alice:online", "bob:online"],
    run: (ctx, { alice, bob }) =>
      outboundRefused(ctx, alice, bob, bob.bare, message(bob.full, "hi", { id: `out-${uid()}` })),
  },
  {
    id: "xep0191/3.3/outbound-iq-refused",
    title: "the user's IQ request to a blocked JID is refused with <not-acceptable/> and <blocked/>",
    requirements: ["XEP0191-3.3-11"],
    users: ["alice:online", "bob:online"],
    run: (ctx, { alice, bob }) => outboundRefused(ctx, alice, bob, bob.bare, ping(bob.full, `out-${uid()}`)),
  },
  {
    id: "xep0191/3.3/outbound-presence-refused",
    title: "the user's directed presence to a blocked JID is refused with <not-acceptable/> and <blocked/>",
    requirements: ["XEP0191-3.3-11"],
    users: ["alice:online", "bob:online"],
    run: (ctx, { alice, bob }) =>
      outboundRefused(
        ctx,
        alice,
        bob,
        bob.bare,
        presence({ to: bob.full, id: `out-${uid()}`, status: "hi" }),
      ),
  },
]);

// XEP-0191 §3.2: the user retrieves the blocklist: empty, or one <item/> per blocked JID.
import { Violation } from "../../harness/errors.ts";
import {
  assertSameJids,
  blockJids,
  blocklistGet,
  blocklistOf,
  NS_BLOCKING,
  requireBlocking,
  section,
} from "../kit/index.ts";

export default section("xep0191", "3.2", "User Retrieves Block List", [
  {
    id: "xep0191/3.2/empty-blocklist",
    title: "a user who blocked nothing gets an IQ result with an empty <blocklist/>",
    requirements: ["XEP0191-3.2-2"],
    users: ["alice"],
    async run(ctx, { alice }) {
      await requireBlocking(ctx, alice);
      const reply = await alice.iqResult(blocklistGet(), "the blocklist request");
      const list = reply.getChild("blocklist", NS_BLOCKING);
      if (!list) throw new Violation(`the blocklist result carries no <blocklist/>: ${reply.toString()}`);
      if (list.getChildElements().length > 0)
        throw new Violation(`a fresh account's <blocklist/> is not empty: ${list.toString()}`);
    },
  },
  {
    id: "xep0191/3.2/blocklist-lists-blocked",
    title: "after blocking two JIDs the blocklist holds one <item/> for each",
    requirements: ["XEP0191-3.2-1"],
    users: ["alice", "bob", "carol"],
    async run(ctx, { alice, bob, carol }) {
      await requireBlocking(ctx, alice);
      await blockJids(ctx, alice, "block", [bob.bare]);
      await blockJids(ctx, alice, "block", [carol.bare]);
      assertSameJids(await blocklistOf(alice), [bob.bare, carol.bare], "the blocklist");
    },
  },
  {
    id: "xep0191/3.2/blocklist-keeps-item-forms",
    title: "a full JID and a domain blocked show in the blocklist as the items they are",
    requirements: ["XEP0191-3.2-1"],
    users: ["alice", "bob"],
    async run(ctx, { alice, bob }) {
      await requireBlocking(ctx, alice);
      const domain = `blocked-${Date.now().toString(36)}.example`;
      await blockJids(ctx, alice, "block", [bob.full, domain]);
      assertSameJids(await blocklistOf(alice), [bob.full, domain], "the blocklist");
    },
  },
]);

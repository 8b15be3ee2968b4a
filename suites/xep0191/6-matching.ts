// XEP-0191 §6 (as XEP-0016): <user@domain/resource> matches that resource only, <user@domain> any of its
// resources, <domain> the domain and every JID at it. The order is a SHOULD: misses WARN.
import { stanzaError } from "../../harness/match.ts";
import {
  assertBlockedError,
  blockJids,
  message,
  remoteMessageDelivered,
  requireBlocking,
  section,
  uid,
} from "../kit/index.ts";

export default section("xep0191", "6", "JID Matching", [
  {
    id: "xep0191/6/full-jid-item-spares-other-resources",
    title: "a blocked full JID should not hold messages from another resource of the same account",
    requirements: ["XEP0191-6-1"],
    users: ["alice:online", "bob:online"],
    async run(ctx, { alice, bob }) {
      await requireBlocking(ctx, alice);
      const second = await ctx.login("bob", "online");
      await blockJids(ctx, alice, "block", [bob.full]);
      const id = `other-${uid()}`;
      await second.send(message(alice.full, "from my other resource", { id }));
      await second.barrier();
      const got = (await alice.barrier()).some((el) => el.name === "message" && el.attrs.id === id);
      ctx.should(got, `blocking ${bob.full} should not hold messages from ${second.full}`);
    },
  },
  {
    id: "xep0191/6/bare-item-spares-other-users",
    title: "a blocked bare JID should not hold messages from another user of its domain",
    requirements: ["XEP0191-6-1"],
    users: ["alice:online", "bob:online", "carol:online"],
    async run(ctx, { alice, bob, carol }) {
      await requireBlocking(ctx, alice);
      await blockJids(ctx, alice, "block", [bob.bare]);
      const id = `carol-${uid()}`;
      await carol.send(message(alice.full, "not blocked", { id }));
      await carol.barrier();
      const got = (await alice.barrier()).some((el) => el.name === "message" && el.attrs.id === id);
      ctx.should(got, `blocking ${bob.bare} should not hold messages from ${carol.bare}`);
    },
  },
  {
    id: "xep0191/6/domain-item-matches-users",
    title:
      "with a domain blocked, the user's message to an account at that domain is refused with <blocked/>",
    requirements: ["XEP0191-6-1", "XEP0191-3.3-11"],
    needs: ["second-domain"],
    users: ["alice:online"],
    async run(ctx, { alice }) {
      const domain = ctx.target.secondDomain ?? ctx.skip("the target names no second domain");
      await requireBlocking(ctx, alice);
      await blockJids(ctx, alice, "block", [domain]);
      const id = `dom-${uid()}`;
      const reply = alice.expect({ name: "message", id, type: "error" });
      await alice.send(message(`someone@${domain}`, "blocked domain", { id }));
      const error = await reply;
      const refused = stanzaError(error)?.condition === "not-acceptable";
      // the domain matching is a SHOULD; once the server refuses for the block, the refusal's form is a MUST
      if (
        ctx.should(
          refused,
          `a message to someone@${domain} should be refused for the blocked domain, got ${error.toString()}`,
        )
      )
        assertBlockedError(error);
    },
  },
  {
    id: "xep0191/6/domain-item-holds-remote-users",
    title:
      "with another server's domain blocked, a message from a user at that domain should not be delivered",
    requirements: ["XEP0191-6-1"],
    needs: ["s2s"],
    users: ["alice:online", "bob:online"],
    async run(ctx, { alice, bob }) {
      const delivered = await remoteMessageDelivered(ctx, alice, bob, (domain) => domain);
      ctx.should(!delivered, "a blocked domain should match its users, but their message reached the user");
    },
  },
]);

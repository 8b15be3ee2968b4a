// XEP-0030 §8: disco at a bare JID must not leak an account's existence or presence. To a requester the
// account does not share presence with (no 'from'/'both' subscription), and for an account that does not
// exist, disco#info is <service-unavailable/> and disco#items an empty result, node or not.
import { Violation } from "../../harness/errors.ts";
import {
  ANY_STANZA_CONDITION,
  assertAnsweredFor,
  assertItemsResult,
  assertStanzaError,
  type CaseContext,
  freshJid,
  infoReply,
  itemsReply,
  section,
  subscribe,
} from "../kit/index.ts";

export default section("xep0030", "8", "Security Considerations", [
  {
    id: "xep0030/8/stranger-account-info-refused",
    title:
      "disco#info to an account's bare JID from someone it does not share presence with gets <service-unavailable/>",
    requirements: ["XEP0030-8-3", "XEP0030-8-2", "XEP0030-7-1"],
    users: ["alice:online", "bob"],
    async run(_ctx, { alice, bob }) {
      assertStanzaError(await infoReply(bob, alice.bare), ["service-unavailable"]);
    },
  },
  {
    id: "xep0030/8/unknown-account-info",
    title: "disco#info to an account that does not exist gets <service-unavailable/>",
    requirements: ["XEP0030-8-3", "XEP0030-3.1-10", "XEP0030-3.1-11"],
    users: ["alice"],
    async run(ctx, { alice }) {
      assertStanzaError(await infoReply(alice, freshJid(ctx.domain, "nobody")), ["service-unavailable"]);
    },
  },
  {
    id: "xep0030/8/unknown-account-info-node",
    title: "disco#info at a node of an account that does not exist gets <service-unavailable/> too",
    requirements: ["XEP0030-8-3"],
    users: ["alice"],
    async run(ctx, { alice }) {
      const reply = await infoReply(alice, freshJid(ctx.domain, "nobody"), "urn:xmpp:mam:2");
      assertStanzaError(reply, ["service-unavailable"]);
    },
  },
  {
    id: "xep0030/8/stranger-account-items-empty",
    title:
      "disco#items at an account's bare JID from someone it does not share presence with lists none of its resources",
    requirements: ["XEP0030-8-4", "XEP0030-8-2", "XEP0030-4.1-5", "XEP0030-7-3"],
    users: ["alice:online", "bob"],
    async run(_ctx, { alice, bob }) {
      const reply = await itemsReply(bob, alice.bare);
      if (reply.attrs.type !== "result")
        throw new Violation(
          `disco#items to an account must be a (possibly empty) result, got ${reply.toString().slice(0, 200)}`,
        );
      const leaked = assertItemsResult(reply, `disco#items of ${alice.bare}`).filter((i) =>
        i.jid.startsWith(`${alice.bare}/`),
      );
      if (leaked.length)
        throw new Violation(`a stranger was shown alice's resources: ${leaked.map((i) => i.jid).join(", ")}`);
    },
  },
  {
    id: "xep0030/8/unknown-account-items-empty",
    title: "disco#items at an account that does not exist gets an empty result, not an error",
    requirements: ["XEP0030-8-4", "XEP0030-7-3"],
    users: ["alice"],
    async run(ctx, { alice }) {
      const nobody = freshJid(ctx.domain, "nobody");
      const reply = await itemsReply(alice, nobody);
      if (reply.attrs.type !== "result")
        throw new Violation(`expected an empty result, got ${reply.toString().slice(0, 200)}`);
      const items = assertItemsResult(reply, `disco#items of ${nobody}`);
      if (items.length)
        throw new Violation(
          `items listed for an account that does not exist: ${items.map((i) => i.jid).join(", ")}`,
        );
    },
  },
  {
    id: "xep0030/8/subscriber-account-items",
    title:
      "disco#items at an account's bare JID from a presence subscriber is answered by the server (result or error)",
    requirements: ["XEP0030-4.1-6", "XEP0030-4.1-2", "XEP0030-4.1-3"],
    users: ["alice:online", "bob:online"],
    async run(ctx: CaseContext, { alice, bob }) {
      await ctx.setUp("bob subscribes to alice's presence", () => subscribe(bob, alice));
      const reply = await itemsReply(bob, alice.bare);
      assertAnsweredFor(reply, alice.bare);
      // §4.1: "return its list of publicly-available items, or return an error"
      if (reply.attrs.type === "result") assertItemsResult(reply, `disco#items of ${alice.bare}`);
      else assertStanzaError(reply, ANY_STANZA_CONDITION);
    },
  },
]);

// RFC 6121 §8.5: delivery of messages and IQs to local accounts, case by case — full JID, bare JID,
// priorities, offline storage, no such user. The cell-by-cell matrix is 8.5-delivery-matrix.ts.
import { assertStanzaError, markerBarrier, message, messageWithId, NS, section, xml } from "../kit/index.ts";

export default section("rfc6121", "8.5", "Local User", [
  {
    id: "rfc6121/8.5.3.1/message-to-full-jid",
    title: "a message to an available full JID is delivered to that resource, 'to' unchanged",
    requirements: ["RFC6121-8.5.3.1-3"],
    users: ["alice", "bob:available"],
    async run(ctx, { alice, bob }) {
      await alice.send(message(bob.full, "to full", { id: "full-1" }));
      const got = await bob.expect(messageWithId("full-1"));
      ctx.expect(got.getChildText("body")).to.equal("to full");
      ctx.expect(got.attrs.to).to.equal(bob.full);
    },
  },
  {
    id: "rfc6121/8.5.2.1.1/chat-to-bare-jid",
    title: "a chat message to a bare JID with one available resource is delivered to it, 'to' left bare",
    requirements: ["RFC6121-8.5.2.1.1-5", "RFC6121-8.5.2.1.1-13"],
    users: ["alice", "bob:available"],
    async run(ctx, { alice, bob }) {
      const bare = bob.account.jid;
      await alice.send(message(bare, "to bare", { id: "bare-1" }));
      const got = await bob.expect(messageWithId("bare-1"));
      ctx.expect(got.attrs.to?.toLowerCase(), "'to'").to.equal(bare.toLowerCase());
    },
  },
  {
    id: "rfc6121/8.5.2.1.1/highest-priority",
    title:
      "a chat message to a bare JID goes to the highest-priority resource (a lower one should not get it)",
    requirements: ["RFC6121-8.5.2.1.1-6", "RFC6121-8.5.4-2"],
    users: ["alice", "bob:account"],
    async run(ctx, { alice }) {
      const high = await ctx.login("bob", { presence: { priority: 10 } });
      const low = await ctx.login("bob", { presence: { priority: 1 } });
      await alice.send(message(high.account.jid, "priority", { id: "prio-1" }));
      await high.expect(messageWithId("prio-1"));
      await markerBarrier(alice, low);
      // option (b), every non-negative resource, is for resources that opted in to all chat messages
      // (§8.5.4: SHOULD NOT otherwise): a copy at the lower one is a WARN, not a FAIL
      ctx.should(
        !low.inbox.some((el) => el.name === "message" && el.attrs.id === "prio-1"),
        "the lower-priority resource also got the chat message (no opt-in)",
      );
    },
  },
  {
    id: "rfc6121/8.5.2.1.1/negative-priority-not-delivered",
    title: "a message to a bare JID is never delivered to a resource with negative priority",
    requirements: ["RFC6121-8.5.2.1.1-12"],
    users: ["alice", "bob:account"],
    async run(ctx, { alice }) {
      const neg = await ctx.login("bob", { presence: { priority: -1 } });
      await alice.send(message(neg.account.jid, "negative", { id: "neg-1", type: "headline" }));
      await markerBarrier(alice, neg);
      await neg.expectNothing(messageWithId("neg-1"), "a negative-priority resource got a bare-JID message");
    },
  },
  {
    id: "rfc6121/8.5.2.1.1/groupchat-to-bare",
    title: "a groupchat message to a bare JID is not delivered and gets an error",
    requirements: ["RFC6121-8.5.2.1.1-7"],
    users: ["alice", "bob:available"],
    async run(_ctx, { alice, bob }) {
      await alice.send(message(bob.account.jid, "group?", { id: "gc-1", type: "groupchat" }));
      const err = await alice.expect({ name: "message", id: "gc-1", type: "error" });
      assertStanzaError(err, ["service-unavailable"]);
      await markerBarrier(alice, bob);
      await bob.expectNothing(
        { name: "message", id: "gc-1", type: "groupchat" },
        "a groupchat message to a bare JID was delivered",
      );
    },
  },
  {
    id: "rfc6121/8.5.2.2.1/offline-storage",
    title:
      "a chat message to an account with no resource is stored (delivered later) or refused with an error",
    requirements: ["RFC6121-8.5.2.2.1-1", "RFC6120-10.5.3.2-2"],
    users: ["alice", "bob:account"],
    async run(ctx, { alice }) {
      await alice.send(message(ctx.account("bob").jid, "while you were out", { id: "off-1" }));
      const back = await alice.barrier();
      const err = back.find(
        (el) => el.name === "message" && el.attrs.id === "off-1" && el.attrs.type === "error",
      );
      if (err) {
        assertStanzaError(err, ["service-unavailable", "recipient-unavailable", "item-not-found"]);
        return;
      }
      const bob = await ctx.login("bob", { presence: true });
      const got = await bob.expect(messageWithId("off-1"));
      ctx.expect(got.getChildText("body"), "stored body").to.equal("while you were out");
      ctx
        .expect(got.getChild("delay", NS.delay), "a delay stamp (XEP-0203) on the stored message")
        .to.not.equal(undefined);
    },
  },
  {
    id: "rfc6121/8.5.2.2.1/headline-offline-dropped",
    title: "a headline message to an account with no resource is not stored",
    requirements: ["RFC6121-8.5.2.2.1-3"],
    users: ["alice", "bob:account"],
    async run(ctx, { alice }) {
      const bare = ctx.account("bob").jid;
      await alice.send(message(bare, "news", { id: "head-1", type: "headline" }));
      await alice.barrier();
      const bob = await ctx.login("bob", { presence: true });
      // a stored chat message sent after the headline proves the offline queue was flushed
      await alice.send(message(bare, "marker", { id: "head-marker" }));
      await bob.expect(messageWithId("head-marker"));
      await bob.expectNothing(messageWithId("head-1"), "a headline was stored offline and delivered");
    },
  },
  {
    id: "rfc6121/8.5.1/iq-to-unknown-user",
    title: "an IQ to a local account that does not exist gets <service-unavailable/>",
    requirements: ["RFC6121-8.5.1-1"],
    users: ["alice"],
    async run(ctx, { alice }) {
      const reply = await alice.iq(
        xml(
          "iq",
          { type: "get", to: `nobody-${Date.now()}@${ctx.domain}` },
          xml("query", { xmlns: "urn:xmppspec:x" }),
        ),
      );
      assertStanzaError(reply, ["service-unavailable"]);
    },
  },
]);

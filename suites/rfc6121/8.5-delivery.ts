// RFC 6121 §8.5: what the cell-by-cell matrix (8.5-delivery-matrix.ts) does not check — a message to a
// full JID keeps its 'to' and body, a lower-priority resource gets no copy of a chat message to the bare
// JID, and a message stored offline comes back with its body and a delay stamp.
import { conditionsOf } from "../../harness/error-conditions.ts";
import { assertStanzaError, markerBarrier, message, messageWithId, NS, section } from "../kit/index.ts";

export default section("rfc6121", "8.5", "Local User", [
  {
    id: "rfc6121/8.5.3.1/message-to-full-jid",
    title: "a message to an available full JID is delivered to that resource, 'to' unchanged",
    // also RFC 6120 §8.2.1's "route or deliver it to the intended recipient", for the same bytes
    requirements: ["RFC6121-8.5.3.1-3", "RFC6120-8.2.1-1"],
    users: ["alice", "bob:available"],
    async run(ctx, { alice, bob }) {
      await alice.send(message(bob.full, "to full", { id: "full-1" }));
      const got = await bob.expect(messageWithId("full-1"));
      ctx.expect(got.getChildText("body")).to.equal("to full");
      ctx.expect(got.attrs.to).to.equal(bob.full);
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
        // RFC 6120 §10.5.3.2 says the error "MUST" be <service-unavailable/>, RFC 6121 §8.5.2.2.1 that it
        // "SHOULD be": a reading allows another defined condition, so that one is a WARN, never a FAIL.
        const cond = assertStanzaError(err, conditionsOf("stanza"));
        ctx.should(
          cond === "service-unavailable",
          `the error should be <service-unavailable/>, got <${cond}/>`,
        );
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
]);

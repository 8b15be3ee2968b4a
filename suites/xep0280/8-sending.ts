// XEP-0280 §8: a message one resource of the user sends is delivered, and each other carbons-enabled
// resource of the user gets a <sent/> copy (whether or not the sending resource enabled carbons): from the
// bare JID, to that resource (SHOULD), the message as sent inside a <forwarded/>. The sending resource
// should get none.
import { Violation } from "../../harness/errors.ts";
import {
  carbonOf,
  carbonsPeer,
  carbonsRequest,
  chatMessage,
  checkCarbon,
  isCarbonOf,
  messageWithId,
  reachedPeer,
  section,
} from "../kit/index.ts";

export default section("xep0280", "8", "Sending Messages", [
  {
    id: "xep0280/8/sent-copy",
    title:
      "a chat message a resource without carbons sends reaches the contact, and a carbons-enabled resource of the sender gets a <sent/> copy, from the bare JID, the message unchanged",
    requirements: ["XEP0280-8-2", "XEP0280-8-4", "XEP0280-2-6", "XEP0280-8-1", "XEP0280-8-3"],
    users: ["alice:online", "bob:online"],
    async run(ctx, { alice, bob }) {
      const { peer } = await carbonsPeer(ctx, alice, "alice");
      const msg = chatMessage(bob.full, "sent-full");
      const carbon = peer.expect(carbonOf("sent-full"));
      const delivered = bob.expect(messageWithId("sent-full"));
      await alice.send(msg);
      await delivered;
      checkCarbon(ctx, await carbon, { kind: "sent", receiver: peer, sent: msg, sender: alice.full });
    },
  },
  {
    id: "xep0280/8/sent-copy-bare-jid",
    title: "a <sent/> copy of a message to the contact's bare JID keeps that bare 'to'",
    requirements: ["XEP0280-8-4", "XEP0280-2-6", "XEP0280-8-2"],
    users: ["alice:online", "bob:online"],
    async run(ctx, { alice, bob }) {
      const { peer } = await carbonsPeer(ctx, alice, "alice");
      const msg = chatMessage(bob.bare, "sent-bare");
      const carbon = peer.expect(carbonOf("sent-bare"));
      await alice.send(msg);
      checkCarbon(ctx, await carbon, { kind: "sent", receiver: peer, sent: msg, sender: alice.full });
    },
  },
  {
    id: "xep0280/8/no-copy-to-sender",
    title: "the carbons-enabled resource that sends a message gets no <sent/> copy of it",
    requirements: ["XEP0280-8-5"],
    users: ["alice:online", "bob:online"],
    async run(ctx, { alice, bob }) {
      const { peer } = await carbonsPeer(ctx, alice, "alice");
      const other = alice.expect(carbonOf("sent-self"));
      // the sender is the enabled second resource; the first (enabled too) shows the copies are made
      await ctx.setUp("enable carbons on the first resource too", () =>
        alice.iqResult(carbonsRequest("enable"), "carbons <enable/>"),
      );
      await peer.send(chatMessage(bob.full, "sent-self"));
      await other;
      // the server handles the sender's stanzas in order: its answer to a ping comes after any copy
      const back = await peer.barrier();
      ctx.should(
        !back.some((el) => isCarbonOf(el, "sent-self")),
        "the sending resource got a <sent/> carbon of its own message",
      );
    },
  },
  {
    id: "xep0280/8/no-sent-copy-to-unenabled",
    title: "a resource that did not enable carbons gets no <sent/> copy of what another resource sends",
    requirements: ["XEP0280-2-4", "XEP0280-2-3"],
    users: ["alice:online", "bob:online"],
    async run(ctx, { alice, bob }) {
      const { peer } = await carbonsPeer(ctx, alice, "alice", { enable: false });
      await ctx.setUp("enable carbons on the sending resource", () =>
        alice.iqResult(carbonsRequest("enable"), "carbons <enable/>"),
      );
      const delivered = bob.expect(messageWithId("sent-unenabled"));
      await alice.send(chatMessage(bob.full, "sent-unenabled"));
      await delivered;
      const { carbons } = await reachedPeer(alice, peer, "sent-unenabled");
      if (carbons.length) throw new Violation("a resource that did not enable carbons got a <sent/> carbon");
    },
  },
]);

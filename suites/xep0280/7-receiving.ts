// XEP-0280 §7: a message for the user (to a full or the bare JID) is delivered by RFC 6121, and each other
// carbons-enabled resource of the user gets a <received/> copy: from the bare JID, to that resource, the
// original inside a <forwarded/>; the resource the message went to gets none. Carbons are optional: a
// server that does not advertise urn:xmpp:carbons:2 SKIPs.
import { Violation } from "../../harness/errors.ts";
import {
  type CaseSpec,
  carbonOf,
  carbonsPeer,
  carbonsRequest,
  chatMessage,
  checkCarbon,
  crossDomainMs,
  fromRemote,
  messageWithId,
  reachedPeer,
  remoteContact,
  s2sIn,
  section,
} from "../kit/index.ts";

/** A resource without carbons (never enabled, or enabled and `disabled` again) gets no copy (§2). */
function notCopiedCase(slug: string, title: string, disabled: boolean): CaseSpec {
  return {
    id: `xep0280/7/${slug}`,
    title,
    requirements: ["XEP0280-2-3", "XEP0280-2-4"],
    users: ["alice:online", "bob:online"],
    async run(ctx, { alice, bob }) {
      const { peer } = await carbonsPeer(ctx, alice, "alice", { enable: disabled });
      if (disabled)
        await ctx.setUp("disable carbons again", () =>
          peer.iqResult(carbonsRequest("disable"), "carbons <disable/>"),
        );
      const id = `rcv-${slug}`;
      await bob.send(chatMessage(alice.full, id));
      await alice.expect(messageWithId(id));
      const { carbons } = await reachedPeer(bob, peer, id);
      if (carbons.length) throw new Violation(`a resource without carbons got a carbon (${title})`);
    },
  };
}

export default section("xep0280", "7", "Receiving Messages", [
  {
    id: "xep0280/7/received-copy-full-jid",
    title:
      "a chat message to one full JID of the user reaches it, and another carbons-enabled resource gets a <received/> copy, from the bare JID, to that resource, the message unchanged",
    requirements: ["XEP0280-7-2", "XEP0280-7-3", "XEP0280-7-4", "XEP0280-2-5", "XEP0280-7-1", "XEP0280-2-2"],
    users: ["alice:online", "bob:online"],
    async run(ctx, { alice, bob }) {
      const { peer } = await carbonsPeer(ctx, alice, "alice");
      const msg = chatMessage(alice.full, "rcv-full");
      const carbon = peer.expect(carbonOf("rcv-full"));
      await bob.send(msg);
      // the resource the message was for has not enabled carbons: it takes part as before (§2)
      await alice.expect(messageWithId("rcv-full"));
      checkCarbon(ctx, await carbon, { kind: "received", receiver: peer, sent: msg, sender: bob.full });
    },
  },
  {
    id: "xep0280/7/received-copy-bare-jid",
    title:
      "a chat message to the bare JID goes to the highest-priority resource; a lower carbons-enabled one gets the message itself or a <received/> copy of it",
    requirements: ["XEP0280-2-5", "XEP0280-7-2", "XEP0280-7-3", "XEP0280-7-4"],
    users: ["alice:account", "bob:online"],
    async run(ctx, { bob }) {
      const high = await ctx.login("alice", { roster: true, presence: { priority: 10 } });
      const { peer } = await carbonsPeer(ctx, high, "alice", { priority: 1 });
      const msg = chatMessage(high.bare, "rcv-bare");
      const got = high.expect(messageWithId("rcv-bare"));
      await bob.send(msg);
      await got;
      const { carbons, originals } = await reachedPeer(bob, peer, "rcv-bare");
      // RFC 6121 §8.5.2.1.1 lets the server give a bare-JID chat message to more resources: one that got
      // it "did not need" a carbon (§7); every enabled resource sees it one way or the other (§2)
      if (!carbons.length && !originals.length)
        throw new Violation(
          "the lower-priority carbons-enabled resource got neither the message nor a carbon",
        );
      for (const c of carbons)
        checkCarbon(ctx, c, { kind: "received", receiver: peer, sent: msg, sender: bob.full });
    },
  },
  {
    id: "xep0280/7/no-copy-to-recipient",
    title:
      "the carbons-enabled resource a message was addressed to gets the message and no carbon of it; the other enabled one gets the carbon",
    requirements: ["XEP0280-7-5"],
    users: ["alice:online", "bob:online"],
    async run(ctx, { alice, bob }) {
      const { peer } = await carbonsPeer(ctx, alice, "alice");
      await ctx.setUp("enable carbons on the first resource too", () =>
        alice.iqResult(carbonsRequest("enable"), "carbons <enable/>"),
      );
      const other = alice.expect(carbonOf("rcv-own"));
      await bob.send(chatMessage(peer.full, "rcv-own"));
      await other;
      const { carbons, originals } = await reachedPeer(bob, peer, "rcv-own");
      if (!originals.length) throw new Violation("the addressed resource did not get the message");
      if (carbons.length)
        throw new Violation("the resource the message was addressed to also got a carbon of it");
    },
  },
  notCopiedCase(
    "no-copy-to-unenabled",
    "a resource that never enabled carbons gets no carbon of a message to another resource",
    false,
  ),
  notCopiedCase(
    "no-copy-after-disable",
    "a resource that enabled and then disabled carbons gets no more carbons",
    true,
  ),
  {
    id: "xep0280/7/received-copy-from-remote",
    title:
      "a chat message from a remote server's user to one resource is copied, as that server sent it, to another carbons-enabled resource",
    requirements: ["XEP0280-7-2", "XEP0280-7-3", "XEP0280-7-4", "XEP0280-2-5"],
    needs: ["s2s"],
    users: ["alice:online"],
    async run(ctx, { alice }) {
      const { peer } = await carbonsPeer(ctx, alice, "alice");
      const inbound = await s2sIn(ctx);
      const msg = fromRemote(inbound, chatMessage(alice.full, "rcv-remote"), "r");
      const carbon = peer.expect(carbonOf("rcv-remote"), crossDomainMs(ctx));
      const delivered = alice.expect(messageWithId("rcv-remote"), crossDomainMs(ctx));
      await inbound.s.send(msg);
      await delivered;
      checkCarbon(ctx, await carbon, {
        kind: "received",
        receiver: peer,
        sent: msg,
        sender: `${remoteContact(inbound)}/r`,
      });
    },
  },
  {
    id: "xep0280/7/received-copy-to-each-enabled",
    title: "with two more carbons-enabled resources, each gets its own <received/> copy, addressed to itself",
    requirements: ["XEP0280-2-5", "XEP0280-7-3"],
    users: ["alice:online", "bob:online"],
    async run(ctx, { alice, bob }) {
      const { peer } = await carbonsPeer(ctx, alice, "alice");
      const { peer: third } = await carbonsPeer(ctx, alice, "alice");
      const msg = chatMessage(alice.full, "rcv-each");
      const copies = [peer.expect(carbonOf("rcv-each")), third.expect(carbonOf("rcv-each"))];
      await bob.send(msg);
      const [a, b] = await Promise.all(copies);
      checkCarbon(ctx, a, { kind: "received", receiver: peer, sent: msg, sender: bob.full });
      checkCarbon(ctx, b, { kind: "received", receiver: third, sent: msg, sender: bob.full });
    },
  },
]);

// XEP-0163 §4.3.1 Addressing: a notification comes from the owner's bare JID; the publishing resource
// SHOULD be named as XEP-0033 replyto to presence subscribers and MUST NOT be to others; a subscriber the
// service has no presence of is addressed at its bare JID.
import { Violation } from "../../harness/errors.ts";
import {
  arrived,
  assertFromBare,
  clip,
  interestedContact,
  openNodeSubscribed,
  pepItemEvent,
  pepNode,
  published,
  replyTo,
  requirePep,
  section,
} from "../kit/index.ts";

export default section("xep0163", "4.3.1", "Addressing", [
  {
    id: "xep0163/4.3.1/notification-from-owner-bare-jid",
    title: "a notification of a publish comes from the owner's bare JID, not the publishing resource",
    requirements: ["XEP0163-4.3.1-1"],
    users: ["alice:online", "bob:online"],
    async run(ctx, { alice, bob }) {
      await requirePep(ctx, alice);
      const node = pepNode(ctx);
      await interestedContact(ctx, bob, alice, [node]);
      const id = await published(ctx, alice, node, "where from?");
      assertFromBare(await bob.expect(pepItemEvent(node, id)), alice);
    },
  },
  {
    id: "xep0163/4.3.1/replyto-publishing-resource",
    title: "a notification to a presence subscriber names the publishing resource as XEP-0033 replyto",
    requirements: ["XEP0163-4.3.1-3"],
    users: ["alice:online", "bob:online"],
    async run(ctx, { alice, bob }) {
      await requirePep(ctx, alice);
      const node = pepNode(ctx);
      await interestedContact(ctx, bob, alice, [node]);
      const id = await published(ctx, alice, node, "reply to me");
      const event = await bob.expect(pepItemEvent(node, id));
      ctx.should(
        replyTo(event).some((j) => j.toLowerCase() === alice.full.toLowerCase()),
        `the notification should carry a replyto address ${alice.full}: ${clip(event)}`,
      );
    },
  },
  {
    id: "xep0163/4.3.1/no-replyto-without-presence-subscription",
    title:
      "a notification to an explicit subscriber of an open node who has no presence subscription carries no replyto address",
    requirements: ["XEP0163-4.3.1-4"],
    users: ["alice:online", "carol:online"],
    async run(ctx, { alice, carol }) {
      const node = await openNodeSubscribed(ctx, alice, carol, carol.full);
      const id = await published(ctx, alice, node, "to a stranger");
      const event = await carol.expect(pepItemEvent(node, id));
      if (replyTo(event).length)
        throw new Violation(
          `the notification to carol, who has no presence subscription, names a replyto: ${clip(event)}`,
        );
    },
  },
  {
    id: "xep0163/4.3.1/bare-subscriber-addressed-bare",
    title:
      "a subscriber that subscribed its bare JID and has shared no presence gets any notification addressed to its bare JID, at most once",
    requirements: ["XEP0163-4.3.1-5", "XEP0163-4.3.2-2"],
    users: ["alice:online", "carol:online"],
    async run(ctx, { alice, carol }) {
      const node = await openNodeSubscribed(ctx, alice, carol, carol.bare);
      const id = await published(ctx, alice, node, "to a bare JID");
      // §4.3.2 rule 2: the service MAY send none; what it sends goes to the bare JID, once
      const got = await arrived(carol, pepItemEvent(node, id));
      const wrong = got.find((m) => (m.attrs.to ?? "").toLowerCase() !== carol.bare.toLowerCase());
      if (wrong) throw new Violation(`the notification is not addressed to carol's bare JID: ${clip(wrong)}`);
      if (got.length > 1) throw new Violation(`carol got ${got.length} notifications of one publish`);
    },
  },
]);

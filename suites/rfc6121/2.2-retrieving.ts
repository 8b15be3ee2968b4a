// RFC 6121 §2.2: a resource that requested the roster is "interested", and the server pushes every
// change to each interested resource, whoever caused it.
import { ack, freshJid, rosterPush, rosterSet, section, subscription } from "../kit/index.ts";
import { requestSubscription } from "../kit/roster-cases.ts";

export default section("rfc6121", "2.2", "Retrieving the Roster on Login", [
  {
    id: "rfc6121/2.2/push-to-all-interested",
    title: "a roster set from one resource is pushed to every interested resource of the account",
    requirements: ["RFC6121-2.2-2", "RFC6121-2.3.2-3"],
    users: ["alice:interested"],
    async run(ctx, { alice }) {
      const alice2 = await ctx.login("alice", "interested");
      const contact = freshJid(ctx.domain, "pushed");
      const other = alice2.expect(rosterPush(contact));
      await alice.iqResult(rosterSet(contact), "roster set");
      await ack(alice2, await other);
    },
  },
  {
    id: "rfc6121/2.2/push-to-available-interested",
    title: "an interested resource that also sent presence gets the push of a set made by another resource",
    requirements: ["RFC6121-2.2-2", "RFC6121-2.3.2-3"],
    users: ["alice:interested"],
    async run(ctx, { alice }) {
      const alice2 = await ctx.login("alice", "online");
      const contact = freshJid(ctx.domain, "pushed-av");
      const pushes = [alice, alice2].map((s) => s.expect(rosterPush(contact)));
      await alice.iqResult(rosterSet(contact, { name: "x" }), "roster set");
      await Promise.all(pushes);
    },
  },
  {
    id: "rfc6121/2.2/push-for-inbound-change-to-all",
    title: "a subscription change caused by the contact is pushed to each interested resource of the user",
    requirements: ["RFC6121-2.2-2", "RFC6121-3.1.6-2"],
    users: ["alice:online", "bob:online"],
    async run(ctx, { alice, bob }) {
      const alice2 = await ctx.login("alice", "interested");
      await requestSubscription(alice, bob);
      const pushes = [alice, alice2].map((s) => s.expect(rosterPush(bob.bare, "to")));
      await bob.send(subscription("subscribed", alice.bare));
      await Promise.all(pushes);
    },
  },
]);

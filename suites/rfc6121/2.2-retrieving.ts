// RFC 6121 §2.2: a resource that requested the roster is "interested", and the server pushes every
// change to each interested resource, whoever caused it.
import { ack, freshJid, rosterPush, rosterSet, section, subscription } from "../kit/index.ts";
import { eachArrives, requestSubscription } from "../kit/roster-cases.ts";

export default section("rfc6121", "2.2", "Retrieving the Roster on Login", [
  {
    id: "rfc6121/2.2/push-to-all-interested",
    title: "a roster set from one resource is pushed to every interested resource of the account",
    requirements: ["RFC6121-2.2-2", "RFC6121-2.3.2-3"],
    users: ["alice:interested"],
    async run(ctx, { alice }) {
      const alice2 = await ctx.login("alice", "interested");
      const contact = freshJid(ctx.domain, "pushed");
      const [push] = await eachArrives([[alice2, rosterPush(contact)]], () =>
        alice.iqResult(rosterSet(contact), "roster set"),
      );
      await ack(alice2, push);
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
      const added = rosterPush(contact);
      await eachArrives(
        [
          [alice, added],
          [alice2, added],
        ],
        () => alice.iqResult(rosterSet(contact, { name: "x" }), "roster set"),
      );
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
      const approved = rosterPush(bob.bare, "to");
      await eachArrives(
        [
          [alice, approved],
          [alice2, approved],
        ],
        () => bob.send(subscription("subscribed", alice.bare)),
      );
    },
  },
]);

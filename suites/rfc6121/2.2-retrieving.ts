// RFC 6121 §2.2: a resource that requested the roster is "interested", and the server pushes every
// change to each interested resource, whoever caused it: one scenario over adding, updating and
// deleting (§2.3.2, §2.4.2, §2.5.2 each say so of their change).

import type { MatchSpec } from "../../harness/match.ts";
import {
  ack,
  allGet,
  type Element,
  freshJid,
  pushWhere,
  type Row,
  requestSubscription,
  rosterPush,
  rosterRemove,
  rosterSet,
  section,
  subscription,
  tableCases,
} from "../kit/index.ts";

interface FanOutRow extends Row {
  /** The state of alice's second session. */
  second: "interested" | "online";
  /** A roster set that makes the item exist before the change, if the change needs one. */
  before?: (contact: string) => Element;
  change: (contact: string) => Element;
  push: (contact: string) => MatchSpec;
  /** Must the session that made the change get the push too (or only the second one)? */
  senderToo: boolean;
  /** The second session acknowledges its push (RFC 6121 §2.1.6). */
  ack?: boolean;
}

const FAN_OUT: FanOutRow[] = [
  {
    id: "rfc6121/2.2/push-to-all-interested",
    title: "a roster set from one resource is pushed to every interested resource of the account",
    requirements: ["RFC6121-2.2-2", "RFC6121-2.3.2-3"],
    second: "interested",
    change: (c) => rosterSet(c),
    push: (c) => rosterPush(c),
    senderToo: false,
    ack: true,
  },
  {
    id: "rfc6121/2.2/push-to-available-interested",
    title: "an interested resource that also sent presence gets the push of a set made by another resource",
    requirements: ["RFC6121-2.2-2", "RFC6121-2.3.2-3"],
    second: "online",
    change: (c) => rosterSet(c, { name: "x" }),
    push: (c) => rosterPush(c),
    senderToo: true,
  },
  {
    id: "rfc6121/2.4.2/update-pushed-to-all",
    title: "an update is pushed to every interested resource, the sender included",
    requirements: ["RFC6121-2.4.2-1", "RFC6121-2.2-2"],
    second: "interested",
    before: (c) => rosterSet(c, { name: "one" }),
    change: (c) => rosterSet(c, { name: "two" }),
    push: (c) => pushWhere(c, "named 'two'", (i) => i.attrs.name === "two"),
    senderToo: true,
  },
  {
    id: "rfc6121/2.5.2/remove-pushed-to-all",
    title: "a removal is pushed to every interested resource, not only the one that removed",
    requirements: ["RFC6121-2.5.2-1", "RFC6121-2.2-2"],
    second: "interested",
    before: (c) => rosterSet(c, { name: "x" }, ["G"]),
    change: (c) => rosterRemove(c),
    push: (c) => rosterPush(c, "remove"),
    senderToo: true,
  },
];

export default section("rfc6121", "2.2", "Retrieving the Roster on Login", [
  ...tableCases(FAN_OUT, {
    users: ["alice:interested"],
    async run(row, ctx, { alice }) {
      const alice2 = await ctx.login("alice", row.second);
      const contact = freshJid(ctx.domain, "pushed");
      if (row.before) await alice.iqResult(row.before(contact), "roster set (add)");
      const watching = row.senderToo ? [alice, alice2] : [alice2];
      const got = await allGet(watching, row.push(contact), () =>
        alice.iqResult(row.change(contact), "roster set"),
      );
      if (row.ack) await ack(alice2, got[got.length - 1]);
    },
  }),
  {
    id: "rfc6121/2.2/push-for-inbound-change-to-all",
    title: "a subscription change caused by the contact is pushed to each interested resource of the user",
    requirements: ["RFC6121-2.2-2", "RFC6121-3.1.6-2"],
    users: ["alice:online", "bob:online"],
    async run(ctx, { alice, bob }) {
      const alice2 = await ctx.login("alice", "interested");
      await requestSubscription(alice, bob);
      const approved = () => bob.send(subscription("subscribed", alice.bare));
      await allGet([alice, alice2], rosterPush(bob.bare, "to"), approved);
    },
  },
]);

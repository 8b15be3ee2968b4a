// RFC 6121 §3.1.1-3.1.2: the user's server handles an outbound subscription request: it pushes the
// pending item (ask='subscribe') to every interested resource, keeps what a roster set gave the item,
// and answers a request it cannot route with a presence error. (Its stamping: 3-stamped-bare.ts.)

import { Violation } from "../../harness/errors.ts";
import {
  allGet,
  presenceFrom,
  pushWhere,
  rosterItem,
  rosterPush,
  rosterSet,
  section,
  subOf,
  subscription,
} from "../kit/index.ts";

/** A push showing the request pending: the item for `jid` with ask='subscribe'. */
const pending = (jid: string) => rosterPush(jid, undefined, "subscribe");

export default section("rfc6121", "3.1.2", "Server Processing of Outbound Subscription Request", [
  {
    id: "rfc6121/3.1.2/subscribe-pending-out",
    title: "an outbound subscribe gives the user a roster push with subscription none and ask='subscribe'",
    requirements: ["RFC6121-3.1.2-9", "RFC6121-3.1.2-1", "RFC6121-3.1.2-5", "RFC6121-A.2.1-None"],
    users: ["alice:online", "bob:account"],
    async run(ctx, { alice }) {
      const bob = ctx.account("bob").jid;
      const push = alice.expect(pending(bob));
      await alice.send(subscription("subscribe", bob, { id: "sub-1" }));
      ctx.expect(subOf((await push).getChild("query")?.getChild("item")), "subscription").to.equal("none");
    },
  },
  {
    id: "rfc6121/3.1.2/subscribe-pushed-to-all-interested",
    title: "the ask='subscribe' push reaches every interested resource of the user",
    requirements: ["RFC6121-3.1.2-9", "RFC6121-2.2-2"],
    users: ["alice:online", "bob:account"],
    async run(ctx, { alice }) {
      const alice2 = await ctx.login("alice", "interested");
      const bob = ctx.account("bob").jid;
      await allGet([alice, alice2], pending(bob), () => alice.send(subscription("subscribe", bob)));
    },
  },
  {
    id: "rfc6121/3.1.2/to-full-jid-treated-as-bare",
    title: "a request to the contact's full JID is handled as one to the bare JID",
    requirements: ["RFC6121-3.1.2-3", "RFC6121-3.1.3-2"],
    users: ["alice:online", "bob:online"],
    async run(ctx, { alice, bob }) {
      const bob2 = await ctx.login("bob", "online");
      const push = alice.expect(pending(bob.bare));
      const atOther = bob2.expect(presenceFrom(alice.bare, "subscribe"));
      await alice.send(subscription("subscribe", bob.full));
      // the roster item is for the bare JID and the request reaches the resource not addressed too
      const [pushed, reached] = await Promise.allSettled([push, atOther]);
      ctx.should(pushed.status === "fulfilled", "no push with ask='subscribe' for the bare JID");
      ctx.should(
        reached.status === "fulfilled",
        "the request did not reach the contact's other available resource",
      );
    },
  },
  {
    id: "rfc6121/3.1.2/malformed-to-error",
    title: "a request whose 'to' is not a valid JID is refused with a presence error and not pushed",
    requirements: ["RFC6121-3.1.2-2", "RFC6121-3.1.2-8", "RFC6121-3.1.2-4"],
    users: ["alice:online"],
    async run(ctx, { alice }) {
      const err = alice.expect({ name: "presence", type: "error" });
      await alice.send(subscription("subscribe", `nobody@@${ctx.domain}`, { id: "malformed-sub" }));
      const e = await err;
      if (e.attrs.id !== "malformed-sub")
        throw new Violation(`the error does not carry the request's id: ${e}`);
      await alice.expectNothing(
        {
          name: "iq",
          type: "set",
          where: (el) => el.toString().includes("nobody@@"),
          what: "about nobody@@",
        },
        "a request that was not routed must not be pushed",
      );
    },
  },
  {
    id: "rfc6121/3.1.2/unroutable-domain-error",
    title: "a request to a domain that cannot be reached comes back as a presence error",
    requirements: ["RFC6121-3.1.2-8"],
    users: ["alice:online"],
    async run(_ctx, { alice }) {
      const to = `nobody@nonexistent-${Date.now().toString(36)}.invalid`;
      const bounce = { name: "presence", type: "error", fromBare: to };
      const err = alice.expect(bounce, Math.max(alice.timeoutMs, 20_000));
      await alice.send(subscription("subscribe", to));
      await err;
    },
  },
  {
    id: "rfc6121/3.1.1/roster-set-then-subscribe",
    title: "a roster set followed by a subscribe: the item keeps its name and gains ask='subscribe'",
    requirements: ["RFC6121-3.1.1-4", "RFC6121-3.1.2-9"],
    users: ["alice:online", "bob:online"],
    async run(ctx, { alice, bob }) {
      await alice.iqResult(rosterSet(bob.bare, { name: "Bob" }, ["Friends"]), "roster set");
      const push = alice.expect(pending(bob.bare));
      await alice.send(subscription("subscribe", bob.bare));
      await push;
      const item = await rosterItem(alice, bob.bare);
      ctx.expect(item?.attrs.name, "name").to.equal("Bob");
      ctx.expect(item?.attrs.ask, "ask").to.equal("subscribe");
    },
  },
  {
    id: "rfc6121/3.1.1/subscribe-then-roster-set",
    title: "a subscribe followed by a roster set: the item takes the name and keeps ask='subscribe'",
    requirements: ["RFC6121-3.1.1-4", "RFC6121-2.1.2.2-1"],
    users: ["alice:online", "bob:online"],
    async run(ctx, { alice, bob }) {
      const asked = alice.expect(pending(bob.bare));
      await alice.send(subscription("subscribe", bob.bare));
      await asked;
      const named = alice.expect(pushWhere(bob.bare, "named 'Bob'", (i) => i.attrs.name === "Bob"));
      await alice.iqResult(rosterSet(bob.bare, { name: "Bob" }), "roster set");
      await named;
      const item = await rosterItem(alice, bob.bare);
      ctx.expect(item?.attrs.name, "name").to.equal("Bob");
      ctx.expect(item?.attrs.ask, "ask (the request is still pending)").to.equal("subscribe");
    },
  },
]);

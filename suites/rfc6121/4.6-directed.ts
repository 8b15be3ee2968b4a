// RFC 6121 §4.6: directed presence — delivered, but no subscription and no place in later broadcasts;
// unavailable presence follows it when the sender goes; directed unavailable to a subscriber leaves the
// subscription alone; probes from its recipients.

import { Violation } from "../../harness/errors.ts";
import { matches } from "../../harness/match.ts";
import {
  broadcastReaches,
  broadcastSkips,
  type Client,
  clip,
  presence,
  presenceFromFull,
  presenceWithStatus,
  probeAnswers,
  type Row,
  section,
  startingFrom,
  subscribe,
  tableCases,
  withSubscriber,
} from "../kit/index.ts";

/** `from` sends directed presence (to `to`'s full JID unless `jid` says otherwise); `to` gets it. */
async function directed(from: Client, to: Client, o: { jid?: string; type?: string; status?: string } = {}) {
  const { jid = to.full, type, status } = o;
  const got = to.expect(
    status === undefined ? presenceFromFull(from.full, type) : presenceWithStatus(from.full, status, type),
  );
  await from.send(presence({ to: jid, type, status }));
  await got;
}

/** Cases that start once carol (online) has got alice's (online) directed presence. */
const afterDirected = startingFrom(
  ["alice:online", "carol:online"],
  "alice's directed presence reaches carol",
  ({ alice, carol }) => directed(alice, carol),
);

/** How the sending resource goes away after its directed presence. */
interface LeaveRow extends Row {
  leave: (s: Client) => unknown;
}

const leaving = (name: string, how: string, leave: LeaveRow["leave"]): LeaveRow => ({
  id: `rfc6121/4.6.3/directed-presence-then-${name}`,
  title: `an entity that got directed presence gets unavailable presence when the sending resource ${how}`,
  requirements: ["RFC6121-4.6.3-3"],
  leave,
});

const thenGone = tableCases(
  [
    leaving("unavailable", "goes offline", (s) => s.send(presence({ type: "unavailable" }))),
    leaving("disconnect", "disconnects", (s) => s.destroy()),
  ],
  {
    users: ["alice:online", "carol:online"],
    async run({ leave }, _ctx, { alice, carol }) {
      await directed(alice, carol);
      const gone = carol.expect(presenceFromFull(alice.full, "unavailable"));
      await leave(alice);
      await gone;
    },
  },
);

/** Directed presence to a bare or full JID, then a broadcast (with this <status/>) that must not follow. */
interface NoBroadcastRow extends Row {
  bare: boolean;
  broadcast: string;
}

const noBroadcast = tableCases<NoBroadcastRow>(
  [
    {
      id: "rfc6121/4.6.3/directed-not-added-to-broadcast",
      title: "an entity that got directed presence does not get the user's later presence broadcasts",
      requirements: ["RFC6121-4.6.3-3", "RFC6121-11-3"],
      bare: true,
      broadcast: "broadcast",
    },
    {
      id: "rfc6121/4.6.3/directed-before-initial-presence",
      title:
        "directed presence from a resource that is not available is delivered but adds no broadcast target",
      requirements: ["RFC6121-4.6.3-4"],
      users: ["alice:interested", "carol:available"],
      bare: false,
      broadcast: "initial",
    },
  ],
  {
    users: ["alice:online", "carol:online"],
    async run({ bare, broadcast }, _ctx, { alice, carol }) {
      await directed(alice, carol, { jid: bare ? carol.bare : carol.full, status: "directed" });
      const what = `${broadcast} presence reached a directed-presence target`;
      await broadcastSkips(alice, broadcast, [carol], what);
    },
  },
);

export default section("rfc6121", "4.6", "Directed Presence", [
  ...thenGone,
  ...noBroadcast,
  withSubscriber({
    id: "rfc6121/4.6.3/directed-unavailable-to-subscriber",
    title:
      "directed unavailable presence to a subscriber is delivered and the subscriber still gets later broadcasts",
    requirements: ["RFC6121-4.6.3-2"],
    async run(ctx, { alice, bob }) {
      await directed(alice, bob, { jid: bob.bare, type: "unavailable", status: "not for you" });
      const updated = await broadcastReaches(alice, "later", [bob]).then(
        () => true,
        () => false,
      );
      ctx.should(updated, "after directed unavailable, the subscriber should still get presence broadcasts");
    },
  }),
  {
    id: "rfc6121/4.6.1/directed-then-subscribed-gets-broadcasts",
    title: "an entity that got directed presence and then subscribes gets broadcasts like any subscriber",
    requirements: ["RFC6121-4.6.1-2", "RFC6121-4.6.1-1"],
    users: ["alice:online", "bob:online"],
    async run(ctx, { alice, bob }) {
      await directed(alice, bob, { jid: bob.bare, status: "directed" });
      await ctx.setUp("bob subscribes to alice's presence", () => subscribe(bob, alice, { settle: false }));
      await broadcastReaches(alice, "as subscriber", [bob]);
    },
  },
  afterDirected({
    id: "rfc6121/4.6.6/probe-from-directed-presence-target",
    title: "a probe from an entity that got directed presence is answered with the user's (mere) presence",
    requirements: ["RFC6121-4.6.6-3", "RFC6121-4.6.6-4"],
    async run(ctx, { alice, carol }) {
      const answers = (await probeAnswers(carol, alice, "dir-probe")).filter(
        (el) => el.name === "presence" && el.attrs.from?.startsWith(alice.bare),
      );
      const bad = answers.find((el) => el.attrs.type && el.attrs.type !== "unavailable");
      if (!ctx.should(!bad, `the probe should be answered with the user's presence, got ${bad && clip(bad)}`))
        return;
      ctx.should(
        answers.some((el) => matches(el, presenceFromFull(alice.full))),
        "the probe from a directed-presence target should be answered with available presence",
      );
    },
  }),
  afterDirected({
    id: "rfc6121/4.6.1/directed-unavailable-ends-probe-access",
    title: "after directed unavailable presence, the entity's probe no longer reveals the user's presence",
    requirements: ["RFC6121-4.6.1-4", "RFC6121-11-1"],
    async run(_ctx, { alice, carol }) {
      await directed(alice, carol, { type: "unavailable" });
      const answers = await probeAnswers(carol, alice, "after-unavailable");
      const leak = answers.find((el) => matches(el, presenceFromFull(alice.full)));
      if (leak) throw new Violation(`the probe still revealed the user's presence: ${clip(leak)}`);
    },
  }),
  {
    id: "rfc6121/4.6.1/directed-then-subscription-cancelled",
    title: "a subscription that followed directed presence is cancelled like any other: no more broadcasts",
    requirements: ["RFC6121-4.6.1-3", "RFC6121-12-9", "RFC6121-A.2.4-From"],
    users: ["alice:online", "bob:online"],
    async run(ctx, { alice, bob }) {
      await directed(alice, bob, { jid: bob.bare, status: "directed" });
      await ctx.setUp("bob subscribes to alice's presence", () => subscribe(bob, alice, { settle: false }));
      const cancelled = bob.expect({ name: "presence", type: "unsubscribed" });
      await alice.send(presence({ to: bob.bare, type: "unsubscribed" }));
      await cancelled;
      await broadcastSkips(
        alice,
        "after cancel",
        [bob],
        "a cancelled subscriber still got a presence broadcast",
      );
    },
  },
]);

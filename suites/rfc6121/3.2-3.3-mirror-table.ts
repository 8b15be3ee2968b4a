// RFC 6121 §3.2 and §3.3 mirror each other: the contact cancels alice's subscription with
// 'unsubscribed' (§3.2), or alice, the user, unsubscribes with 'unsubscribe' (§3.3). Each behaviour is
// one scenario over the sender and the receiver of the stanza, with one row per side; 3.2-cancel.ts
// and 3.3-unsubscribe.ts hold the rows of their section.
import {
  allGet,
  assertBareFrom,
  type CaseContext,
  type CaseSpec,
  type Client,
  type Element,
  firstOf,
  markerBarrier,
  mutual,
  nothingReaches,
  presenceFrom,
  presenceFromFull,
  type Row,
  rosterPush,
  rosterSet,
  seesPresence,
  subscribe,
  subscription,
  tableCases,
} from "../kit/index.ts";

/** Who ends the subscription alice (the user) has to bob (the contact), and with what. */
interface Ending {
  sender: "user" | "contact";
  stanza: "unsubscribed" | "unsubscribe";
  what: string;
  /** What the sender's item keeps when both were subscribed to each other (Both). */
  senderKeeps: "to" | "from";
}

const ENDINGS: Record<"3.2" | "3.3", Ending> = {
  "3.2": { sender: "contact", stanza: "unsubscribed", what: "the cancellation", senderKeeps: "to" },
  "3.3": { sender: "user", stanza: "unsubscribe", what: "the unsubscribe", senderKeeps: "from" },
};

interface MirrorRow extends Row {
  /** For `silent`: the presence types from the sender the receiver must not get (default: the stanza). */
  quiet?: string[];
}

/** The two users in their roles for one side of the mirror. */
interface Parties {
  alice: Client;
  bob: Client;
  sender: Client;
  receiver: Client;
  ending: Ending;
}

type Scenario = (ctx: CaseContext, p: Parties, row: MirrorRow) => Promise<void>;

/** The stanza ends a subscription: the receiver gets it from the bare JID, and both items drop to none. */
const ends: Scenario = async (_ctx, { alice, bob, sender, receiver, ending }) => {
  await subscribe(alice, bob);
  const senderPush = sender.expect(rosterPush(receiver.bare, "none"));
  const receiverPush = receiver.expect(rosterPush(sender.bare, "none"));
  const got = receiver.expect(presenceFrom(sender.bare, ending.stanza));
  await sender.send(subscription(ending.stanza, receiver.bare));
  await senderPush;
  assertBareFrom(await got, sender, ending.what);
  await receiverPush;
};

/** In Both, the stanza ends one direction only: each side keeps the other. */
const halves: Scenario = async (_ctx, { alice, bob, sender, receiver, ending }) => {
  await mutual(alice, bob);
  const receiverKeeps = ending.senderKeeps === "to" ? "from" : "to";
  const pushes = [
    sender.expect(rosterPush(receiver.bare, ending.senderKeeps)),
    receiver.expect(rosterPush(sender.bare, receiverKeeps)),
  ];
  await sender.send(subscription(ending.stanza, receiver.bare));
  await Promise.all(pushes);
};

/** The receiver's server delivers the stanza before the roster push it causes. */
const beforePush: Scenario = async (ctx, { alice, bob, sender, receiver, ending }) => {
  await subscribe(alice, bob);
  const first = firstOf(receiver, {
    stanza: presenceFrom(sender.bare, ending.stanza),
    push: rosterPush(sender.bare, "none"),
  });
  await sender.send(subscription(ending.stanza, receiver.bare));
  ctx
    .expect(await first, `what reached ${receiver.bare} first: ${ending.what} or the push`)
    .to.equal("stanza");
};

/** The stanza reaches each of the receiver's interested resources. */
const toEachInterested: Scenario = async (ctx, { alice, bob, sender, receiver, ending }) => {
  const second = await ctx.login(receiver.account, "online");
  await subscribe(alice, bob);
  const send = () => sender.send(subscription(ending.stanza, receiver.bare));
  await allGet([receiver, second], presenceFrom(sender.bare, ending.stanza), send);
};

/** Without a subscription the stanza is not delivered, and nothing else about the sender arrives. */
const silent: Scenario = async (_ctx, { sender, receiver, ending }, row) => {
  await sender.iqResult(rosterSet(receiver.bare, { name: "peer" }), "roster set");
  await sender.send(subscription(ending.stanza, receiver.bare));
  const quiet = row.quiet ?? [ending.stanza];
  const ended = {
    name: "presence",
    fromBare: sender.bare,
    where: (el: Element) => quiet.includes(el.attrs.type ?? ""),
    what: `of type ${quiet.join(" or ")}`,
  };
  await nothingReaches(sender, receiver, ended, "there was no subscription to end");
  await receiver.expectNothing(rosterPush(sender.bare), "the receiver's roster has nothing about the sender");
};

/**
 * Alice gets 'unavailable' from each of bob's available resources once the subscription ends; when she
 * is the receiver (§3.2), each of them comes before the cancellation.
 */
const unavailableFirst: Scenario = async (ctx, { alice, bob, sender, receiver, ending }) => {
  const bob2 = await ctx.login("bob", "online");
  await subscribe(alice, bob);
  await seesPresence(bob2, alice);
  await markerBarrier(bob, alice);
  alice.inbox.splice(0);
  await sender.send(subscription(ending.stanza, receiver.bare));
  const later = receiver === alice ? { [ending.stanza]: presenceFrom(bob.bare, ending.stanza) } : {};
  for (const s of [bob, bob2]) {
    const first = await firstOf(alice, { unavailable: presenceFromFull(s.full, "unavailable"), ...later });
    ctx
      .expect(first, `what came first: unavailable from ${s.full}, or ${ending.what}`)
      .to.equal("unavailable");
  }
};

/** Each pair: one scenario, the §3.2 row (bob cancels) and the §3.3 row (alice unsubscribes). */
const PAIRS: { scenario: Scenario; "3.2": MirrorRow; "3.3": MirrorRow }[] = [
  {
    scenario: ends,
    "3.2": {
      id: "rfc6121/3.2.2/cancel",
      title:
        "cancelling ('unsubscribed' in From): the user gets it from the bare JID, both items drop to none",
      requirements: [
        "RFC6121-3.2.2-1",
        "RFC6121-3.2.2-4",
        "RFC6121-3.2.2-6",
        "RFC6121-3.2.2-7",
        "RFC6121-3.2.3-1",
        "RFC6121-3.2.3-2",
      ],
    },
    "3.3": {
      id: "rfc6121/3.3.2/unsubscribe",
      title: "unsubscribing (in To): stamped bare, the user's item drops to none, the contact's to none",
      requirements: [
        "RFC6121-3.3.2-1",
        "RFC6121-3.3.2-2",
        "RFC6121-3.3.2-4",
        "RFC6121-3.3.2-5",
        "RFC6121-3.3.3-1",
        "RFC6121-3.3.3-2",
      ],
    },
  },
  {
    scenario: unavailableFirst,
    "3.2": {
      id: "rfc6121/3.2.2/unavailable-before-cancel",
      title:
        "before the 'unsubscribed', the user gets 'unavailable' from each of the contact's available resources",
      requirements: ["RFC6121-3.2.2-5", "RFC6121-3.2.2-4", "RFC6121-3.2.3-4"],
    },
    "3.3": {
      id: "rfc6121/3.3.3/unsubscribe-then-unavailable",
      title:
        "after an unsubscribe, the user gets 'unavailable' from each of the contact's available resources",
      requirements: ["RFC6121-3.3.3-2"],
    },
  },
  {
    scenario: beforePush,
    "3.2": {
      id: "rfc6121/3.2.3/cancel-before-push",
      title: "the user's server delivers the cancellation before the roster push it causes",
      requirements: ["RFC6121-3.2.3-3", "RFC6121-3.2.3-2"],
    },
    "3.3": {
      id: "rfc6121/3.3.3/unsubscribe-before-push",
      title: "the contact's server delivers the unsubscribe before the roster push it causes",
      requirements: ["RFC6121-3.3.3-3", "RFC6121-3.3.3-2"],
    },
  },
  {
    scenario: toEachInterested,
    "3.2": {
      id: "rfc6121/3.2.3/cancel-to-each-interested",
      title: "the cancellation is delivered to each of the user's interested resources",
      requirements: ["RFC6121-3.2.3-2"],
    },
    "3.3": {
      id: "rfc6121/3.3.3/unsubscribe-to-each-interested",
      title: "the unsubscribe is delivered to each of the contact's interested resources",
      requirements: ["RFC6121-3.3.3-2"],
    },
  },
  {
    scenario: halves,
    "3.2": {
      id: "rfc6121/3.2.2/cancel-in-both",
      title: "cancelling in Both leaves the contact with 'to' and the user with 'from'",
      requirements: ["RFC6121-3.2.2-7", "RFC6121-3.2.3-2", "RFC6121-A.2.4-Both", "RFC6121-A.3.4-Both"],
    },
    "3.3": {
      id: "rfc6121/3.3.2/unsubscribe-in-both",
      title: "unsubscribing in Both leaves the user with 'from' and the contact with 'to'",
      requirements: ["RFC6121-3.3.2-5", "RFC6121-3.3.3-2", "RFC6121-A.2.2-Both", "RFC6121-A.3.2-Both"],
    },
  },
  {
    scenario: silent,
    "3.2": {
      id: "rfc6121/3.2.2/cancel-without-subscription-silent",
      title:
        "an 'unsubscribed' to someone with no subscription is neither delivered nor preceded by 'unavailable'",
      requirements: ["RFC6121-3.2.2-2", "RFC6121-3.2.3-6"],
      quiet: ["unsubscribe", "unsubscribed", "unavailable"],
    },
    "3.3": {
      id: "rfc6121/3.3.3/unsubscribe-without-subscription-silent",
      title: "an unsubscribe from a user with no subscription is not delivered to the contact",
      requirements: ["RFC6121-3.3.3-5"],
    },
  },
];

/** The rows of one side of the mirror as cases: alice and bob both online (interested and available). */
export function mirroredCases(side: "3.2" | "3.3"): CaseSpec[] {
  const ending = ENDINGS[side];
  const rows = PAIRS.map((pair) => ({ ...pair[side], scenario: pair.scenario }));
  return tableCases(rows, {
    users: ["alice:online", "bob:online"],
    run(row, ctx, { alice, bob }) {
      const [sender, receiver] = ending.sender === "contact" ? [bob, alice] : [alice, bob];
      return row.scenario(ctx, { alice, bob, sender, receiver, ending }, row);
    },
  });
}

// RFC 6121 §3: "the user's server MUST stamp the outbound subscription request with the bare JID" — and
// so every subscription stanza: one scenario in which the client stamps its own full JID instead, for
// the request (§3.1.2), the approval (§3.1.5) and the unsubscribe (§3.3.2).
import {
  assertBareFrom,
  type Client,
  presenceFrom,
  type Row,
  requestSubscription,
  section,
  subscribe,
  subscription,
  tableCases,
} from "../kit/index.ts";

interface StampRow extends Row {
  /** Bring alice and bob into the state in which the stanza is sent. */
  start: (alice: Client, bob: Client) => Promise<unknown>;
  sender: "alice" | "bob";
  type: string;
  /** Address the receiver's full JID instead of the bare one. */
  toFull?: boolean;
  what: string;
}

const STAMPED: StampRow[] = [
  {
    id: "rfc6121/3.1.2/stamp-overrides-full-from",
    title: "a request the client stamps with its own full JID still reaches the contact from the bare JID",
    requirements: ["RFC6121-3.1.2-7", "RFC6121-3-1"],
    start: async () => {},
    sender: "alice",
    type: "subscribe",
    what: "the request",
  },
  {
    id: "rfc6121/3.1.5/approval-stamped-bare",
    title:
      "an approval sent to the user's full JID, stamped with the contact's full JID, arrives from the bare JID",
    requirements: ["RFC6121-3.1.5-1", "RFC6121-3-1"],
    start: requestSubscription,
    sender: "bob",
    type: "subscribed",
    toFull: true,
    what: "the approval",
  },
  {
    id: "rfc6121/3.3.2/unsubscribe-stamped-bare",
    title: "an unsubscribe the client stamps with its full JID reaches the contact from the bare JID",
    requirements: ["RFC6121-3.3.2-4", "RFC6121-3-1"],
    start: (alice, bob) => subscribe(alice, bob),
    sender: "alice",
    type: "unsubscribe",
    what: "the unsubscribe",
  },
];

export default section(
  "rfc6121",
  "3",
  "Managing Presence Subscriptions",
  tableCases(STAMPED, {
    users: ["alice:online", "bob:online"],
    async run(row, _ctx, { alice, bob }) {
      await row.start(alice, bob);
      const [from, to] = row.sender === "alice" ? [alice, bob] : [bob, alice];
      const got = to.expect(presenceFrom(from.bare, row.type));
      await from.send(subscription(row.type, row.toFull ? to.full : to.bare, { from: from.full }));
      assertBareFrom(await got, from, row.what);
    },
  }),
);

// XEP-0191 §3.3, stanzas from a blocked JID to the user: never delivered; messages refused (SHOULD, with
// <service-unavailable/>), IQ requests refused (MUST), IQ responses and presence dropped without a word.
import { Violation } from "../../harness/errors.ts";
import { stanzaError } from "../../harness/match.ts";
import {
  blockJids,
  blockSubscribedContact,
  type CaseContext,
  type Client,
  type Element,
  message,
  messageWithId,
  nothingFrom,
  ping,
  presence,
  presenceWithStatus,
  requireBlocking,
  section,
  sendPresence,
  subscribe,
  subscription,
  type Users,
  uid,
  xml,
} from "../kit/index.ts";

/** `sender` sends a chat message to `to`; `recipient` must not get it (§3.3-6). Returns its id. */
async function messageHeld(sender: Client, recipient: Client, to: string): Promise<string> {
  const id = `blocked-${uid()}`;
  await sender.send(message(to, "are you there?", { id }));
  await nothingFrom(
    sender,
    recipient,
    messageWithId(id),
    "the server delivered a message from a blocked JID",
  );
  return id;
}

/** An IQ request from the blocked `bob` to alice: refused with an error (SHOULD: service-unavailable). */
async function requestRefused(ctx: CaseContext, alice: Client, bob: Client, iq: Element): Promise<void> {
  await blockSubscribedContact(ctx, alice, bob);
  const id = iq.attrs.id ?? "";
  const reply = await bob.iq(iq);
  if (reply.attrs.type !== "error")
    throw new Violation(`an IQ ${iq.attrs.type} from a blocked JID got ${reply.toString()}, not an error`);
  await alice.expectNothing({ name: "iq", id }, "the server delivered an IQ request from a blocked JID");
  const condition = stanzaError(reply)?.condition;
  ctx.should(
    condition === "service-unavailable",
    `the error should be <service-unavailable/>, got <${condition}/>`,
  );
}

/** An IQ response from the blocked `bob` to alice: dropped, no error back. */
async function responseDropped(ctx: CaseContext, alice: Client, bob: Client, type: "result" | "error") {
  await blockSubscribedContact(ctx, alice, bob);
  const id = `resp-${uid()}`;
  const iq = xml("iq", { type, id, to: alice.full });
  if (type === "error")
    iq.append(
      xml(
        "error",
        { type: "cancel" },
        xml("item-not-found", { xmlns: "urn:ietf:params:xml:ns:xmpp-stanzas" }),
      ),
    );
  await bob.send(iq);
  await nothingFrom(bob, alice, { name: "iq", id }, `the server delivered an IQ ${type} from a blocked JID`);
  await bob.expectNothing(
    { name: "iq", id, type: "error" },
    `the server answered an IQ ${type} from a blocked JID`,
  );
}

/** The two addresses of the user a blocked contact's message may take (§3.3: neither delivers it). */
const HELD_MESSAGES = [
  { slug: "blocked-message-not-delivered", to: "full" },
  { slug: "blocked-message-to-bare-not-delivered", to: "bare" },
] as const;

export default section("xep0191", "3.3", "User Blocks JID", [
  ...HELD_MESSAGES.map((row) => ({
    id: `xep0191/3.3/${row.slug}`,
    title: `a chat message from a blocked JID to the user's ${row.to} JID reaches no resource of the user`,
    requirements: ["XEP0191-3.3-6"],
    users: ["alice:online", "bob:online"],
    async run(ctx: CaseContext, { alice, bob }: Users) {
      await blockSubscribedContact(ctx, alice, bob);
      await messageHeld(bob, alice, row.to === "full" ? alice.full : alice.bare);
    },
  })),
  {
    id: "xep0191/3.3/blocked-message-error",
    title: "a message from a blocked JID should be answered with <service-unavailable/>",
    requirements: ["XEP0191-3.3-8"],
    users: ["alice:online", "bob:online"],
    async run(ctx, { alice, bob }) {
      await blockSubscribedContact(ctx, alice, bob);
      const id = `blocked-${uid()}`;
      // the bounce comes from the recipient's side, not in order with bob's own stream: waited for
      const bounced = bob.expect({ name: "message", id }).catch(() => undefined);
      await bob.send(message(alice.full, "hello?", { id }));
      const reply = await bounced;
      const condition = reply && stanzaError(reply)?.condition;
      ctx.should(
        reply?.attrs.type === "error" && condition === "service-unavailable",
        reply
          ? `the message from a blocked JID should bounce with <service-unavailable/>, got ${reply.toString()}`
          : "the message from a blocked JID should bounce with an error, none came back",
      );
    },
  },
  {
    id: "xep0191/3.3/blocked-every-resource",
    title: "a block of a bare JID holds messages from every resource of it",
    requirements: ["XEP0191-3.3-6"],
    users: ["alice:online", "bob:online"],
    async run(ctx, { alice, bob }) {
      await blockSubscribedContact(ctx, alice, bob);
      const second = await ctx.login("bob", "online");
      await messageHeld(second, alice, alice.full);
    },
  },
  {
    id: "xep0191/3.3/blocked-full-jid-held",
    title: "a block of one full JID holds the messages of that resource",
    requirements: ["XEP0191-3.3-6"],
    users: ["alice:online", "bob:online"],
    async run(ctx, { alice, bob }) {
      await requireBlocking(ctx, alice);
      await blockJids(ctx, alice, "block", [bob.full]);
      await messageHeld(bob, alice, alice.full);
    },
  },
  {
    id: "xep0191/3.3/blocked-iq-get-refused",
    title: "an IQ get from a blocked JID is answered with an error and not delivered",
    requirements: ["XEP0191-3.3-9"],
    users: ["alice:online", "bob:online"],
    run: (ctx, { alice, bob }) => requestRefused(ctx, alice, bob, ping(alice.full, `get-${uid()}`)),
  },
  {
    id: "xep0191/3.3/blocked-iq-set-refused",
    title: "an IQ set from a blocked JID is answered with an error and not delivered",
    requirements: ["XEP0191-3.3-9"],
    users: ["alice:online", "bob:online"],
    run: (ctx, { alice, bob }) =>
      requestRefused(
        ctx,
        alice,
        bob,
        xml(
          "iq",
          { type: "set", to: alice.full, id: `set-${uid()}` },
          xml("query", { xmlns: "urn:xmppspec:test" }),
        ),
      ),
  },
  {
    id: "xep0191/3.3/blocked-iq-result-dropped",
    title: "an IQ result from a blocked JID is dropped silently: not delivered, no error",
    requirements: ["XEP0191-3.3-10"],
    users: ["alice:online", "bob:online"],
    run: (ctx, { alice, bob }) => responseDropped(ctx, alice, bob, "result"),
  },
  {
    id: "xep0191/3.3/blocked-iq-error-dropped",
    title: "an IQ error from a blocked JID is dropped silently",
    requirements: ["XEP0191-3.3-10"],
    users: ["alice:online", "bob:online"],
    run: (ctx, { alice, bob }) => responseDropped(ctx, alice, bob, "error"),
  },
  {
    id: "xep0191/3.3/blocked-presence-not-delivered",
    title: "a blocked contact's presence broadcast does not reach the user",
    requirements: ["XEP0191-3.3-6", "XEP0191-3.3-7"],
    users: ["alice:online", "bob:online"],
    async run(ctx, { alice, bob }) {
      await blockSubscribedContact(ctx, alice, bob);
      const status = `blocked-${uid()}`;
      await sendPresence(bob, xml("status", {}, status));
      await nothingFrom(
        bob,
        alice,
        presenceWithStatus(bob.full, status),
        "the blocked contact's presence reached the user",
      );
      await bob.expectNothing(
        { name: "presence", type: "error" },
        "the server answered the blocked contact's presence with an error",
      );
    },
  },
  {
    id: "xep0191/3.3/blocked-directed-presence-dropped",
    title: "directed presence from a blocked JID is dropped without an error",
    requirements: ["XEP0191-3.3-7", "XEP0191-3.3-6"],
    users: ["alice:online", "bob:online"],
    async run(ctx, { alice, bob }) {
      await requireBlocking(ctx, alice);
      await blockJids(ctx, alice, "block", [bob.bare]);
      const id = `dp-${uid()}`;
      await bob.send(presence({ to: alice.full, id, status: "directed" }));
      await nothingFrom(
        bob,
        alice,
        { name: "presence", id },
        "directed presence from a blocked JID reached the user",
      );
      await bob.expectNothing(
        { name: "presence", id, type: "error" },
        "the server answered presence from a blocked JID with an error",
      );
    },
  },
  {
    id: "xep0191/3.3/blocked-subscribe-dropped",
    title: "a subscription request from a blocked JID reaches no resource of the user and gets no answer",
    requirements: ["XEP0191-3.3-7", "XEP0191-3.3-6"],
    users: ["alice:online", "bob:online"],
    async run(ctx, { alice, bob }) {
      await requireBlocking(ctx, alice);
      await blockJids(ctx, alice, "block", [bob.bare]);
      const id = `sub-${uid()}`;
      await bob.send(subscription("subscribe", alice.bare, { id }));
      await nothingFrom(
        bob,
        alice,
        { name: "presence", type: "subscribe" },
        "a subscription request from a blocked JID reached the user",
      );
      await bob.expectNothing(
        { name: "presence", fromBare: alice.bare },
        "the server answered a subscription request from a blocked JID",
      );
    },
  },
  {
    id: "xep0191/3.3/blocked-probe-unanswered",
    title: "a presence probe from a blocked contact gets no answer: no presence, no error",
    requirements: ["XEP0191-3.3-7"],
    users: ["alice:online", "bob:online"],
    async run(ctx, { alice, bob }) {
      await requireBlocking(ctx, alice);
      await ctx.setUp("bob subscribes to alice's presence", () => subscribe(bob, alice));
      await blockJids(ctx, alice, "block", [bob.bare]);
      await bob.send(xml("presence", { type: "probe", to: alice.bare, id: `probe-${uid()}` }));
      await bob.expectNothing(
        {
          name: "presence",
          fromBare: alice.bare,
          where: (el) => el.attrs.type !== "unavailable", // the block's own notice may still come
          what: "other than unavailable",
        },
        "the server answered a probe from a blocked JID",
      );
    },
  },
]);

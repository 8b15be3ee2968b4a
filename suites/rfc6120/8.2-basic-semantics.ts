// RFC 6120 §8.2: what each stanza kind means: a message is routed to its recipient, an IQ get or set is
// answered exactly once with its id (even one whose sender broke the one-payload rule), and a result or
// error is never answered.

import { conditionsOf } from "../../harness/error-conditions.ts";
import { Violation } from "../../harness/errors.ts";
import {
  assertStanzaError,
  clip,
  type Element,
  message,
  NS,
  ping,
  rosterGet,
  section,
  twoPayloads,
  xml,
} from "../kit/index.ts";

/**
 * §8.2.3 rule 2: the receiver of a get or set "MUST reply with an IQ response of type result or error"
 * (iq() waits for exactly that, with the request's id); an error must be a well-formed one.
 */
function answeredEitherWay(reply: Element): void {
  if (reply.attrs.type === "error") assertStanzaError(reply, conditionsOf("stanza"));
}

export default section("rfc6120", "8.2", "Basic Semantics", [
  {
    id: "rfc6120/8.2.1/message-to-full-jid-delivered",
    title: "a message to another account's connected full JID is delivered to it",
    requirements: ["RFC6120-8.2.1-1"],
    users: ["alice", "bob:available"],
    async run(_ctx, { alice, bob }) {
      await alice.send(message(bob.full, "hi", { id: "full-1" }));
      // the marker goes to the bare JID: it takes another delivery path than the message under test
      const marker = bob.expect({ name: "message", id: "full-1-marker" });
      await alice.send(message(bob.bare, "m", { id: "full-1-marker" }));
      await marker;
      if (!bob.inbox.some((el) => el.name === "message" && el.attrs.id === "full-1"))
        throw new Violation("the message to the connected full JID was not delivered");
    },
  },
  {
    id: "rfc6120/8.2.3/iq-reply-id",
    title: "an IQ get to the server is answered once, with the same id",
    requirements: [
      "RFC6120-8.2.3-4",
      "RFC6120-8.2.3-5",
      "RFC6120-8.1.3-2",
      "RFC6120-15-18",
      "RFC6120-15-29",
      "RFC6120-15-32",
      "RFC6120-8-1",
      "RFC6120-8.2.3-1",
      "RFC6120-8.2.3-2",
    ],
    users: ["alice"],
    async run(ctx, { alice }) {
      // iq() takes only a result or an error carrying the request's id; anything else times out (FAIL)
      await alice.iq(ping(ctx.domain, "same-id-1"));
    },
  },
  {
    id: "rfc6120/8.2.3/iq-exactly-one-reply",
    title: "an IQ get is answered exactly once (a barrier shows no second reply)",
    requirements: ["RFC6120-8.2.3-4", "RFC6120-15-30"],
    users: ["alice"],
    async run(ctx, { alice }) {
      await alice.iq(ping(ctx.domain, "once-1"));
      await alice.expectNothing({ name: "iq", id: "once-1" }, "a second reply to the same IQ arrived");
    },
  },
  {
    id: "rfc6120/8.2.3/no-reply-to-result",
    title: "an IQ result sent to the server is not answered",
    requirements: ["RFC6120-8.2.3-6"],
    users: ["alice"],
    async run(ctx, { alice }) {
      await alice.send(xml("iq", { type: "result", id: "unsolicited-result", to: ctx.domain }));
      await alice.expectNothing({ name: "iq", id: "unsolicited-result" }, "the server answered an IQ result");
    },
  },
  {
    id: "rfc6120/8.2.3/iq-two-payloads",
    title: "an IQ get with two payload children is answered: a result or an error",
    // "exactly one child element" binds the request's sender; its receiver MUST only reply
    requirements: ["RFC6120-8.2.3-4", "RFC6120-8.2.3-7"],
    users: ["alice"],
    async run(ctx, { alice }) {
      answeredEitherWay(await alice.iq(twoPayloads(ctx.domain)));
    },
  },
  {
    id: "rfc6120/8.2.3/iq-no-payload",
    title: "an IQ get with no payload is answered: a result or an error",
    requirements: ["RFC6120-8.2.3-4", "RFC6120-8.2.3-7"],
    users: ["alice"],
    async run(ctx, { alice }) {
      answeredEitherWay(await alice.iq(xml("iq", { type: "get", to: ctx.domain })));
    },
  },
  {
    id: "rfc6120/8.2.3/iq-unknown-type",
    title: "an IQ with a type outside get/set/result/error gets <bad-request/>",
    requirements: ["RFC6120-8.2.3-3", "RFC6120-15-21", "RFC6120-15-31"],
    users: ["alice"],
    async run(ctx, { alice }) {
      await alice.send(
        `<iq type='frobnicate' id='badtype-1' to='${ctx.domain}'><ping xmlns='${NS.ping}'/></iq>`,
      );
      let reply: Element;
      try {
        reply = await alice.expect({ name: "iq", id: "badtype-1" });
      } catch (err) {
        // closing the stream for a schema violation is also allowed (RFC 6120 §11.4); silence is not
        if (alice.streamError) return;
        throw err;
      }
      assertStanzaError(reply, ["bad-request"]);
    },
  },
  {
    id: "rfc6120/8.2.3/result-at-most-one-child",
    title: "an IQ result (roster get) carries zero or one child element",
    requirements: ["RFC6120-8.2.3-8"],
    serverGenerated: true, // the server generates what is checked: the sender's rules bind it
    users: ["alice"],
    async run(ctx, { alice }) {
      const reply = await alice.iq(rosterGet());
      ctx.expect(reply.attrs.type).to.equal("result");
      const n = reply.getChildElements().length;
      if (n > 1) throw new Violation(`the IQ result carries ${n} child elements: ${clip(reply)}`);
    },
  },
]);

// RFC 6121 §5.1: messages between two users reach only the addressee, and a message or IQ to a
// malformed address comes back as an error (RFC 6120 §8.3.3.8 <jid-malformed/>).

import { conditionsOf } from "../../harness/error-conditions.ts";
import {
  assertStanzaError,
  defaultTypeMiss,
  markerBarrier,
  message,
  messageWithId,
  section,
  xml,
} from "../kit/index.ts";

export default section("rfc6121", "5.1", "One-to-One Chat Sessions", [
  {
    id: "rfc6121/5.1/no-leak-to-third-party",
    title: "a message between two users is not delivered to an uninvolved third account",
    requirements: ["RFC6121-11-2", "RFC6120-13.10.2-1"],
    users: ["alice:available", "bob:available", "carol:available"],
    async run(_ctx, { alice, bob, carol }) {
      await alice.send(message(bob.full, "for bob only", { id: "private-1" }));
      await bob.expect(messageWithId("private-1"));
      await markerBarrier(alice, carol);
      await carol.expectNothing(
        messageWithId("private-1"),
        "a message to another user reached an uninvolved account",
      );
    },
  },
  {
    id: "rfc6121/5.1/iq-to-malformed-jid",
    title: "an IQ addressed to a malformed JID gets an error, <jid-malformed/>",
    requirements: ["RFC6120-8.3.1-1", "RFC6120-8.3.3.8-1"],
    users: ["alice"],
    async run(ctx, { alice }) {
      // RFC 7622 §3.3.1: a localpart of zero octets (an '@' with nothing before it) is not allowed
      const reply = await alice.iq(
        xml(
          "iq",
          { type: "get", to: `@${ctx.domain}`, id: "bad-jid-iq" },
          xml("query", { xmlns: "urn:xmppspec:x" }),
        ),
      );
      // the error is the MUST; which condition is what §8.3.3.8 recommends
      const cond = assertStanzaError(reply, conditionsOf("stanza"), "bad-jid-iq");
      ctx.should(
        cond === "jid-malformed",
        `a malformed 'to' should be answered with <jid-malformed/>, got <${cond}/>`,
      );
      const miss = defaultTypeMiss(reply);
      ctx.should(miss === undefined, miss ?? "");
    },
  },
  {
    id: "rfc6121/5.1/message-to-malformed-jid",
    title: "a message addressed to a malformed JID is bounced with <jid-malformed/>",
    requirements: ["RFC6120-8.3.3.8-1"],
    users: ["alice:available"],
    async run(ctx, { alice }) {
      await alice.send(message(`@${ctx.domain}`, "nowhere", { id: "bad-jid-msg" }));
      const err = await alice.expect({ name: "message", id: "bad-jid-msg", type: "error" });
      assertStanzaError(err, ["jid-malformed"]);
      const miss = defaultTypeMiss(err);
      ctx.should(miss === undefined, miss ?? "");
    },
  },
]);

// RFC 6120 §10.3: a stanza without 'to' is handled on behalf of the account that sent it: a message as if
// to the sender's bare JID, presence broadcast, an IQ processed by the server (and answered).

import { Violation } from "../../harness/errors.ts";
import { assertStanzaError, presence, rosterGet, section, unknownPayloadIq, xml } from "../kit/index.ts";

export default section("rfc6120", "10.3", "No 'to' Address", [
  {
    id: "rfc6120/10.3.1/message-no-to",
    title:
      "a message without 'to' is handled as if sent to the sender's bare JID (its only resource gets it)",
    requirements: ["RFC6120-10.3.1-1", "RFC6120-10.3-1"],
    users: ["alice:available"],
    async run(ctx, { alice }) {
      await alice.send(xml("message", { id: "no-to-1", type: "chat" }, xml("body", {}, "note to self")));
      const got = (await alice.barrier()).find((el) => el.name === "message" && el.attrs.id === "no-to-1");
      // The bare JID has one available resource, the sender: RFC 6121 §8.5.2.1.1 delivers it there.
      if (!got) throw new Violation("the message without 'to' was not delivered to the account's resource");
      ctx.expect(got.attrs.type, "type").to.not.equal("error");
    },
  },
  {
    id: "rfc6120/10.3.2/presence-no-to-broadcast",
    title: "presence without 'to' is broadcast: the account's other available resource receives it",
    requirements: ["RFC6120-10.3.2-1"],
    users: ["alice"],
    async run(ctx, { alice }) {
      // Available before the second session speaks (the barrier proves the presence was processed);
      // not waiting for the echo, which is itself a broadcast.
      await alice.send(presence());
      await alice.barrier();
      const second = await ctx.login("alice");
      await second.send(presence({ status: "here" }));
      const got = await alice.expect({ name: "presence", from: second.full });
      ctx.expect(got.attrs.type, "type").to.equal(undefined);
    },
  },
  {
    id: "rfc6120/10.3.3/iq-no-to-answered",
    title: "an IQ get without 'to' (roster get) is processed on behalf of the account and answered",
    requirements: ["RFC6120-10.3.3-1", "RFC6120-10.3.3-2", "RFC6120-10.3-1"],
    users: ["alice"],
    async run(_ctx, { alice }) {
      const get = rosterGet();
      get.attrs.id = "no-to-iq-1";
      // iq() takes only a result or an error carrying the request's id; anything else times out (FAIL)
      await alice.iq(get);
    },
  },
  {
    id: "rfc6120/10.3.3/unknown-payload-service-unavailable",
    title: "an IQ get without 'to' whose payload the server does not know gets <service-unavailable/>",
    requirements: ["RFC6120-10.3.3-3", "RFC6120-8.4-12", "RFC6120-8.3.1-1", "RFC6120-15-23"],
    users: ["alice"],
    async run(_ctx, { alice }) {
      const reply = await alice.iq(unknownPayloadIq({ id: "unknown-1" }));
      // §10.3.3 (and §8.4 for any IQ): "the server MUST return an error to the sending entity, which MUST
      // be <service-unavailable/>": <feature-not-implemented/> is another condition, a MUST violation
      assertStanzaError(reply, ["service-unavailable"], "unknown-1");
    },
  },
  {
    id: "rfc6120/10.3.3/result-no-to-ignored",
    title: "an IQ result without 'to' and without a matching request is not answered",
    requirements: ["RFC6120-10.3.3-4", "RFC6120-8.2.3-6"],
    users: ["alice"],
    async run(_ctx, { alice }) {
      await alice.send(xml("iq", { type: "result", id: "orphan-result-1" }));
      await alice.expectNothing({ name: "iq", id: "orphan-result-1" }, "the server answered an IQ result");
    },
  },
]);

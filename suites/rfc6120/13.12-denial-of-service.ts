// RFC 6120 §13.12: denial of service — nothing is processed before authentication, and a stanza of
// the smallest allowed maximum size (10000 bytes) still goes through.

import { Violation } from "../../harness/errors.ts";
import { isStreamError } from "../../harness/match.ts";
import { clip, NS, nextId, section, xml } from "../kit/index.ts";

export default section("rfc6120", "13.12", "Denial of Service", [
  {
    id: "rfc6120/13.12/no-stanza-processing-before-auth",
    title: "an IQ to the server sent over TLS before SASL is not answered with a result",
    requirements: ["RFC6120-13.12-1"],
    async run(ctx) {
      const s = await ctx.openSecured();
      const id = nextId("early");
      await s.send(xml("iq", { type: "get", id, to: ctx.domain }, xml("ping", { xmlns: NS.ping })));
      const el = await s
        .expect({
          where: (e) => e.name === "stream:error" || (e.name === "iq" && e.attrs.id === id),
          what: "the reply to the early IQ, or a stream error",
        })
        .catch(() => undefined); // silence (or a closed stream) means it was not processed
      if (el?.name === "iq" && el.attrs.type === "result")
        throw new Violation(`an IQ from an unauthenticated client was processed: ${clip(el)}`);
    },
  },
  {
    id: "rfc6120/13.12/stanza-of-10000-bytes",
    title: "a message stanza of 10000 bytes (the smallest allowed maximum) is accepted and delivered",
    requirements: ["RFC6120-13.12-9"],
    users: ["alice", "bob:available"],
    async run(ctx, { alice, bob }) {
      const id = nextId("big");
      const make = (n: number) =>
        xml("message", { to: bob.full, type: "chat", id }, xml("body", {}, "x".repeat(n)));
      // fill to exactly 10000 bytes of markup (§13.12: from the opening '<' to the closing '>')
      const size = make(1).toString().length - 1;
      const stanza = make(10_000 - size);
      ctx.expect(Buffer.byteLength(stanza.toString()), "stanza size").to.equal(10_000);
      const got = bob.expect({ name: "message", id });
      // a refusal comes back to the sender: a bounce of this message or a stream error
      const refused = alice.expect({
        where: (e) =>
          isStreamError(e) || (e.name === "message" && e.attrs.id === id && e.attrs.type === "error"),
        what: "a stream error or the message bounced",
      });
      await alice.send(stanza);
      const first = await Promise.race([got.then((el) => ({ el })), refused.then((no) => ({ no }))]);
      if ("no" in first) throw new Violation(`a 10000-byte stanza was refused: ${clip(first.no)}`);
      ctx.expect(first.el.getChildText("body")?.length, "body length").to.equal(10_000 - size);
    },
  },
]);

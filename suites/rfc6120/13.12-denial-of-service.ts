// RFC 6120 §13.12: denial of service — nothing is processed before authentication (SASL is
// mandatory-to-negotiate, §6.3.1), and a stanza of the smallest allowed maximum size (10000 bytes) still
// goes through.

import { Violation } from "../../harness/errors.ts";
import { isStreamError, stanzaError } from "../../harness/match.ts";
import { clip, expectStreamError, NS, nextId, section, xml } from "../kit/index.ts";

export default section("rfc6120", "13.12", "Denial of Service", [
  {
    id: "rfc6120/13.12/no-stanza-processing-before-auth",
    title:
      "SASL is mandatory-to-negotiate: an IQ to the server sent over TLS before SASL is not answered with a result",
    requirements: ["RFC6120-13.12-1", "RFC6120-6.3.1-1", "RFC6120-15-7"],
    async run(ctx) {
      // §4.3.5's close with <not-authorized/> is for "such stanzas", those to other entities (the 4.3.5
      // cases); one to the server itself is refused as well by an error, a close or silence
      ctx.reading("I-6120-such-stanzas");
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
  {
    id: "rfc6120/13.12/oversize-stanza-refused",
    title:
      "a 10 MB stanza from a connected resource gets a <policy-violation/> stanza error or stream error, and the server keeps serving",
    requirements: ["RFC6120-13.12-11", "RFC6120-4.9.1.1-1"],
    needs: ["tcp"],
    users: ["alice"],
    async run(ctx, { alice }) {
      ctx.reading("I-6120-oversize-stanza");
      const id = nextId("huge");
      const huge = `<message to='${alice.full}' id='${id}'><body>${"A".repeat(10_000_000)}</body></message>`;
      await alice.send(huge).catch(() => {});
      // delivered back (no limit below 10 MB), bounced, or the stream closed
      const back = await alice.expect({ name: "message", id }, 20_000).catch((err) => {
        if (!alice.streamError) throw err;
      });
      if (!back) {
        // §4.9.3.18 <resource-constraint/> is a fair refusal of what a server cannot hold at all (a WARN)
        await expectStreamError(ctx, alice, ["RFC6120-13.12-11"]);
      } else if (back.attrs.type === "error") {
        const cond = stanzaError(back)?.condition;
        if (cond !== "policy-violation")
          throw new Violation(
            `the oversize stanza was bounced with <${cond ?? "none"}/>, not <policy-violation/>`,
          );
      } else {
        // a deployment may set its limit above 10 MB (§13.12 only asks that a limit can be configured)
        ctx.note("the 10 MB stanza was delivered: this deployment's size limit is higher");
      }
      await ctx.open(); // a fresh stream gets its header and features: the server keeps serving
    },
  },
]);

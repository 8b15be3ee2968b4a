// RFC 6120 §7.1, §7.7: what the server must do when binding goes wrong or is skipped.
import { StreamClosed, Violation } from "../../harness/errors.ts";
import { streamErrorCondition } from "../../harness/match.ts";
import { section } from "../../harness/runner/case.ts";
import type { Element } from "../../harness/xml/element.ts";
import { expectStreamErrorNext, NS, ping, xml } from "../helpers.ts";

/** Beyond this many failed binds without a close, the server has no retry limit (§7.7.3 says 5..10 retries). */
const MAX_ATTEMPTS = 20;

export default section("rfc6120", "7", "Resource Binding", [
  {
    id: "rfc6120/7.1/stanza-before-bind-closes",
    title: "a message to another entity before binding closes the stream with <not-authorized/>",
    requirements: [
      "RFC6120-7.1-5",
      "RFC6120-4.9.1.1-1",
      "RFC6120-15-2",
      "RFC6120-4.3.6-2",
      "RFC6120-7.3.1-1",
    ],
    accounts: 2,
    async run(ctx) {
      const [a, b] = ctx.accounts;
      const bob = await ctx.login(b, { presence: true });
      const s = await ctx.openSecured();
      await s.authenticate({ username: a.username, password: a.password });
      await s.send(`<message to='${bob.jid}' id='unbound' type='chat'><body>before bind</body></message>`);
      // An IQ to the server itself is allowed before binding (§7.1); on a stream that is still open it gets an
      // answer, which shows the message did not close it. The stream error must come first.
      await s.send(ping(ctx.domain, "after-unbound"));
      await expectStreamErrorNext(s, ["not-authorized"]);
      await bob.expectNothing(
        { name: "message", id: "unbound" },
        "a message sent before binding was delivered",
      );
    },
  },
  {
    id: "rfc6120/7.7.3/bind-retry-limit",
    title: "failing resource binding over and over ends in <policy-violation/> within a few retries",
    requirements: ["RFC6120-7.7.3-2", "RFC6120-7.7.3-1"],
    accounts: 1,
    async run(ctx) {
      const a = ctx.accounts[0];
      const s = await ctx.openSecured();
      await s.authenticate({ username: a.username, password: a.password });
      for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
        // U+FDD0 is legal XML but a PRECIS-disallowed noncharacter: the resourcepart cannot be used as is.
        const req = xml(
          "iq",
          { type: "set" },
          xml("bind", { xmlns: NS.bind }, xml("resource", {}, `bad\uFDD0res${attempt}`)),
        );
        let reply: Element;
        try {
          reply = await s.iq(req);
        } catch (err) {
          if (!(err instanceof StreamClosed)) throw err;
          return void checkClose(attempt);
        }
        if (reply.attrs.type !== "error") {
          // §7.7.2.1: processing the resourcepart into conformance is what the RFC prefers; nothing to count.
          if (attempt === 1) ctx.skip("the target binds (a conformant form of) a bad resourcepart");
          throw new Violation(`attempt ${attempt} bound after ${attempt - 1} failures of the same request`);
        }
        if (s.streamError) {
          await s.expectClose();
          return checkClose(attempt);
        }
      }
      // The MUST binds a server that has a limit; having none breaks only the SHOULD of "no more than 10".
      throw new Violation(
        `${MAX_ATTEMPTS} failed bind attempts and the stream is still open: no retry limit`,
        true,
      );

      function checkClose(attempt: number): void {
        if (!s.streamError) throw new Violation(`closed after ${attempt} binds without a stream error`);
        const cond = streamErrorCondition(s.streamError);
        if (cond !== "policy-violation")
          throw new Violation(`the bind retry limit was enforced with <${cond ?? "none"}/>`);
        if (attempt > 11)
          throw new Violation(`the stream was closed only after ${attempt} binds (at most 10 retries)`, true);
      }
    },
  },
]);

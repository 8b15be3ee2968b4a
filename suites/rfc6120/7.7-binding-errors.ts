// RFC 6120 §7.7: client-submitted resources — accepted (or overridden), refused when empty or not
// a valid resourcepart, the conflict policies, and the limit on failed binds.

import { StreamClosed, Violation } from "../../harness/errors.ts";
import { streamErrorCondition } from "../../harness/match.ts";
import {
  afterSasl,
  assertStanzaError,
  authenticated,
  bindRequest,
  boundJid,
  type Element,
  section,
} from "../kit/index.ts";

/** Beyond this many failed binds without a close, the server has no retry limit (§7.7.3 says 5..10 retries). */
const MAX_ATTEMPTS = 20;

/**
 * U+FDD0 is legal XML but a noncharacter PRECIS disallows: a resourcepart that cannot be used as is.
 * (Characters XML forbids, like U+0007 or U+FFFE, would test the XML parser instead.)
 */
const BAD_RESOURCE = "bad\uFDD0res";

export default section("rfc6120", "7.7", "Client-Submitted Resource Identifier", [
  {
    id: "rfc6120/7.7.1/client-chosen-resource",
    title: "a client-submitted resource is accepted (or overridden, a MAY) and the result is a full JID",
    requirements: ["RFC6120-7.7.1-1", "RFC6120-4.3.6-4", "RFC6120-15-4"],
    users: ["alice:account"],
    async run(ctx) {
      const s = await ctx.login("alice", { resource: "xmppspec-chosen" });
      if (!s.jid.resource) throw new Violation(`the bind result is not a full JID: ${s.full}`);
      // §7.7.1: the server SHOULD accept it, and MAY "override it with a resourcepart that the server generates"
      ctx.should(
        s.jid.resource === "xmppspec-chosen",
        `asked for 'xmppspec-chosen', bound '${s.jid.resource}'`,
      );
    },
  },
  {
    id: "rfc6120/7.7.1/non-ascii-resource-kept",
    title: "a client-submitted non-ASCII resource (already in NFC) is accepted as is, in a full JID",
    requirements: ["RFC6120-7.7.1-1", "RFC6120-7.6.1-1"],
    users: ["alice:account"],
    async run(ctx) {
      const wanted = "café-ñandú";
      const s = await ctx.login("alice", { resource: wanted });
      if (!s.jid.resource) throw new Violation(`the bind result is not a full JID: ${s.full}`);
      // §7.7.1: SHOULD accept; overriding it is allowed (a MAY), so a different one is a WARN
      ctx.should(s.jid.resource === wanted, `asked for '${wanted}', bound '${s.jid.resource}'`);
    },
  },
  afterSasl({
    id: "rfc6120/7.7.2.1/empty-resource",
    title: "an empty <resource/> is refused with <bad-request/> (or replaced by a generated one)",
    requirements: ["RFC6120-7.7.2.1-1", "RFC6120-8.2.3-4"],
    async run(_ctx, s) {
      const reply = await s.iq(bindRequest(""));
      if (reply.attrs.type === "error")
        return void assertStanzaError(reply, ["bad-request", "not-allowed", "jid-malformed"]);
      const jid = boundJid(reply);
      if (!/\/./.test(jid)) throw new Violation(`an empty resource was bound as '${jid}'`);
    },
  }),
  afterSasl({
    id: "rfc6120/7.7.2.1/malformed-resource",
    title:
      "a resource with a character PRECIS disallows (U+FDD0) is refused with <bad-request/> or overridden",
    requirements: ["RFC6120-7.7.2.1-1"],
    async run(_ctx, s) {
      const reply = await s.iq(bindRequest(BAD_RESOURCE));
      if (reply.attrs.type === "error")
        return void assertStanzaError(reply, ["bad-request", "jid-malformed", "not-allowed"]);
      // §7.7.1: the server MAY override a submitted resource with one of its own; it must not bind this one
      const jid = boundJid(reply);
      if (jid.includes("\uFDD0")) throw new Violation(`the disallowed resource was bound: '${jid}'`);
    },
  }),
  {
    id: "rfc6120/7.7.2.2/conflict-one-of-three",
    title:
      "a resource in use is overridden (old session kept), refused with <conflict/>, or taken over (old one gets <conflict/>)",
    requirements: ["RFC6120-7.7.2.2-1", "RFC6120-7.5-1"],
    users: ["alice:account"],
    async run(ctx) {
      const first = await ctx.login("alice", { resource: "xs-dup" });
      const second = await authenticated(ctx);
      const reply = await second.iq(bindRequest("xs-dup"));
      if (reply.attrs.type === "error") {
        // behaviour #2: <conflict/>, and the first session carries on
        assertStanzaError(reply, ["conflict"]);
        await first.barrier();
        return;
      }
      const jid = boundJid(reply);
      if (jid !== first.full) {
        // behaviour #1: another resource, and the first session carries on
        await first.barrier();
        return;
      }
      // behaviour #3: the first session is terminated with a <conflict/> stream error
      const alive = await first.barrier().then(
        () => true,
        () => false,
      );
      if (alive) throw new Violation(`two connected sessions hold ${jid}`);
      const cond = first.streamError ? streamErrorCondition(first.streamError) : undefined;
      if (cond !== "conflict")
        throw new Violation(
          `the replaced session was closed with <${cond ?? "no stream error"}/>, not <conflict/>`,
        );
    },
  },
  afterSasl({
    id: "rfc6120/7.7.3/bind-retry-limit",
    title: "failing resource binding over and over ends in <policy-violation/> within a few retries",
    requirements: ["RFC6120-7.7.3-2", "RFC6120-7.7.3-1"],
    async run(ctx, s) {
      const checkClose = (attempt: number): void => {
        if (!s.streamError) throw new Violation(`closed after ${attempt} binds without a stream error`);
        const cond = streamErrorCondition(s.streamError);
        if (cond !== "policy-violation")
          throw new Violation(`the bind retry limit was enforced with <${cond ?? "none"}/>`);
        ctx.should(attempt <= 11, `the stream was closed only after ${attempt} binds (at most 10 retries)`);
      };
      for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
        let reply: Element;
        try {
          reply = await s.iq(bindRequest(`${BAD_RESOURCE}${attempt}`));
        } catch (err) {
          if (!(err instanceof StreamClosed)) throw err;
          return checkClose(attempt);
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
      ctx.should(false, `${MAX_ATTEMPTS} failed bind attempts and the stream is still open: no retry limit`);
    },
  }),
]);

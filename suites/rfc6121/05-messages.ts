// RFC 6121 §5 / RFC 6120: exchanging messages — no third-party leak, text relayed intact,
// malformed addresses bounced.

import { Violation } from "../../harness/errors.ts";
import { section } from "../../harness/runner/case.ts";
import { xml } from "../../harness/xml/element.ts";
import {
  assertDefaultErrorType,
  assertStanzaError,
  DEFAULT_ERROR_TYPE,
  markerBarrier,
  message,
} from "../helpers.ts";

export default section("rfc6121", "5", "Exchanging Messages", [
  {
    id: "rfc6121/5.1/no-leak-to-third-party",
    title: "a message between two users is not delivered to an uninvolved third account",
    requirements: ["RFC6121-11-2", "RFC6120-13.10.2-1"],
    accounts: 3,
    async run(ctx) {
      const [a, b, c] = ctx.accounts;
      const [alice, bob, carol] = await Promise.all([
        ctx.login(a, { presence: true }),
        ctx.login(b, { presence: true }),
        ctx.login(c, { presence: true }),
      ]);
      await alice.send(message(bob.jid!.toString(), "for bob only", { id: "private-1" }));
      await bob.expect({ name: "message", id: "private-1" });
      await markerBarrier(alice, carol);
      await carol.expectNothing(
        (el) => el.name === "message" && el.attrs.id === "private-1",
        "a message to another user reached an uninvolved account",
      );
    },
  },
  {
    id: "rfc6121/5.2.3/escaped-body-relayed-intact",
    title: "body text with markup characters is delivered as the same character data",
    requirements: ["RFC6120-11.3-1", "RFC6120-8.4-13"],
    accounts: 2,
    async run(ctx) {
      const [a, b] = ctx.accounts;
      const [alice, bob] = await Promise.all([ctx.login(a), ctx.login(b, { presence: true })]);
      const text = `<b>bold</b> & "quotes" 'apos' <x:y xmlns:x='urn:x'/> ]]> &amp;`;
      await alice.send(message(bob.jid!.toString(), text, { id: "esc-1" }));
      const got = await bob.expect({ name: "message", id: "esc-1" });
      const body = got.getChild("body");
      ctx.expect(body, "the <body/>").to.not.equal(undefined);
      ctx.expect(body!.getChildElements().length, "child elements inside <body/>").to.equal(0);
      ctx.expect(body!.getText(), "the body's character data").to.equal(text);
    },
  },
  {
    id: "rfc6121/5.1/iq-to-malformed-jid",
    title: "an IQ addressed to a malformed JID gets an error, <jid-malformed/>",
    requirements: ["RFC6120-8.3.1-1", "RFC6120-8.3.3.8-1"],
    accounts: 1,
    async run(ctx) {
      const s = await ctx.login(ctx.accounts[0]);
      // RFC 7622 §3.3.1: a localpart of zero octets (an '@' with nothing before it) is not allowed
      const reply = await s.iq(
        xml(
          "iq",
          { type: "get", to: `@${ctx.domain}`, id: "bad-jid-iq" },
          xml("query", { xmlns: "urn:xmppspec:x" }),
        ),
      );
      // the error is the MUST; which condition is what §8.3.3.8 recommends
      const cond = assertStanzaError(reply, Object.keys(DEFAULT_ERROR_TYPE), "bad-jid-iq");
      if (cond !== "jid-malformed")
        throw new Violation(
          `a malformed 'to' should be answered with <jid-malformed/>, got <${cond}/>`,
          true,
        );
      assertDefaultErrorType(reply);
    },
  },
  {
    id: "rfc6121/5.1/message-to-malformed-jid",
    title: "a message addressed to a malformed JID is bounced with <jid-malformed/>",
    requirements: ["RFC6120-8.3.3.8-1"],
    accounts: 1,
    async run(ctx) {
      const s = await ctx.login(ctx.accounts[0], { presence: true });
      await s.send(message(`@${ctx.domain}`, "nowhere", { id: "bad-jid-msg" }));
      const err = await s.expect({ name: "message", id: "bad-jid-msg", type: "error" });
      assertStanzaError(err, ["jid-malformed"]);
      assertDefaultErrorType(err);
    },
  },
]);

// RFC 6120 §8 and §10: stanza semantics and server routing, as seen from client connections.
import { Violation } from "../../harness/errors.ts";
import { section } from "../../harness/runner/case.ts";
import { xml } from "../../harness/xml/element.ts";
import { assertDefaultErrorType, assertStanzaError, clip, markerBarrier, ping } from "../helpers.ts";

const UNKNOWN_NS = "urn:xmppspec:unknown-payload";

export default section("rfc6120", "8", "XML Stanzas", [
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
    accounts: 1,
    async run(ctx) {
      const s = await ctx.login(ctx.accounts[0]);
      const reply = await s.iq(ping(ctx.domain, "same-id-1"));
      ctx.expect(reply.attrs.id).to.equal("same-id-1");
      ctx.expect(reply.attrs.type).to.be.oneOf(["result", "error"]);
    },
  },
  {
    id: "rfc6120/8.2.3/iq-exactly-one-reply",
    title: "an IQ get is answered exactly once (a barrier shows no second reply)",
    requirements: ["RFC6120-8.2.3-4", "RFC6120-15-30"],
    accounts: 1,
    async run(ctx) {
      const s = await ctx.login(ctx.accounts[0]);
      await s.iq(ping(ctx.domain, "once-1"));
      await s.expectNothing({ name: "iq", id: "once-1" }, "a second reply to the same IQ arrived");
    },
  },
  {
    id: "rfc6120/8.2.3/no-reply-to-result",
    title: "an IQ result sent to the server is not answered",
    requirements: ["RFC6120-8.2.3-6"],
    accounts: 1,
    async run(ctx) {
      const s = await ctx.login(ctx.accounts[0]);
      await s.send(xml("iq", { type: "result", id: "unsolicited-result", to: ctx.domain }));
      await s.expectNothing({ name: "iq", id: "unsolicited-result" }, "the server answered an IQ result");
    },
  },
  {
    id: "rfc6120/8.3.1/no-error-reply-to-error",
    title: "an IQ error sent to the server is not answered with another error",
    requirements: ["RFC6120-8.3.1-11", "RFC6120-8.2.3-6", "RFC6120-15-26"],
    accounts: 1,
    async run(ctx) {
      const s = await ctx.login(ctx.accounts[0]);
      await s.send(
        xml(
          "iq",
          { type: "error", id: "unsolicited-error", to: ctx.domain },
          xml(
            "error",
            { type: "cancel" },
            xml("undefined-condition", { xmlns: "urn:ietf:params:xml:ns:xmpp-stanzas" }),
          ),
        ),
      );
      await s.expectNothing({ name: "iq", id: "unsolicited-error" }, "the server answered an IQ error");
    },
  },
  {
    id: "rfc6120/8.3.3.19/unknown-payload-service-unavailable",
    title: "an IQ get with a payload the server does not know gets <service-unavailable/>",
    requirements: ["RFC6120-10.3.3-3", "RFC6120-8.4-12", "RFC6120-8.3.1-1", "RFC6120-15-23"],
    accounts: 1,
    async run(ctx) {
      const s = await ctx.login(ctx.accounts[0]);
      const reply = await s.iq(
        xml("iq", { type: "get", id: "unknown-1" }, xml("query", { xmlns: UNKNOWN_NS })),
      );
      assertStanzaError(reply, ["service-unavailable", "feature-not-implemented"], "unknown-1");
    },
  },
  {
    id: "rfc6120/8.3.3/error-default-type",
    title: "the error for an unknown payload carries the condition's recommended type",
    requirements: ["RFC6120-8.3.3.19-1", "RFC6120-8.3.3-1"],
    accounts: 1,
    async run(ctx) {
      const s = await ctx.login(ctx.accounts[0]);
      const reply = await s.iq(xml("iq", { type: "get" }, xml("query", { xmlns: UNKNOWN_NS })));
      assertStanzaError(reply, ["service-unavailable", "feature-not-implemented"]);
      assertDefaultErrorType(reply);
    },
  },
  {
    id: "rfc6120/8.2.3/iq-two-payloads",
    title: "an IQ get with two payload children gets <bad-request/>",
    requirements: ["RFC6120-8.2.3-7", "RFC6120-8.2.3-4", "RFC6120-15-28"],
    accounts: 1,
    async run(ctx) {
      const s = await ctx.login(ctx.accounts[0]);
      const reply = await s.iq(
        xml(
          "iq",
          { type: "get", to: ctx.domain },
          xml("ping", { xmlns: "urn:xmpp:ping" }),
          xml("ping", { xmlns: "urn:xmpp:ping" }),
        ),
      );
      assertStanzaError(reply, ["bad-request"]);
    },
  },
  {
    id: "rfc6120/8.2.3/iq-no-payload",
    title: "an IQ get with no payload gets <bad-request/>",
    requirements: ["RFC6120-8.2.3-7", "RFC6120-8.2.3-4"],
    accounts: 1,
    async run(ctx) {
      const s = await ctx.login(ctx.accounts[0]);
      const reply = await s.iq(xml("iq", { type: "get", to: ctx.domain }));
      assertStanzaError(reply, ["bad-request", "service-unavailable", "feature-not-implemented"]);
    },
  },
  {
    id: "rfc6120/8.2.3/iq-unknown-type",
    title: "an IQ with a type outside get/set/result/error gets <bad-request/>",
    requirements: ["RFC6120-8.2.3-3", "RFC6120-15-21", "RFC6120-15-31"],
    accounts: 1,
    async run(ctx) {
      const s = await ctx.login(ctx.accounts[0]);
      await s.send(
        `<iq type='frobnicate' id='badtype-1' to='${ctx.domain}'><ping xmlns='urn:xmpp:ping'/></iq>`,
      );
      let reply: Awaited<ReturnType<typeof s.expect>>;
      try {
        reply = await s.expect({ name: "iq", id: "badtype-1" });
      } catch (err) {
        // closing the stream for a schema violation is also allowed (RFC 6120 §11.4); silence is not
        if (s.streamError) return;
        throw err;
      }
      assertStanzaError(reply, ["bad-request"]);
    },
  },
  {
    id: "rfc6120/8.1.2.1/from-stamped",
    title: "a message relayed between two accounts carries the sender's full JID as 'from'",
    requirements: [
      "RFC6120-8.1.2.1-1",
      "RFC6120-8.1.2.1-4",
      "RFC6120-15-15",
      "RFC6120-15-16",
      "RFC6120-15-33",
    ],
    accounts: 2,
    async run(ctx) {
      const [a, b] = ctx.accounts;
      const [alice, bob] = await Promise.all([ctx.login(a), ctx.login(b, { presence: true })]);
      await alice.send(
        xml("message", { to: bob.jid!.toString(), id: "stamp-1", type: "chat" }, xml("body", {}, "hi")),
      );
      const got = await bob.expect({ name: "message", id: "stamp-1" });
      ctx.expect(got.attrs.from, "'from'").to.equal(alice.jid!.toString());
    },
  },
  {
    id: "rfc6120/8.1.2.1/server-reply-from",
    title: "the server's reply to an IQ addressed to it carries 'from' = the server's domain",
    requirements: ["RFC6120-8.1.2.1-2"],
    accounts: 1,
    async run(ctx) {
      const s = await ctx.login(ctx.accounts[0]);
      const reply = await s.iq(ping(ctx.domain));
      ctx.expect(reply.attrs.from?.toLowerCase(), "'from' of the reply").to.equal(ctx.domain.toLowerCase());
    },
  },
  {
    id: "rfc6120/8.1.3/message-error-keeps-id",
    title: "a message to an unknown local account comes back as an error with the same id (or is dropped)",
    requirements: ["RFC6120-8.3.1-3", "RFC6120-8.3.1-5", "RFC6120-10.5.3.1-1", "RFC6120-15-25"],
    accounts: 1,
    async run(ctx) {
      const s = await ctx.login(ctx.accounts[0]);
      const to = `nobody-${Date.now()}@${ctx.domain}`;
      await s.send(xml("message", { to, id: "nobody-1", type: "chat" }, xml("body", {}, "anyone?")));
      const back = await s.barrier();
      const err = back.find((el) => el.name === "message" && el.attrs.type === "error");
      if (!err) return; // silently ignoring is allowed (RFC 6120 §10.5.3.1)
      ctx.expect(err.attrs.id, "id of the error").to.equal("nobody-1");
      assertStanzaError(err, ["service-unavailable"]);
    },
  },
  {
    id: "rfc6120/10.5.3.1/iq-to-unknown-account",
    title: "an IQ to an account that does not exist gets <service-unavailable/>",
    requirements: ["RFC6120-10.5.3.1-3", "RFC6120-8.3.3.19-2"],
    accounts: 1,
    async run(ctx) {
      const s = await ctx.login(ctx.accounts[0]);
      const reply = await s.iq(ping(`nobody-${Date.now()}@${ctx.domain}`));
      assertStanzaError(reply, ["service-unavailable"]);
    },
  },
  {
    id: "rfc6120/10.4.3/remote-domain",
    title:
      "a stanza to a domain that cannot exist gets an error: <remote-server-not-found/>, or <not-allowed/> where policy forbids routing",
    requirements: ["RFC6120-10.4.3-1", "RFC6120-10.4.3-2"],
    accounts: 1,
    async run(ctx) {
      const s = await ctx.login(ctx.accounts[0]);
      const reply = await s.iq(ping(`nobody@xmppspec-${Date.now()}.invalid`), 20_000);
      // §10.4: routing is subject to local policy; a server that does not route answers not-allowed
      assertStanzaError(reply, [
        "remote-server-not-found",
        "remote-server-timeout",
        "service-unavailable",
        "not-allowed",
      ]);
    },
  },
  {
    id: "rfc6120/10.5.4/iq-to-full-jid-routed",
    title: "an IQ to a connected full JID is delivered to that resource, and its answer comes back",
    requirements: ["RFC6120-10.5.4-2", "RFC6120-8.2.3-5", "RFC6121-8.5.3.1-2"],
    accounts: 2,
    async run(ctx) {
      const [a, b] = ctx.accounts;
      const [alice, bob] = await Promise.all([ctx.login(a), ctx.login(b)]);
      // RFC 6121 §8.5.3.1 lets a server refuse IQs from entities the recipient shares no presence
      // with; directed presence from bob to alice shares it.
      await bob.send(xml("presence", { to: alice.jid!.toString() }));
      await alice.expect({ name: "presence", from: bob.jid!.toString() });
      const reply = alice.iq(
        xml(
          "iq",
          { type: "get", to: bob.jid!.toString(), id: "routed-1" },
          xml("query", { xmlns: UNKNOWN_NS }),
        ),
      );
      const req = await bob.expect({ name: "iq", id: "routed-1" });
      ctx.expect(req.attrs.from, "'from' of the routed IQ").to.equal(alice.jid!.toString());
      await bob.send(xml("iq", { type: "result", id: "routed-1", to: req.attrs.from }));
      const r = await reply;
      ctx.expect(r.attrs.type, "answer relayed").to.equal("result");
      ctx.expect(r.attrs.from, "'from' of the answer").to.equal(bob.jid!.toString());
    },
  },
  {
    id: "rfc6120/8.4/unknown-child-routed",
    title: "a message with an extension the server does not understand is delivered with it intact",
    requirements: ["RFC6120-8.4-13", "RFC6120-15-27"],
    accounts: 2,
    async run(ctx) {
      const [a, b] = ctx.accounts;
      const [alice, bob] = await Promise.all([ctx.login(a), ctx.login(b, { presence: true })]);
      await alice.send(
        xml(
          "message",
          { to: bob.jid!.toString(), id: "ext-1", type: "chat" },
          xml("body", {}, "with extension"),
          xml("thing", { xmlns: "urn:xmppspec:ext", attr: "v<&>" }, xml("inner", {}, "text & <markup>")),
        ),
      );
      const got = await bob.expect({ name: "message", id: "ext-1" });
      const ext = got.getChild("thing", "urn:xmppspec:ext");
      if (!ext) throw new Violation(`the extension was stripped: ${clip(got)}`);
      ctx.expect(ext.attrs.attr).to.equal("v<&>");
      ctx.expect(ext.getChildText("inner")).to.equal("text & <markup>");
    },
  },
  {
    id: "rfc6120/10.1/in-order-delivery",
    title: "twenty messages from one stream arrive in the order sent",
    requirements: ["RFC6120-10.1-1", "RFC6120-10.1-2"],
    accounts: 2,
    async run(ctx) {
      const [a, b] = ctx.accounts;
      const [alice, bob] = await Promise.all([ctx.login(a), ctx.login(b, { presence: true })]);
      for (let i = 0; i < 20; i++) {
        await alice.send(
          xml("message", { to: bob.jid!.toString(), id: `seq-${i}`, type: "chat" }, xml("body", {}, `${i}`)),
        );
      }
      await markerBarrier(alice, bob);
      const ids = bob.inbox
        .filter((el) => el.name === "message" && el.attrs.id?.startsWith("seq-"))
        .map((el) => el.attrs.id);
      ctx.expect(ids).to.deep.equal(Array.from({ length: 20 }, (_, i) => `seq-${i}`));
    },
  },
]);

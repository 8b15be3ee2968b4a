// RFC 6120 §8.4: extended content. A server relays what it does not understand unmodified (namespaces and
// their declarations included), and as the intended recipient ignores the part it does not understand.

import { conditionsOf } from "../../harness/error-conditions.ts";
import { Violation } from "../../harness/errors.ts";
import { stanzaError } from "../../harness/match.ts";
import {
  answersTo,
  assertStanzaError,
  clip,
  type Element,
  message,
  relayCases,
  section,
  UNKNOWN_NS,
  xml,
} from "../kit/index.ts";

const PREFIXED_NS = "urn:xmppspec:prefixed";

/** A comparable outline of what came back: kind, type and error condition of each stanza. */
function outline(els: Element[]): string[] {
  return els.map((el) => `${el.name}/${el.attrs.type ?? ""}/${stanzaError(el)?.condition ?? ""}`).sort();
}

export default section("rfc6120", "8.4", "Extended Content", [
  ...relayCases([
    {
      id: "rfc6120/8.4/unknown-child-routed",
      title: "a message with an extension the server does not understand is delivered with it intact",
      // RFC 6121 §5.3 says the same of messages: a message MAY carry such a child
      requirements: ["RFC6120-8.4-13", "RFC6120-15-27", "RFC6121-5.3-1"],
      messageId: "ext-1",
      send(bob) {
        const msg = message(bob.full, "with extension", { id: "ext-1" });
        const inner = xml("inner", {}, "text & <markup>");
        msg.children.push(xml("thing", { xmlns: "urn:xmppspec:ext", attr: "v<&>" }, inner));
        return msg;
      },
      check(got, ctx) {
        const ext = got.getChild("thing", "urn:xmppspec:ext");
        if (!ext) throw new Violation(`the extension was stripped: ${clip(got)}`);
        ctx.expect(ext.attrs.attr).to.equal("v<&>");
        ctx.expect(ext.getChildText("inner")).to.equal("text & <markup>");
      },
    },
    {
      id: "rfc6120/8.4/prefixed-child-routed",
      title:
        "an extension written with a namespace prefix arrives in the same namespace, declaration included",
      requirements: ["RFC6120-8.4-13", "RFC6120-8.4-5", "RFC6120-8.4-6"],
      messageId: "prefix-1",
      send: (bob) =>
        `<message to='${bob.full}' id='prefix-1' type='chat'><body>p</body>` +
        `<x:thing xmlns:x='${PREFIXED_NS}'><x:inner>v</x:inner></x:thing></message>`,
      check(got, ctx) {
        // The prefix may change (§8.4: receivers must not depend on it); the namespace may not.
        const ext = got.getChildElements().find((c) => c.getName() === "thing" && c.getNS() === PREFIXED_NS);
        if (!ext) throw new Violation(`the prefixed extension did not arrive in its namespace: ${clip(got)}`);
        const inner = ext.getChildElements().find((c) => c.getName() === "inner");
        ctx.expect(inner?.getNS(), "namespace of the inner element").to.equal(PREFIXED_NS);
      },
    },
  ]),
  {
    id: "rfc6120/8.4/message-unknown-child-to-domain",
    title:
      "a message to the server whose only child is in an unknown namespace is ignored or bounced (service-unavailable)",
    requirements: ["RFC6120-8.4-9", "RFC6120-8.4-8"],
    users: ["alice"],
    async run(ctx, { alice }) {
      const sent = xml(
        "message",
        { to: ctx.domain, id: "unknown-msg-1" },
        xml("thing", { xmlns: UNKNOWN_NS }),
      );
      const back = await answersTo(alice, sent);
      const reply = back.find((el) => el.name === "message" && el.attrs.id === "unknown-msg-1");
      if (!reply) return; // ignored: the first of the two outcomes allowed
      const condition = assertStanzaError(reply, conditionsOf("stanza"), "unknown-msg-1");
      ctx.should(
        condition === "service-unavailable",
        `the error should be <service-unavailable/>, got <${condition}/>`,
      );
    },
  },
  {
    id: "rfc6120/8.4/presence-unknown-child-to-domain",
    title:
      "presence to the server with a child in an unknown namespace is treated like the same presence without it",
    requirements: ["RFC6120-8.4-10", "RFC6120-8.4-8"],
    users: ["alice"],
    async run(ctx, { alice }) {
      const plain = await answersTo(alice, xml("presence", { to: ctx.domain, id: "dom-pres-1" }));
      const extended = await answersTo(
        alice,
        xml("presence", { to: ctx.domain, id: "dom-pres-2" }, xml("thing", { xmlns: UNKNOWN_NS })),
      );
      const [a, b] = [outline(plain), outline(extended)];
      if (a.join() !== b.join()) {
        throw new Violation(
          `presence with an unknown child got [${b.join(", ")}], without it [${a.join(", ")}]` +
            (extended.length ? `: ${clip(extended[0])}` : ""),
        );
      }
    },
  },
  {
    id: "rfc6120/8.4/initial-presence-unknown-child",
    title:
      "initial presence carrying an unknown extension is still processed: it is broadcast to the user's resources",
    requirements: ["RFC6120-8.4-11", "RFC6120-8.4-8"],
    users: ["alice"],
    async run(ctx, { alice }) {
      const other = await ctx.setUp("a second resource of alice is available", () =>
        ctx.login("alice", "available"),
      );
      // RFC 6121 §4.2.2: initial presence goes to all the user's available resources, the sender included;
      // either copy shows the presence was processed (the echo alone is 4.2.2's own case).
      const processed = [other, alice].map((s) =>
        s.expect({
          name: "presence",
          where: (el) => el.attrs.type === "error" || (el.attrs.from === alice.full && !el.attrs.type),
          what: `of type error, or available from ${alice.full}`,
        }),
      );
      await alice.send(
        xml("presence", {}, xml("status", {}, "here"), xml("thing", { xmlns: UNKNOWN_NS }, xml("deep"))),
      );
      const got = await Promise.any(processed).catch(() => {
        throw new Violation("presence with an unknown extension reached none of alice's resources");
      });
      if (got.attrs.type === "error")
        throw new Violation(`presence with an unknown extension was refused: ${clip(got)}`);
    },
  },
]);

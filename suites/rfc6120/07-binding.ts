// RFC 6120 §7: resource binding.
import { Violation } from "../../harness/errors.ts";
import { section } from "../../harness/runner/case.ts";
import { NS, xml } from "../../harness/xml/element.ts";
import { assertStanzaError, markerBarrier } from "../helpers.ts";

export default section("rfc6120", "7", "Resource Binding", [
  {
    id: "rfc6120/7.6/server-generated-resource",
    title: "binding without a resource gets a full JID of our account with a server-generated resource",
    requirements: ["RFC6120-7.6-1", "RFC6120-7.6.1-1", "RFC6120-4.3.6-6", "RFC6120-15-1", "RFC6120-7.2-1"],
    accounts: 1,
    async run(ctx) {
      const s = await ctx.login(ctx.accounts[0]);
      ctx.expect(s.jid!.resource, "resource").to.not.equal("");
      ctx.expect(s.jid!.bare().toString(), "bare JID").to.equal(ctx.accounts[0].jid.toLowerCase());
    },
  },
  {
    id: "rfc6120/7.6/generated-resources-differ",
    title: "two server-generated resources of one account differ",
    requirements: ["RFC6120-7.5-1", "RFC6120-7.6-2"],
    accounts: 1,
    async run(ctx) {
      const a = ctx.accounts[0];
      const [s1, s2] = await Promise.all([ctx.login(a), ctx.login(a)]);
      ctx.expect(s1.jid!.resource, "resources").to.not.equal(s2.jid!.resource);
    },
  },
  {
    id: "rfc6120/7.7.1/client-chosen-resource",
    title: "a client-submitted resource is accepted (or overridden, a MAY) and the result is a full JID",
    requirements: ["RFC6120-7.7.1-1", "RFC6120-4.3.6-4", "RFC6120-15-4"],
    accounts: 1,
    async run(ctx) {
      const s = await ctx.login(ctx.accounts[0], { resource: "xmppspec-chosen" });
      ctx.expect(s.jid!.resource, "resource").to.equal("xmppspec-chosen");
    },
  },
  {
    id: "rfc6120/7.7.2.2/resource-conflict",
    title:
      "binding a resource in use: the server terminates the old session, refuses with <conflict/>, or gives another resource",
    requirements: ["RFC6120-7.7.2.2-1", "RFC6120-7.5-1"],
    accounts: 1,
    async run(ctx) {
      const a = ctx.accounts[0];
      const first = await ctx.login(a, { resource: "twin" });
      const second = await ctx.openSecured();
      await second.authenticate({ username: a.username, password: a.password });
      const reply = await second.iq(
        xml("iq", { type: "set" }, xml("bind", { xmlns: NS.bind }, xml("resource", {}, "twin"))),
      );
      if (reply.attrs.type === "error") {
        assertStanzaError(reply, ["conflict"]);
        return;
      }
      const jid = reply.getChild("bind", NS.bind)?.getChildText("jid") ?? "";
      if (jid.endsWith("/twin")) {
        // the server took over: the old session must be gone (RFC 6120 §7.7.2.2 option 1)
        await first.barrier().then(
          () => {
            throw new Violation("both sessions hold the resource 'twin'");
          },
          () => {},
        );
      }
    },
  },
  {
    id: "rfc6120/7.7.2.1/empty-resource",
    title: "an empty <resource/> is refused with <bad-request/> (or replaced by a generated one)",
    requirements: ["RFC6120-7.7.2.1-1", "RFC6120-8.2.3-4"],
    accounts: 1,
    async run(ctx) {
      const s = await ctx.openSecured();
      const a = ctx.accounts[0];
      await s.authenticate({ username: a.username, password: a.password });
      const reply = await s.iq(
        xml("iq", { type: "set" }, xml("bind", { xmlns: NS.bind }, xml("resource", {}, ""))),
      );
      if (reply.attrs.type === "error")
        assertStanzaError(reply, ["bad-request", "not-allowed", "jid-malformed"]);
      else {
        const jid = reply.getChild("bind", NS.bind)?.getChildText("jid") ?? "";
        if (!/\/./.test(jid)) throw new Violation(`an empty resource was bound as '${jid}'`);
      }
    },
  },
  {
    id: "rfc6120/7.7.2.1/malformed-resource",
    title:
      "a resource with a character PRECIS disallows (U+FDD0) is refused with <bad-request/> or overridden",
    requirements: ["RFC6120-7.7.2.1-1"],
    accounts: 1,
    async run(ctx) {
      const s = await ctx.openSecured();
      const a = ctx.accounts[0];
      await s.authenticate({ username: a.username, password: a.password });
      // U+0007 cannot appear in XML at all, so use a character PRECIS OpaqueString forbids but XML allows: U+FFFE? no —
      // XML forbids that too. An unassigned/prohibited but XML-legal one: U+200B? allowed by OpaqueString. Use a
      // non-character that XML allows: U+FDD0 (disallowed by PRECIS as a noncharacter).
      const reply = await s.iq(
        xml("iq", { type: "set" }, xml("bind", { xmlns: NS.bind }, xml("resource", {}, "bad\uFDD0res"))),
      );
      if (reply.attrs.type === "error")
        return void assertStanzaError(reply, ["bad-request", "jid-malformed", "not-allowed"]);
      // §7.7.1: the server MAY override a submitted resource with one of its own; it must not bind this one
      const jid = reply.getChild("bind", NS.bind)?.getChildText("jid") ?? "";
      if (jid.includes("\uFDD0")) throw new Violation(`the disallowed resource was bound: '${jid}'`);
    },
  },
  {
    id: "rfc6120/7.1/stanza-before-bind",
    title: "after SASL but before binding, a message to another entity is not delivered",
    requirements: ["RFC6120-7.1-5"],
    accounts: 2,
    async run(ctx) {
      const [a, b] = ctx.accounts;
      const bob = await ctx.login(b, { presence: true });
      const s = await ctx.openSecured();
      await s.authenticate({ username: a.username, password: a.password });
      await s.send(`<message to='${bob.jid}' id='unbound' type='chat'><body>before bind</body></message>`);
      // The server may close the stream (not-authorized) or answer with an error; either way nothing is delivered.
      // If the stream survives, bind and send a marker: in-order delivery (§10.1) proves the first never came.
      const bound = await s.bind().then(
        () => true,
        () => false,
      );
      if (bound) await markerBarrier(s, bob);
      else await bob.barrier();
      await bob.expectNothing(
        { name: "message", id: "unbound" },
        "a message sent before binding was delivered",
      );
    },
  },
]);

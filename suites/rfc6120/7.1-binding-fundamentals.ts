// RFC 6120 §7.1: a client must bind a resource before it exchanges stanzas with other entities; once
// bound, what it sends carries its full JID.
import { authenticated, expectStreamError, ping, section, xml } from "../kit/index.ts";

export default section("rfc6120", "7.1", "Resource Binding Fundamentals", [
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
    users: ["alice:account", "bob:available"],
    async run(ctx, { bob }) {
      const s = await authenticated(ctx);
      await s.send(`<message to='${bob.full}' id='unbound' type='chat'><body>before bind</body></message>`);
      // An IQ to the server itself is allowed before binding (§7.1); on a stream that is still open it gets an
      // answer, which shows the message did not close it. The stream error must come first.
      await expectStreamError(ctx, s, ["RFC6120-7.1-5"], ping(ctx.domain, "after-unbound").toString());
      await bob.expectNothing(
        { name: "message", id: "unbound" },
        "a message sent before binding was delivered",
      );
    },
  },
  {
    id: "rfc6120/7.1/stanza-after-bind-from-full-jid",
    title: "once bound, a message to another account is delivered, stamped with our full JID",
    requirements: ["RFC6120-7.1-2", "RFC6120-8.1.2.1-1"],
    users: ["alice", "bob:available"],
    async run(ctx, { alice, bob }) {
      const got = bob.expect({ name: "message", id: "after-bind" });
      await alice.send(
        xml("message", { to: bob.full, id: "after-bind", type: "chat" }, xml("body", {}, "hi")),
      );
      const msg = await got;
      ctx.expect(msg.attrs.from, "'from' of the delivered message").to.equal(alice.full);
    },
  },
]);

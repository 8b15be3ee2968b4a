// RFC 6120 §10: how the server processes stanzas by their 'to' address, seen from client connections.
import { Violation } from "../../harness/errors.ts";
import { stanzaError } from "../../harness/match.ts";
import { section } from "../../harness/runner/case.ts";
import { xml } from "../../harness/xml/element.ts";
import {
  assertStanzaError,
  clip,
  DEFAULT_ERROR_TYPE,
  markerBarrier,
  ping,
  rosterGet,
  rosterSet,
} from "../helpers.ts";

const UNKNOWN_NS = "urn:xmppspec:unknown-payload";

export default section("rfc6120", "10", "Server Rules for Processing XML Stanzas", [
  {
    id: "rfc6120/10.3.1/message-no-to",
    title:
      "a message without 'to' is handled as if sent to the sender's bare JID (its only resource gets it)",
    requirements: ["RFC6120-10.3.1-1", "RFC6120-10.3-1"],
    accounts: 1,
    async run(ctx) {
      const s = await ctx.login(ctx.accounts[0], { presence: true });
      await s.send(xml("message", { id: "no-to-1", type: "chat" }, xml("body", {}, "note to self")));
      const back = await s.barrier();
      const got = back.find((el) => el.name === "message" && el.attrs.id === "no-to-1");
      // The bare JID has one available resource, the sender: RFC 6121 §8.5.2.1.1 delivers it there.
      if (!got) throw new Violation("the message without 'to' was not delivered to the account's resource");
      ctx.expect(got.attrs.type, "type").to.not.equal("error");
    },
  },
  {
    id: "rfc6120/10.3.2/presence-no-to-broadcast",
    title: "presence without 'to' is broadcast: the account's other available resource receives it",
    requirements: ["RFC6120-10.3.2-1"],
    accounts: 1,
    async run(ctx) {
      const a = ctx.accounts[0];
      const other = await ctx.login(a);
      // Available before the second session speaks (the barrier proves the presence was processed);
      // not waiting for the echo, which is itself a broadcast.
      await other.send(xml("presence"));
      await other.barrier();
      const s = await ctx.login(a);
      await s.send(xml("presence", {}, xml("status", {}, "here")));
      const got = await other.expect({ name: "presence", from: s.jid!.toString() });
      ctx.expect(got.attrs.type, "type").to.equal(undefined);
    },
  },
  {
    id: "rfc6120/10.3.3/iq-no-to-answered",
    title: "an IQ get without 'to' (roster get) is processed on behalf of the account and answered",
    requirements: ["RFC6120-10.3.3-1", "RFC6120-10.3.3-2", "RFC6120-10.3-1"],
    accounts: 1,
    async run(ctx) {
      const s = await ctx.login(ctx.accounts[0]);
      const reply = await s.iq(
        xml("iq", { type: "get", id: "no-to-iq-1" }, xml("query", { xmlns: "jabber:iq:roster" })),
      );
      ctx.expect(reply.attrs.id).to.equal("no-to-iq-1");
      ctx.expect(reply.attrs.type).to.be.oneOf(["result", "error"]);
    },
  },
  {
    id: "rfc6120/10.3.3/result-no-to-ignored",
    title: "an IQ result without 'to' and without a matching request is not answered",
    requirements: ["RFC6120-10.3.3-4", "RFC6120-8.2.3-6"],
    accounts: 1,
    async run(ctx) {
      const s = await ctx.login(ctx.accounts[0]);
      await s.send(xml("iq", { type: "result", id: "orphan-result-1" }));
      await s.expectNothing({ name: "iq", id: "orphan-result-1" }, "the server answered an IQ result");
    },
  },
  {
    id: "rfc6120/10.5.1/iq-to-domain",
    title: "an IQ to the server's bare domain is handled by the server: a result or an error, never silence",
    requirements: ["RFC6120-10.5.1-1", "RFC6120-10.5-3"],
    accounts: 1,
    async run(ctx) {
      const s = await ctx.login(ctx.accounts[0]);
      const reply = await s.iq(
        xml(
          "iq",
          { type: "get", to: ctx.domain },
          xml("query", { xmlns: "http://jabber.org/protocol/disco#info" }),
        ),
      );
      ctx.expect(reply.attrs.type).to.be.oneOf(["result", "error"]);
    },
  },
  {
    id: "rfc6120/10.5.2/iq-to-domain-resource",
    title: "an IQ to <domain/resource> is handled or answered with an error",
    requirements: ["RFC6120-10.5.2-1", "RFC6120-8.2.3-4"],
    accounts: 1,
    async run(ctx) {
      const s = await ctx.login(ctx.accounts[0]);
      const reply = await s.iq(ping(`${ctx.domain}/xmppspec-no-such-resource`, "dom-res-1"));
      ctx.expect(reply.attrs.id).to.equal("dom-res-1");
      ctx.expect(reply.attrs.type).to.be.oneOf(["result", "error"]);
      if (reply.attrs.type === "error") assertStanzaError(reply, Object.keys(DEFAULT_ERROR_TYPE));
    },
  },
  {
    id: "rfc6120/10.5.3.2/iq-to-bare-jid-handled",
    title: "an IQ get to another account's bare JID is answered by the server, not delivered to a resource",
    requirements: ["RFC6120-10.5.3.2-5"],
    accounts: 2,
    async run(ctx) {
      const [a, b] = ctx.accounts;
      const [alice, bob] = await Promise.all([ctx.login(a), ctx.login(b, { presence: true })]);
      // Directed presence shares presence both ways (RFC 6121 §8.5.3.1), so no policy stands in the way.
      await bob.send(xml("presence", { to: alice.jid!.toString() }));
      await alice.expect({ name: "presence", from: bob.jid!.toString() });
      const reply = await alice.iq(
        xml(
          "iq",
          { type: "get", to: bob.jid!.bare().toString(), id: "bare-iq-1" },
          xml("query", { xmlns: UNKNOWN_NS }),
        ),
      );
      ctx.expect(reply.attrs.type).to.be.oneOf(["result", "error"]);
      await markerBarrier(alice, bob);
      const leaked = bob.inbox.find((el) => el.name === "iq" && el.attrs.id === "bare-iq-1");
      if (leaked) throw new Violation(`the IQ to the bare JID was delivered to a resource: ${clip(leaked)}`);
    },
  },
  {
    id: "rfc6120/10.5.4/chat-to-unconnected-resource",
    title: "a chat message to a full JID with no connected resource is handled as if sent to the bare JID",
    requirements: ["RFC6120-10.5.4-1"],
    accounts: 2,
    async run(ctx) {
      const [a, b] = ctx.accounts;
      const [alice, bob] = await Promise.all([ctx.login(a), ctx.login(b, { presence: true })]);
      const to = `${bob.jid!.bare()}/xmppspec-gone`;
      await alice.send(xml("message", { to, id: "gone-1", type: "chat" }, xml("body", {}, "are you there?")));
      await markerBarrier(alice, bob);
      const got = bob.inbox.find((el) => el.name === "message" && el.attrs.id === "gone-1");
      if (!got)
        throw new Violation("the message to an unconnected resource did not reach the account's resource");
    },
  },
  {
    id: "rfc6120/10.5/second-domain-served",
    title: "an IQ to a second domain of the same server is handled locally, not routed as remote",
    requirements: ["RFC6120-10.5-1", "RFC6120-10.5-4"],
    accounts: 1,
    needs: ["second-domain"],
    async run(ctx) {
      const second = ctx.target.secondDomain!;
      const s = await ctx.login(ctx.accounts[0]);
      const reply = await s.iq(ping(second, "second-1"));
      ctx.expect(reply.attrs.type).to.be.oneOf(["result", "error"]);
      const condition = stanzaError(reply)?.condition;
      if (condition === "remote-server-not-found" || condition === "remote-server-timeout")
        throw new Violation(`the server treated its own domain ${second} as remote: <${condition}/>`);
    },
  },
  {
    id: "rfc6120/10.1/iq-processed-in-order",
    title: "a roster get sent right after a roster set (without waiting) already sees the new item",
    requirements: ["RFC6120-10.1-6", "RFC6120-10.1-1"],
    accounts: 1,
    async run(ctx) {
      const s = await ctx.login(ctx.accounts[0]);
      const contact = `inorder-${Date.now()}@${ctx.domain}`;
      const set = rosterSet(contact);
      set.attrs.id = "inorder-set";
      const get = rosterGet();
      get.attrs.id = "inorder-get";
      const setReply = s.expect({ name: "iq", id: "inorder-set" });
      setReply.catch(() => {});
      const reply = s.expect({ name: "iq", id: "inorder-get" });
      await s.send(`${set.toString()}${get.toString()}`);
      const r = await reply;
      ctx.expect((await setReply).attrs.type, "the roster set").to.equal("result");
      const items = r.getChild("query")?.getChildren("item") ?? [];
      if (!items.some((i) => i.attrs.jid === contact))
        throw new Violation(`the roster get processed before the preceding set: ${clip(r)}`);
    },
  },
]);

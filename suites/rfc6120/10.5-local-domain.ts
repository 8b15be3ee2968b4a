// RFC 6120 §10.5: a stanza for a domain the server serves: to the domain itself, to a local account that
// does not exist, to a bare JID with connected resources, to a full JID connected or not.

import { conditionsOf } from "../../harness/error-conditions.ts";
import { Violation } from "../../harness/errors.ts";
import { type MatchSpec, stanzaError } from "../../harness/match.ts";
import {
  answersTo,
  assertStanzaError,
  type CaseContext,
  type Client,
  clip,
  type Element,
  message,
  ping,
  type Row,
  receivedBeforeMarker,
  section,
  sharePresence,
  tableCases,
  unknownPayloadIq,
  xml,
} from "../kit/index.ts";

/** A local address nobody registered. */
const nobody = (domain: string) => `nobody-${Date.now()}@${domain}`;

/** A stanza Alice sends that must reach Bob's available resource (proved by a marker behind it). */
interface DeliveryRow extends Row {
  send: (bob: Client) => Element;
  arrives: (alice: Client) => MatchSpec;
  missing: string;
  check?: (got: Element, ctx: CaseContext) => void;
}

const delivered = (rows: DeliveryRow[]) =>
  tableCases(rows, {
    users: ["alice", "bob:available"],
    async run(row, ctx, { alice, bob }) {
      await alice.send(row.send(bob));
      const got = await receivedBeforeMarker(alice, bob, row.arrives(alice));
      if (!got) throw new Violation(row.missing);
      row.check?.(got, ctx);
    },
  });

export default section("rfc6120", "10.5", "Local Domain", [
  {
    id: "rfc6120/10.5/second-domain-served",
    title: "an IQ to a second domain of the same server is handled locally, not routed as remote",
    requirements: ["RFC6120-10.5-1", "RFC6120-10.5-4"],
    users: ["alice"],
    needs: ["second-domain"],
    async run(ctx, { alice }) {
      const second = ctx.target.secondDomain ?? ctx.skip("the target names no second domain");
      // iq() takes only a result or an error carrying the request's id; anything else times out (FAIL)
      const reply = await alice.iq(ping(second, "second-1"));
      const condition = stanzaError(reply)?.condition;
      if (condition === "remote-server-not-found" || condition === "remote-server-timeout")
        throw new Violation(`the server treated its own domain ${second} as remote: <${condition}/>`);
    },
  },
  {
    id: "rfc6120/10.5.1/iq-to-domain",
    title: "an IQ to the server's bare domain is handled by the server: a result or an error, never silence",
    requirements: ["RFC6120-10.5.1-1", "RFC6120-10.5-3"],
    users: ["alice"],
    async run(ctx, { alice }) {
      const disco = xml("query", { xmlns: "http://jabber.org/protocol/disco#info" });
      // iq() takes only a result or an error carrying the request's id; anything else times out (FAIL)
      await alice.iq(xml("iq", { type: "get", to: ctx.domain }, disco));
    },
  },
  {
    id: "rfc6120/10.5.2/iq-to-domain-resource",
    title: "an IQ to <domain/resource> is handled or answered with an error",
    requirements: ["RFC6120-10.5.2-1", "RFC6120-8.2.3-4"],
    users: ["alice"],
    async run(ctx, { alice }) {
      // iq() takes only a result or an error carrying the request's id; anything else times out (FAIL)
      const reply = await alice.iq(ping(`${ctx.domain}/xmppspec-no-such-resource`, "dom-res-1"));
      if (reply.attrs.type === "error") assertStanzaError(reply, conditionsOf("stanza"));
    },
  },
  {
    id: "rfc6120/10.5.3.1/iq-to-unknown-account",
    title: "an IQ to an account that does not exist gets <service-unavailable/>",
    requirements: ["RFC6120-10.5.3.1-3", "RFC6120-8.3.3.19-2"],
    users: ["alice"],
    async run(ctx, { alice }) {
      assertStanzaError(await alice.iq(ping(nobody(ctx.domain))), ["service-unavailable"]);
    },
  },
  {
    id: "rfc6120/10.5.3.1/presence-to-unknown-account-ignored",
    title: "available presence to a local account that does not exist is ignored (no error back)",
    requirements: ["RFC6120-10.5.3.1-2"],
    users: ["alice:available"],
    async run(ctx, { alice }) {
      const to = nobody(ctx.domain);
      const back = await answersTo(alice, xml("presence", { to, id: "nobody-pres-1" }));
      // RFC 6121 §8.5.1 (the XMPP-IM behaviour the row points to): no type means silently ignore.
      const answer = back.find((el) => el.name === "presence" && el.attrs.from?.toLowerCase() === to);
      if (answer) throw new Violation(`presence to a non-existent account was answered: ${clip(answer)}`);
    },
  },
  {
    id: "rfc6120/10.5.3.2/iq-to-bare-jid-handled",
    title: "an IQ get to another account's bare JID is answered by the server, not delivered to a resource",
    requirements: ["RFC6120-10.5.3.2-5"],
    users: ["alice", "bob:available"],
    async run(ctx, { alice, bob }) {
      await ctx.setUp("bob's directed presence reaches alice", () => sharePresence(bob, alice));
      // iq() takes only a result or an error carrying the request's id; anything else times out (FAIL)
      await alice.iq(unknownPayloadIq({ to: bob.bare, id: "bare-iq-1" }));
      const leaked = await receivedBeforeMarker(alice, bob, { name: "iq", id: "bare-iq-1" });
      if (leaked) throw new Violation(`the IQ to the bare JID was delivered to a resource: ${clip(leaked)}`);
    },
  },
  {
    id: "rfc6120/10.5.4/iq-to-full-jid-routed",
    title: "an IQ to a connected full JID is delivered to that resource, and its answer comes back",
    requirements: ["RFC6120-10.5.4-2", "RFC6120-8.2.3-5", "RFC6121-8.5.3.1-2"],
    users: ["alice", "bob"],
    async run(ctx, { alice, bob }) {
      await ctx.setUp("bob's directed presence reaches alice", () => sharePresence(bob, alice));
      const reply = alice.iq(unknownPayloadIq({ to: bob.full, id: "routed-1" }));
      const req = await bob.expect({ name: "iq", id: "routed-1" });
      ctx.expect(req.attrs.from, "'from' of the routed IQ").to.equal(alice.full);
      await bob.send(xml("iq", { type: "result", id: "routed-1", to: req.attrs.from }));
      const r = await reply;
      ctx.expect(r.attrs.type, "answer relayed").to.equal("result");
      ctx.expect(r.attrs.from, "'from' of the answer").to.equal(bob.full);
    },
  },
  ...delivered([
    {
      id: "rfc6120/10.5.3.2/message-to-bare-jid-delivered",
      title: "a message to the bare JID of an account with a connected resource is delivered to a resource",
      requirements: ["RFC6120-10.5.3.2-1"],
      send: (bob) => message(bob.bare, "hi", { id: "bare-1" }),
      arrives: () => ({ name: "message", id: "bare-1" }),
      missing: "the message to the bare JID reached none of the connected resources",
    },
    {
      id: "rfc6120/10.5.3.2/presence-to-bare-jid-delivered",
      title: "directed presence to the bare JID of an account with a presence session is delivered to it",
      requirements: ["RFC6120-10.5.3.2-3"],
      send: (bob) => xml("presence", { to: bob.bare, id: "bare-pres-1" }),
      // exactly the sender's full JID, and available: the presence as sent
      arrives: (alice) => ({
        name: "presence",
        where: (el) => el.attrs.from === alice.full,
        what: `from ${alice.full}`,
      }),
      missing: "the directed presence to the bare JID was not delivered",
      check: (got, ctx) => ctx.expect(got.attrs.type, "type of the delivered presence").to.equal(undefined),
    },
    {
      id: "rfc6120/10.5.4/chat-to-unconnected-resource",
      title: "a chat message to a full JID with no connected resource is handled as if sent to the bare JID",
      requirements: ["RFC6120-10.5.4-1"],
      send: (bob) => message(`${bob.bare}/xmppspec-gone`, "are you there?", { id: "gone-1" }),
      arrives: () => ({ name: "message", id: "gone-1" }),
      missing: "the message to an unconnected resource did not reach the account's resource",
    },
  ]),
]);

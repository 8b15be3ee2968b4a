// RFC 6120 §8 further: extended content the server does not understand (§8.4), ids and payloads of the
// IQs the server originates, and availability hidden from unauthorised senders (§8.3.3.7, §8.3.3.13);
// with the §10.5.3 delivery rows that the same two-account set-ups show.
import { Violation } from "../../harness/errors.ts";
import { stanzaError } from "../../harness/match.ts";
import { section } from "../../harness/runner/case.ts";
import type { Session } from "../../harness/session.ts";
import { type Element, NS, xml } from "../../harness/xml/element.ts";
import { assertStanzaError, clip, DEFAULT_ERROR_TYPE, markerBarrier, rosterSet } from "../helpers.ts";

const UNKNOWN_NS = "urn:xmppspec:not-understood";
const RESERVED_NS = [NS.client, "jabber:server", NS.stream];
/** Conditions that tell an unauthorised sender the intended recipient is absent (§8.3.3.7, §8.3.3.13). */
const REVEALING = ["item-not-found", "recipient-unavailable"];

/** What the target sends back on this stream, until a barrier proves the stanzas before it processed. */
async function answersTo(s: Session, send: Element): Promise<Element[]> {
  const before = s.inbox.length;
  await s.send(send);
  const after = await s.barrier();
  return after.slice(before);
}

/** A comparable outline of what came back: kind, type and error condition of each stanza. */
function outline(els: Element[]): string[] {
  return els.map((el) => `${el.name}/${el.attrs.type ?? ""}/${stanzaError(el)?.condition ?? ""}`).sort();
}

/** An error the sender got must not reveal the recipient's absence (the MUST NOT of §8.3.3.7/§8.3.3.13). */
function assertNotRevealing(reply: Element | undefined, what: string): void {
  if (reply?.attrs.type !== "error") return;
  const condition = stanzaError(reply)?.condition ?? "";
  if (REVEALING.includes(condition))
    throw new Violation(`${what} revealed the absence to an unauthorised sender: <${condition}/>`);
}

export default section("rfc6120", "8", "XML Stanzas", [
  {
    id: "rfc6120/8.4/message-unknown-child-to-domain",
    title:
      "a message to the server whose only child is in an unknown namespace is ignored or bounced (service-unavailable)",
    requirements: ["RFC6120-8.4-9", "RFC6120-8.4-8"],
    accounts: 1,
    async run(ctx) {
      const s = await ctx.login(ctx.accounts[0]);
      const back = await answersTo(
        s,
        xml("message", { to: ctx.domain, id: "unknown-msg-1" }, xml("thing", { xmlns: UNKNOWN_NS })),
      );
      const reply = back.find((el) => el.name === "message" && el.attrs.id === "unknown-msg-1");
      if (!reply) return; // ignored: the first of the two outcomes allowed
      assertStanzaError(reply, Object.keys(DEFAULT_ERROR_TYPE), "unknown-msg-1");
      const condition = stanzaError(reply)?.condition;
      if (condition !== "service-unavailable")
        throw new Violation(`the error should be <service-unavailable/>, got <${condition}/>`, true);
    },
  },
  {
    id: "rfc6120/8.4/presence-unknown-child-to-domain",
    title:
      "presence to the server with a child in an unknown namespace is treated like the same presence without it",
    requirements: ["RFC6120-8.4-10", "RFC6120-8.4-8"],
    accounts: 1,
    async run(ctx) {
      const s = await ctx.login(ctx.accounts[0]);
      const plain = await answersTo(s, xml("presence", { to: ctx.domain, id: "dom-pres-1" }));
      const extended = await answersTo(
        s,
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
      "initial presence carrying an unknown extension is still processed: it is broadcast back to the sender",
    requirements: ["RFC6120-8.4-11", "RFC6120-8.4-8"],
    accounts: 1,
    async run(ctx) {
      const s = await ctx.login(ctx.accounts[0]);
      const self = s.jid!.toString();
      // RFC 6121 §4.2.2: initial presence goes to all the user's available resources, the sender included.
      const back = s.expect(
        (el) =>
          el.name === "presence" && (el.attrs.type === "error" || (el.attrs.from === self && !el.attrs.type)),
      );
      back.catch(() => {});
      await s.send(
        xml("presence", {}, xml("status", {}, "here"), xml("thing", { xmlns: UNKNOWN_NS }, xml("deep"))),
      );
      const got = await back;
      if (got.attrs.type === "error")
        throw new Violation(`presence with an unknown extension was refused: ${clip(got)}`);
    },
  },
  {
    id: "rfc6120/8/partial-stanza-not-processed",
    title: "half a message followed by the end of the TCP connection is never delivered",
    requirements: ["RFC6120-8-2"],
    accounts: 2,
    async run(ctx) {
      const [a, b] = ctx.accounts;
      const [cut, alice, bob] = await Promise.all([
        ctx.login(a, { presence: true }),
        ctx.login(a, { presence: true }),
        ctx.login(b, { presence: true }),
      ]);
      const cutJid = cut.jid!.toString();
      // The account's other resource learns when the server is done with the dropped stream (RFC 6121
      // §4.5.2: unavailable presence on its behalf); without that there is no point to measure from.
      const gone = alice.expect(
        (el) => el.name === "presence" && el.attrs.from === cutJid && el.attrs.type === "unavailable",
      );
      gone.catch(() => {});
      await cut.send(`<message to='${bob.jid}' id='partial-1' type='chat'><body>half of a mess`);
      await cut.transport.end(); // a clean TCP end: the bytes above arrive, the closing tags never do
      try {
        await gone;
      } catch {
        ctx.skip("no unavailable presence for the dropped resource: no marker for the end of its stream");
      }
      await markerBarrier(alice, bob);
      const got = bob.inbox.find((el) => el.attrs.id === "partial-1");
      if (got) throw new Violation(`the partial stanza was processed and delivered: ${clip(got)}`);
    },
  },
  {
    id: "rfc6120/8.3.2/error-stanza-kind",
    title: "error replies to a message, an IQ and a presence are <message/>, <iq/> and <presence/> stanzas",
    requirements: ["RFC6120-8.3.2-2"],
    accounts: 1,
    async run(ctx) {
      const s = await ctx.login(ctx.accounts[0]);
      // a message to the server (ignored or bounced, §10.5.1), an unknown IQ payload (must be an error),
      // presence to a malformed JID (ignored or bounced, §8.3.1)
      const back = [
        ...(await answersTo(s, xml("message", { to: ctx.domain, id: "kind-msg" }, xml("body", {}, "x")))),
        ...(await answersTo(
          s,
          xml("iq", { type: "get", to: ctx.domain, id: "kind-iq" }, xml("query", { xmlns: UNKNOWN_NS })),
        )),
        ...(await answersTo(s, xml("presence", { to: `a@b@${ctx.domain}`, id: "kind-pres" }))),
      ];
      const kinds = ["message", "presence", "iq"];
      const odd = back.find((el) => el.attrs.type === "error" && !kinds.includes(el.name));
      if (odd) throw new Violation(`an error stanza of kind <${odd.name}/>: ${clip(odd)}`);
      for (const [id, kind] of [
        ["kind-msg", "message"],
        ["kind-iq", "iq"],
        ["kind-pres", "presence"],
      ]) {
        const reply = back.find((el) => el.attrs.id === id);
        if (reply && reply.name !== kind)
          throw new Violation(`the error to a <${kind}/> came back as <${reply.name}/>: ${clip(reply)}`);
      }
    },
  },
  {
    id: "rfc6120/8.1.3/roster-push-id-and-payload",
    title:
      "a roster push (an IQ set the server originates) has an 'id' and exactly one namespace-qualified child",
    requirements: ["RFC6120-8.1.3-1", "RFC6120-8.4-1", "RFC6120-8.4-2"],
    accounts: 1,
    async run(ctx) {
      const s = await ctx.login(ctx.accounts[0], { roster: true });
      const pushed = s.expect((el) => el.name === "iq" && el.attrs.type === "set");
      pushed.catch(() => {});
      await s.iqResult(rosterSet(`pushed-${Date.now()}@${ctx.domain}`), "roster set");
      const push = await pushed;
      if (!push.attrs.id) throw new Violation(`the roster push has no 'id': ${clip(push)}`);
      const children = push.getChildElements();
      if (children.length !== 1)
        throw new Violation(`the roster push carries ${children.length} child elements: ${clip(push)}`);
      const ns = children[0].getNS();
      if (!ns || RESERVED_NS.includes(ns))
        throw new Violation(
          `the roster push payload is not in an extension namespace (${ns}): ${clip(push)}`,
        );
    },
  },
  {
    id: "rfc6120/8.2.1/message-to-full-jid-delivered",
    title: "a message to another account's connected full JID is delivered to it",
    requirements: ["RFC6120-8.2.1-1"],
    accounts: 2,
    async run(ctx) {
      const [a, b] = ctx.accounts;
      const [alice, bob] = await Promise.all([ctx.login(a), ctx.login(b, { presence: true })]);
      await alice.send(
        xml("message", { to: bob.jid!.toString(), id: "full-1", type: "chat" }, xml("body", {}, "hi")),
      );
      // a marker to the bare JID: it takes another delivery path than the message under test
      const id = "full-1-marker";
      const marker = bob.expect({ name: "message", id });
      marker.catch(() => {});
      await alice.send(
        xml("message", { to: bob.jid!.bare().toString(), id, type: "chat" }, xml("body", {}, "m")),
      );
      await marker;
      if (!bob.inbox.some((el) => el.name === "message" && el.attrs.id === "full-1"))
        throw new Violation("the message to the connected full JID was not delivered");
    },
  },
  {
    id: "rfc6120/10.5.3.2/message-to-bare-jid-delivered",
    title: "a message to the bare JID of an account with a connected resource is delivered to a resource",
    requirements: ["RFC6120-10.5.3.2-1"],
    accounts: 2,
    async run(ctx) {
      const [a, b] = ctx.accounts;
      const [alice, bob] = await Promise.all([ctx.login(a), ctx.login(b, { presence: true })]);
      await alice.send(
        xml("message", { to: bob.jid!.bare().toString(), id: "bare-1", type: "chat" }, xml("body", {}, "hi")),
      );
      await markerBarrier(alice, bob);
      if (!bob.inbox.some((el) => el.name === "message" && el.attrs.id === "bare-1"))
        throw new Violation("the message to the bare JID reached none of the connected resources");
    },
  },
  {
    id: "rfc6120/10.5.3.2/presence-to-bare-jid-delivered",
    title: "directed presence to the bare JID of an account with a presence session is delivered to it",
    requirements: ["RFC6120-10.5.3.2-3"],
    accounts: 2,
    async run(ctx) {
      const [a, b] = ctx.accounts;
      const [alice, bob] = await Promise.all([ctx.login(a), ctx.login(b, { presence: true })]);
      await alice.send(xml("presence", { to: bob.jid!.bare().toString(), id: "bare-pres-1" }));
      await markerBarrier(alice, bob);
      const got = bob.inbox.find((el) => el.name === "presence" && el.attrs.from === alice.jid!.toString());
      if (!got) throw new Violation("the directed presence to the bare JID was not delivered");
      ctx.expect(got.attrs.type, "type of the delivered presence").to.equal(undefined);
    },
  },
  {
    id: "rfc6120/10.5.3.1/presence-to-unknown-account-ignored",
    title: "available presence to a local account that does not exist is ignored (no error back)",
    requirements: ["RFC6120-10.5.3.1-2"],
    accounts: 1,
    async run(ctx) {
      const s = await ctx.login(ctx.accounts[0], { presence: true });
      const to = `nobody-${Date.now()}@${ctx.domain}`;
      const back = await answersTo(s, xml("presence", { to, id: "nobody-pres-1" }));
      // RFC 6121 §8.5.1 (the XMPP-IM behaviour the row points to): no type means silently ignore.
      const answer = back.find((el) => el.name === "presence" && el.attrs.from?.toLowerCase() === to);
      if (answer) throw new Violation(`presence to a non-existent account was answered: ${clip(answer)}`);
    },
  },
  {
    id: "rfc6120/8.3.3.7/iq-absent-resource-not-revealed",
    title:
      "an IQ to an absent resource of an account the sender may not see is not answered with item-not-found",
    requirements: ["RFC6120-8.3.3.7-2", "RFC6120-8.3.3.13-2"],
    accounts: 2,
    async run(ctx) {
      const [a, b] = ctx.accounts;
      const [alice, bob] = await Promise.all([ctx.login(a), ctx.login(b, { presence: true })]);
      const reply = await alice.iq(
        xml(
          "iq",
          { type: "get", to: `${bob.jid!.bare()}/xmppspec-absent`, id: "absent-iq-1" },
          xml("ping", { xmlns: NS.ping }),
        ),
      );
      assertNotRevealing(reply, "the IQ to an absent resource");
    },
  },
  {
    id: "rfc6120/8.3.3.13/message-absent-resource-not-revealed",
    title:
      "a message to an absent resource of an account the sender may not see is not bounced with recipient-unavailable",
    requirements: ["RFC6120-8.3.3.13-2", "RFC6120-8.3.3.7-2"],
    accounts: 2,
    async run(ctx) {
      const [a, b] = ctx.accounts;
      const [alice, bob] = await Promise.all([ctx.login(a), ctx.login(b, { presence: true })]);
      const to = `${bob.jid!.bare()}/xmppspec-absent`;
      const back = await answersTo(alice, xml("message", { to, id: "absent-msg-1" }, xml("body", {}, "x")));
      assertNotRevealing(
        back.find((el) => el.name === "message" && el.attrs.id === "absent-msg-1"),
        "the message to an absent resource",
      );
    },
  },
]);

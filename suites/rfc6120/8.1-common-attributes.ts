// RFC 6120 §8.1: the attributes every stanza kind shares: 'to' (kept as addressed), 'from' (stamped by the
// server), 'id' (on what the server originates) and 'xml:lang' (kept when relayed).

import { Violation } from "../../harness/errors.ts";
import { clip, message, NS, ping, relayCases, rosterGet, rosterSet, section, xml } from "../kit/index.ts";

/** Namespaces no extension payload may use (RFC 6120 §8.4). */
const RESERVED_NS = [NS.client, "jabber:server", NS.stream];

export default section("rfc6120", "8.1", "Common Attributes", [
  ...relayCases([
    {
      id: "rfc6120/8.1.1.1/to-not-modified",
      title: "a message to a bare JID is delivered with its 'to' exactly as the sender addressed it",
      requirements: ["RFC6120-8.1.1.1-3", "RFC6120-15-19"],
      messageId: "to-kept-1",
      send: (bob) => message(bob.bare, "hi", { id: "to-kept-1" }),
      attr: { name: "to", is: ({ bob }) => bob.bare },
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
      messageId: "stamp-1",
      send: (bob) => message(bob.full, "hi", { id: "stamp-1" }),
      attr: { name: "from", is: ({ alice }) => alice.full },
    },
    {
      id: "rfc6120/8.1.5/xml-lang-kept",
      title: "a relayed message keeps its 'xml:lang'",
      requirements: ["RFC6120-8.1.5-6", "RFC6120-4.7.4-10", "RFC6120-15-22"],
      messageId: "lang-1",
      send: (bob) => message(bob.full, "Hallo", { id: "lang-1", "xml:lang": "de" }),
      attr: { name: "xml:lang", is: () => "de" },
    },
    {
      id: "rfc6120/8.1.5/child-xml-lang-kept",
      title: "a relayed message keeps the 'xml:lang' of its children (a <body/> in another language)",
      requirements: ["RFC6120-8.1.5-6"],
      messageId: "lang-2",
      send(bob) {
        const msg = message(bob.full, "Hello", { id: "lang-2", "xml:lang": "en" });
        msg.children.push(xml("body", { "xml:lang": "fr" }, "Bonjour"));
        return msg;
      },
      check(got) {
        const langs = got.getChildren("body").map((b) => b.attrs["xml:lang"]);
        if (!langs.includes("fr")) throw new Violation(`the French <body/> lost its xml:lang: ${clip(got)}`);
      },
    },
  ]),
  {
    id: "rfc6120/8.1.2.1/server-reply-from",
    title: "the server's reply to an IQ addressed to it carries 'from' = the server's domain",
    requirements: ["RFC6120-8.1.2.1-2"],
    users: ["alice"],
    async run(ctx, { alice }) {
      const reply = await alice.iq(ping(ctx.domain));
      ctx.expect(reply.attrs.from?.toLowerCase(), "'from' of the reply").to.equal(ctx.domain.toLowerCase());
    },
  },
  {
    id: "rfc6120/8.1.2.1/account-reply-from",
    title:
      "a reply on behalf of the account (roster get without 'to') has no 'from' or the account's bare JID",
    requirements: ["RFC6120-8.1.2.1-3"],
    users: ["alice"],
    async run(ctx, { alice }) {
      const from = (await alice.iq(rosterGet())).attrs.from;
      if (from === undefined) return;
      ctx.expect(from.toLowerCase(), "'from' of the reply").to.equal(alice.bare.toLowerCase());
    },
  },
  {
    id: "rfc6120/8.1.3/roster-push-id-and-payload",
    title:
      "a roster push (an IQ set the server originates) has an 'id' and exactly one namespace-qualified child",
    requirements: ["RFC6120-8.1.3-1", "RFC6120-8.4-1", "RFC6120-8.4-2"],
    serverGenerated: true, // the server generates what is checked: the sender's rules bind it
    users: ["alice:interested"],
    async run(ctx, { alice }) {
      const pushed = alice.expect({ name: "iq", type: "set" });
      await alice.iqResult(rosterSet(`pushed-${Date.now()}@${ctx.domain}`), "roster set");
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
]);

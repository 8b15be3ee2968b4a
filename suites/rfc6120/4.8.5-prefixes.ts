// RFC 6120 §4.8.5 Namespace Declarations and Prefixes: no prefix for the content namespace, only the
// stream prefix a server accepts, and no namespaces for extended content declared on the header.

import { Violation } from "../../harness/errors.ts";
import {
  type CaseSpec,
  clip,
  type Element,
  expectStreamError,
  markerBarrier,
  NS,
  nextId,
  rawMessage,
  section,
  sentHeader,
  stillOpen,
  streamBytesCases,
} from "../kit/index.ts";

/** Does this element or a descendant carry a prefix for the content namespace? */
function hasContentPrefix(el: Element): boolean {
  return (el.name.includes(":") && el.getNS() === NS.client) || el.getChildElements().some(hasContentPrefix);
}

const cases: CaseSpec[] = [
  {
    id: "rfc6120/4.8.5/no-prefix-on-content-namespace",
    title: "the server sends a delivered message unprefixed (no prefix for 'jabber:client')",
    requirements: ["RFC6120-4.8.5-3"],
    users: ["alice", "bob:available"],
    async run(_ctx, { alice, bob }) {
      const id = nextId("plain");
      const got = bob.expect({ id });
      await alice.send(rawMessage(bob.full, id, "<body>hi</body>"));
      const el = await got;
      if (el.name !== "message") throw new Violation(`the message arrived as <${el.name}/>: ${clip(el)}`);
    },
  },
  {
    id: "rfc6120/4.8.5/prefixed-stanza-from-client",
    title:
      "a stanza with a prefix for 'jabber:client' is ignored or refused (<bad-namespace-prefix/>), never routed as is",
    requirements: ["RFC6120-4.8.5-4"],
    needs: ["tcp"],
    users: ["alice", "bob:available"],
    async run(ctx, { alice, bob }) {
      const id = nextId("prefixed");
      await alice.send(
        `<c:message xmlns:c='jabber:client' to='${bob.full}' id='${id}' type='chat'><c:body>x</c:body></c:message>`,
      );
      const open = await stillOpen(alice);
      if (!open) {
        await expectStreamError(ctx, alice, ["RFC6120-4.8.5-4"]);
        await bob.expectNothing({ id }, "the prefixed stanza was delivered");
        return;
      }
      await markerBarrier(alice, bob);
      const got = bob.inbox.find((el) => el.attrs.id === id);
      if (!got) return; // ignored: allowed
      // §4.8.5: a server MUST NOT route such data without first correcting it, and SHOULD NOT accept it
      if (hasContentPrefix(got))
        throw new Violation(`the prefixed stanza was routed uncorrected: ${clip(got)}`);
      ctx.should(false, "the prefixed stanza was accepted and delivered (corrected)");
    },
  },
  {
    id: "rfc6120/4.8.5/header-declares-extended-namespace",
    title:
      "a stream header declaring a namespace for extended content (xmlns:ping) should get <invalid-namespace/>",
    requirements: ["RFC6120-4.8.5-7", "RFC6120-4.8.5-6"],
    needs: ["tcp"],
    async run(ctx) {
      const s = await sentHeader(ctx, `version='1.0' xmlns:ping='${NS.ping}'`);
      const next = await s.readHeader().then(() => s.expect(() => true));
      if (!s.streamError)
        return void ctx.should(false, `the header with xmlns:ping was accepted: ${clip(next)}`);
      await expectStreamError(ctx, s, ["RFC6120-4.8.5-7"]);
    },
  },
  ...streamBytesCases([
    {
      id: "rfc6120/4.8.5/bad-namespace-prefix",
      title:
        "a stream element under a prefix the server does not accept gets <bad-namespace-prefix/> (or <invalid-namespace/>)",
      requirements: ["RFC6120-4.8.5-2", "RFC6120-4.8.1-2", "RFC6120-4.9.1.1-1"],
      on: "start",
      bytes: (domain) =>
        `<?xml version='1.0'?><foo:stream xmlns='${NS.client}' xmlns:foo='urn:example:other' to='${domain}' version='1.0'>`,
      // the prefix names another namespace: a stream header outside the stream namespace too (§4.8.1)
      gradedBy: ["RFC6120-4.8.5-2", "RFC6120-4.8.1-2"],
    },
  ]),
];

export default section("rfc6120", "4.8.5", "Namespace Declarations and Prefixes", cases);

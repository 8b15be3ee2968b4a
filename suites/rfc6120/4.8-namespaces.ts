// RFC 6120 §4.8.1-§4.8.4 XML Namespaces: the stream and content namespaces a client stream uses, and
// first-level elements in namespaces the server does not know (prefixes, §4.8.5, have their own file).

import { Violation } from "../../harness/errors.ts";
import {
  assertResponseHeader,
  type CaseSpec,
  clip,
  type Element,
  expectStreamError,
  markerBarrier,
  message,
  messageWithId,
  type Need,
  NS,
  nextId,
  ping,
  rawHeader,
  responseCases,
  section,
  sentRawHeader,
  stillOpen,
  streamBytesCases,
  uid,
  xml,
} from "../kit/index.ts";

/** A first-level element the server need not know (§4.8.4); a refusal is graded by §4.8.4's SHOULD. */
interface UnknownElementRow {
  id: string;
  title: string;
  bytes: () => string;
  needs?: Need[];
}

/**
 * §4.8.4: a server MUST either ignore an arbitrary first-level element or close the stream with a
 * stream error; a dropped connection without one is neither.
 */
function ignoredOrRefusedCases(rows: UnknownElementRow[]): CaseSpec[] {
  return rows.map((row) => ({
    id: row.id,
    title: row.title,
    requirements: ["RFC6120-4.8.4-3"],
    needs: row.needs,
    users: ["alice"],
    async run(ctx, { alice }) {
      await alice.send(row.bytes());
      if (await stillOpen(alice)) return;
      await expectStreamError(ctx, alice, ["RFC6120-4.8.4-3"]);
    },
  }));
}

/** Both stanzas qualified by 'jabber:client', as the stream scopes them (§4.8.3). */
function assertJabberClient(elements: Element[]): void {
  for (const el of elements) {
    const ns = el.getNS();
    if (ns === NS.server)
      throw new Violation(`the server sent a 'jabber:server' stanza to a client: ${clip(el)}`);
    if (ns !== NS.client)
      throw new Violation(`<${el.name}/> is qualified by '${ns ?? "(none)"}', not 'jabber:client'`);
  }
}

const cases: CaseSpec[] = [
  // ---- §4.8.1 stream namespace ----
  ...responseCases([
    {
      id: "rfc6120/4.8.1/content-namespace",
      title: "the response header declares jabber:client as the content namespace and the stream namespace",
      requirements: ["RFC6120-4.8.1-1", "RFC6120-4.8.2-2", "RFC6120-15-54", "RFC6120-15-56"],
      needs: ["tcp"],
      check(ctx, s) {
        ctx.expect(s.header.getNS(), "stream namespace").to.equal(NS.stream);
        ctx.expect(s.header.attrs.xmlns, "content namespace").to.equal(NS.client);
      },
    },
  ]),
  ...streamBytesCases([
    {
      id: "rfc6120/4.8.1/invalid-stream-namespace",
      title: "a stream header in the wrong namespace gets <invalid-namespace/>",
      requirements: [
        "RFC6120-4.8.1-2",
        "RFC6120-4.9.1.1-1",
        "RFC6120-4.9.1.2-1",
        "RFC6120-4.7.1-3",
        "RFC6120-4.7.3-4",
      ],
      on: "start",
      bytes: (domain) =>
        rawHeader(
          `xmlns='${NS.client}' xmlns:stream='http://wrong.example/streams' to='${domain}' version='1.0'`,
        ),
      gradedBy: ["RFC6120-4.8.1-2"],
      headerFirst: true,
    },
  ]),
  // ---- §4.8.3 content namespaces ----
  {
    id: "rfc6120/4.8.3/client-gets-jabber-client",
    title:
      "a delivered message and the server's own IQ answer are qualified by 'jabber:client', never 'jabber:server'",
    requirements: ["RFC6120-4.8.3-8", "RFC6120-4.8.3-7"],
    users: ["alice", "bob:available"],
    async run(ctx, { alice, bob }) {
      const id = nextId("ns");
      const got = bob.expect(messageWithId(id));
      await alice.send(message(bob.full, "which namespace?", { id }));
      const delivered = await got;
      assertJabberClient([delivered, await alice.iq(ping(ctx.domain))]);
    },
  },
  {
    id: "rfc6120/4.8.3/invalid-content-namespace",
    title: "an unsupported content namespace gets <invalid-namespace/>, after a header with 'from' and 'id'",
    requirements: [
      "RFC6120-4.8.3-4",
      "RFC6120-4.9.1.1-1",
      "RFC6120-4.9.1.2-1",
      "RFC6120-4.7.1-3",
      "RFC6120-4.7.3-4",
    ],
    needs: ["tcp"],
    async run(ctx) {
      const s = await sentRawHeader(
        ctx,
        `xmlns='urn:example:not-a-content-ns' xmlns:stream='${NS.stream}' to='${ctx.domain}' version='1.0'`,
      );
      // §4.8.3: the error is due when a first-level element arrives in the unsupported namespace, and
      // then it MUST be <invalid-namespace/>; a server may refuse the header already ("MAY refuse to
      // support any other content namespaces"), where only §4.9.3.10's definition names the condition.
      const early = await s
        .readHeader()
        .then(() => s.readFeatures())
        .then(
          () => !!s.streamError,
          () => true,
        );
      const gradedBy = early ? ["RFC6120-4.9.3.10"] : ["RFC6120-4.8.3-4"];
      await expectStreamError(ctx, s, gradedBy, early ? undefined : "<presence/>");
      assertResponseHeader(s);
    },
  },
  {
    id: "rfc6120/4.8.3/jabber-server-stanza-on-client-stream",
    title: "an <iq/> qualified by 'jabber:server' on a client stream gets <invalid-namespace/>",
    requirements: ["RFC6120-4.8.3-4", "RFC6120-4.9.1.1-1"],
    users: ["alice"],
    async run(ctx, { alice }) {
      // §4.8.3: 'jabber:server' is out of scope on a client stream; a first-level element in a content
      // namespace the stream does not support MUST close it with <invalid-namespace/>. Any answer to the
      // iq (result or error) shows it was processed instead.
      const attrs = { xmlns: NS.server, type: "get", id: "server-ns", to: ctx.domain, from: alice.full };
      const iq = xml("iq", attrs, xml("ping", { xmlns: NS.ping }));
      await alice.send(iq);
      await expectStreamError(ctx, alice, ["RFC6120-4.8.3-4"]);
    },
  },
  // ---- §4.8.4 other namespaces ----
  {
    id: "rfc6120/4.8.4/other-namespace-not-routed",
    title: "a first-level element in another namespace addressed to another user's full JID is not delivered",
    requirements: ["RFC6120-4.8.4-2"],
    users: ["alice", "bob:available"],
    async run(_ctx, { alice, bob }) {
      const id = nextId("other");
      await alice.send(
        `<thing xmlns='urn:example:xmppspec:${uid()}' to='${bob.full}' id='${id}'><x/></thing>`,
      );
      // the server may ignore it or close Alice's stream with a stream error (§4.9.3.24); either way, once
      // Alice's stream has moved past it, Bob (who advertised nothing of the kind) must not have it
      const open = await stillOpen(alice);
      if (open) await markerBarrier(alice, bob);
      await bob.expectNothing({ id }, "the element in another namespace was delivered");
    },
  },
  ...ignoredOrRefusedCases([
    {
      id: "rfc6120/4.8.4/unsupported-stanza-type",
      title: "an unknown first-level element in jabber:client is ignored or gets a stream error",
      bytes: () => "<frobnicate xmlns='jabber:client'/>",
    },
    {
      id: "rfc6120/4.8.4/unknown-namespace-element",
      title:
        "a first-level element in an unknown namespace is ignored or gets a stream error (<unsupported-stanza-type/>)",
      bytes: () => `<thing xmlns='urn:example:xmppspec:${uid()}'/>`,
    },
    {
      id: "rfc6120/4.8.4/client-sent-features",
      title: "a <stream:features/> sent by the client is ignored or gets a stream error",
      bytes: () => "<stream:features/>",
      needs: ["tcp"],
    },
  ]),
];

export default section("rfc6120", "4.8", "XML Namespaces", cases);
